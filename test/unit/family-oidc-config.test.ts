import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config/app-config.js';

const pkcs8 = (key: KeyObject) => key.export({ type: 'pkcs8', format: 'pem' }).toString();
const RSA_KEY = pkcs8(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
const ecKey = (namedCurve: string) => pkcs8(generateKeyPairSync('ec', { namedCurve }).privateKey);

/** A council's GOV.UK One Login client, as its IT department would set it. */
const ONE_LOGIN = {
  FAMILY_OIDC_ISSUER: 'https://oidc.integration.account.gov.uk/',
  FAMILY_OIDC_CLIENT_ID: 'council-ehc',
  FAMILY_OIDC_REDIRECT_URI: 'https://ehc.council.example/family/sign-in/oidc/callback',
  FAMILY_OIDC_PRIVATE_KEY: RSA_KEY,
};

describe('family sign-in through a provider settings', () => {
  it('are off when none is set: the family signs in by emailed code only', () => {
    expect(loadConfig({}).familyOidc).toBeUndefined();
  });

  it('read a GOV.UK One Login client with a private key, named GOV.UK One Login unless told otherwise', () => {
    expect(loadConfig({ ...ONE_LOGIN, FAMILY_OIDC_VTR: '["Cl.Cm"]' }).familyOidc).toEqual({
      issuer: 'https://oidc.integration.account.gov.uk/',
      clientId: 'council-ehc',
      redirectUri: 'https://ehc.council.example/family/sign-in/oidc/callback',
      clientAuth: { method: 'private_key_jwt', privateKeyPem: RSA_KEY.trim() },
      providerName: 'GOV.UK One Login',
      vtr: ['Cl.Cm'],
    });
  });

  it('take a PEM whose line breaks were written as \\n, an EC P-256 key, a bare vector and a client secret instead', () => {
    const escaped = loadConfig({ ...ONE_LOGIN, FAMILY_OIDC_PRIVATE_KEY: RSA_KEY.replace(/\n/g, '\\n'), FAMILY_OIDC_VTR: 'Cl' }).familyOidc;
    expect(escaped).toMatchObject({ clientAuth: { privateKeyPem: RSA_KEY.trim() }, vtr: ['Cl'] });
    expect(loadConfig({ ...ONE_LOGIN, FAMILY_OIDC_PRIVATE_KEY: ecKey('prime256v1') }).familyOidc?.clientAuth.method).toBe('private_key_jwt');
    const secret = loadConfig({ ...ONE_LOGIN, FAMILY_OIDC_PRIVATE_KEY: '', FAMILY_OIDC_CLIENT_SECRET: 's3cret', FAMILY_OIDC_PROVIDER_NAME: 'Council family sign-in' }).familyOidc;
    expect(secret).toMatchObject({ clientAuth: { method: 'client_secret_post', secret: 's3cret' }, providerName: 'Council family sign-in', vtr: undefined });
  });

  it('allow plain http for a provider on this machine', () => {
    expect(loadConfig({ ...ONE_LOGIN, FAMILY_OIDC_ISSUER: 'http://127.0.0.1:9000', FAMILY_OIDC_REDIRECT_URI: 'http://localhost:3000/family/sign-in/oidc/callback' }).familyOidc?.issuer).toBe('http://127.0.0.1:9000');
  });

  it.each([
    [{ FAMILY_OIDC_ISSUER: ONE_LOGIN.FAMILY_OIDC_ISSUER }, /^Invalid configuration: FAMILY_OIDC_CLIENT_ID is required when FAMILY_OIDC_ISSUER is set/],
    [{ FAMILY_OIDC_PROVIDER_NAME: 'GOV.UK One Login' }, /^Invalid configuration: FAMILY_OIDC_PROVIDER_NAME is set but the family’s sign-in through a provider is not/],
    [{ FAMILY_OIDC_VTR: '["Cl.Cm"]' }, /^Invalid configuration: FAMILY_OIDC_VTR is set but/],
    [{ ...ONE_LOGIN, FAMILY_OIDC_ISSUER: 'http://oidc.account.gov.uk/' }, /^Invalid configuration: FAMILY_OIDC_ISSUER must be an https URL \(plain http only for localhost/],
    [{ ...ONE_LOGIN, FAMILY_OIDC_REDIRECT_URI: 'https://ehc.council.example/sign-in/oidc/callback' }, /^Invalid configuration: FAMILY_OIDC_REDIRECT_URI must end in \/family\/sign-in\/oidc\/callback/],
    [{ ...ONE_LOGIN, FAMILY_OIDC_PRIVATE_KEY: undefined }, /^Invalid configuration: FAMILY_OIDC_PRIVATE_KEY or FAMILY_OIDC_CLIENT_SECRET is required/],
    [{ ...ONE_LOGIN, FAMILY_OIDC_CLIENT_SECRET: 's3cret' }, /^Invalid configuration: FAMILY_OIDC_CLIENT_SECRET and FAMILY_OIDC_PRIVATE_KEY are both set/],
    [{ ...ONE_LOGIN, FAMILY_OIDC_PRIVATE_KEY: 'not a key' }, /^Invalid configuration: FAMILY_OIDC_PRIVATE_KEY must be a PEM private key/],
    [{ ...ONE_LOGIN, FAMILY_OIDC_PRIVATE_KEY: ecKey('secp384r1') }, /^Invalid configuration: FAMILY_OIDC_PRIVATE_KEY must be an RSA or EC P-256 private key \(this one is ec\)/],
    [{ ...ONE_LOGIN, FAMILY_OIDC_VTR: 'Cl.Cm.P2' }, /^Invalid configuration: FAMILY_OIDC_VTR must be a vector of trust or a JSON list of them/],
    [{ ...ONE_LOGIN, FAMILY_OIDC_VTR: '["Cl.Cm"' }, /^Invalid configuration: FAMILY_OIDC_VTR must be/],
    [{ ...ONE_LOGIN, FAMILY_OIDC_VTR: '[]' }, /^Invalid configuration: FAMILY_OIDC_VTR must be/],
  ])('stop with one line naming the bad setting: %#', (env, message) => {
    expect(() => loadConfig(env as Record<string, string>)).toThrow(message);
  });
});
