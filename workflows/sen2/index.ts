/** The public API of the SEN2 person-level return's vocabulary: code lists, identifier validators, the choices between sources. */
export * from './codes.js';
export {
  PLACEHOLDER_ULN,
  UPN_CHECK_LETTERS,
  isTemporaryUpn,
  laNumberReason,
  normalisePostcode,
  normaliseUpn,
  postcodeReason,
  ukprnReason,
  ulnCheckDigit,
  ulnReason,
  upnCheckLetter,
  upnReason,
  urnReason,
} from './identifiers.js';
export { childIdentityReasons, type ChildIdentity, type ChildIdentityField, type ChildIdentityReasons } from './identity.js';
export { SEN2_SOURCE_CHOICES, type SourceChoice } from './source-choices.js';
export * from './return/index.js';
