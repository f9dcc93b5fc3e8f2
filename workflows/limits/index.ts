/** The limit model every statutory process shares (design section 7). */
export * from './limit-record.js';
export * from './limit-definition.js';
export * from './limit-instance.js';
export * from './due-rules.js';
export * from './served-dates.js';
export * from './appeal-window.js';
export * from './exception-claims.js';
