/** Each queue backend the application runs on, with the settings that select it: alert tests run on both. */
export const QUEUE_BACKENDS = [
  ['PostgreSQL', {}],
  ['Redis', { REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' }],
] as const;
