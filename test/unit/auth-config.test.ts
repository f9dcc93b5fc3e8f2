import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config/app-config.js';

describe('auth settings', () => {
  it('need nothing set: tokens, lockout and rate limits have safe defaults and CORS is closed', () => {
    const { auth } = loadConfig({});
    expect(auth).toMatchObject({ tokenSecret: undefined, accessTokenTtlSeconds: 900, maxFailedAttempts: 5, corsOrigins: [], oidc: undefined, firstAdmin: undefined });
  });

  it.each([
    [{ AUTH_TOKEN_SECRET: 'short' }, /^Invalid configuration: AUTH_TOKEN_SECRET must be at least 32/],
    [{ ADMIN_EMAIL: 'admin@council.example' }, /^Invalid configuration: ADMIN_PASSWORD is required/],
    [{ ADMIN_EMAIL: 'not an email', ADMIN_PASSWORD: 'long enough password' }, /^Invalid configuration: ADMIN_EMAIL /],
    [{ OIDC_ISSUER: 'https://login.council.example' }, /^Invalid configuration: OIDC_CLIENT_ID is required when OIDC_ISSUER is set/],
    [{ CORS_ORIGINS: '*' }, /^Invalid configuration: CORS_ORIGINS /],
    [{ AUTH_MAX_FAILED_ATTEMPTS: '0' }, /^Invalid configuration: AUTH_MAX_FAILED_ATTEMPTS /],
  ])('stops with one line naming the bad setting: %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads CORS_ORIGINS as a list', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example,https://b.example' }).auth.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });
});
