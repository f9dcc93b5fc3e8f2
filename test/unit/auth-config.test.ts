import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config/app-config.js';

const SSO = {
  OIDC_ISSUER: 'https://login.council.example',
  OIDC_CLIENT_ID: 'ehc',
  OIDC_CLIENT_SECRET: 'a secret',
  OIDC_REDIRECT_URI: 'https://council.example/ehc/api/auth/oidc/callback',
};

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
    [{ OIDC_PROVIDER_NAME: 'Council sign-in' }, /^Invalid configuration: OIDC_PROVIDER_NAME is set but single sign-on is not/],
    [{ ...SSO, OIDC_REDIRECT_URI: 'https://ehc.council.example/oidc-return' }, /^Invalid configuration: OIDC_PAGE_REDIRECT_URI is required when OIDC_REDIRECT_URI does not end in \/api\/auth\/oidc\/callback/],
    [{ CORS_ORIGINS: '*' }, /^Invalid configuration: CORS_ORIGINS /],
    [{ AUTH_MAX_FAILED_ATTEMPTS: '0' }, /^Invalid configuration: AUTH_MAX_FAILED_ATTEMPTS /],
  ])('stops with one line naming the bad setting: %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads CORS_ORIGINS as a list', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example,https://b.example' }).auth.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('gives the pages the callback beside the API one, unless OIDC_PAGE_REDIRECT_URI says otherwise', () => {
    expect(loadConfig(SSO).auth.oidc).toMatchObject({ pageRedirectUri: 'https://council.example/ehc/sign-in/oidc/callback', providerName: 'your council account' });
    const own = loadConfig({ ...SSO, OIDC_PAGE_REDIRECT_URI: 'https://pages.council.example/sign-in/oidc/callback', OIDC_PROVIDER_NAME: 'Council sign-in' }).auth.oidc;
    expect(own).toMatchObject({ pageRedirectUri: 'https://pages.council.example/sign-in/oidc/callback', providerName: 'Council sign-in' });
  });
});
