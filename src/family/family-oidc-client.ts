import { createPrivateKey, webcrypto } from 'node:crypto';
import * as oidc from 'openid-client';
import type { FamilyOidcClientAuth, FamilyOidcConfig } from '../config/family-oidc-config.js';

/** Plain http is allowed only for a provider on this machine (the configuration refuses it anywhere else). */
const isLoopback = (url: URL) => url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

/** The Web Crypto key for a PEM: RSA signs RS256, EC P-256 signs ES256 (the two GOV.UK One Login accepts). */
async function signingKeyOf(pem: string): Promise<webcrypto.CryptoKey> {
  const key = createPrivateKey(pem);
  const algorithm = key.asymmetricKeyType === 'rsa' ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } : { name: 'ECDSA', namedCurve: 'P-256' };
  return webcrypto.subtle.importKey('pkcs8', key.export({ type: 'pkcs8', format: 'der' }), algorithm, false, ['sign']);
}

/**
 * private_key_jwt with the token endpoint as the assertion's audience: GOV.UK One Login refuses
 * any other `aud`, where openid-client would put the issuer.
 */
function privateKeyJwt(key: webcrypto.CryptoKey): oidc.ClientAuth {
  return (as, client, body, headers) => {
    const audience: oidc.ModifyAssertionOptions = { [oidc.modifyAssertion]: (_header, payload) => void (payload.aud = as.token_endpoint) };
    return oidc.PrivateKeyJwt(key, audience)(as, client, body, headers);
  };
}

async function clientAuthOf(auth: FamilyOidcClientAuth): Promise<oidc.ClientAuth> {
  return auth.method === 'private_key_jwt' ? privateKeyJwt(await signingKeyOf(auth.privateKeyPem)) : oidc.ClientSecretPost(auth.secret);
}

/** Reads the family provider's discovery document; once it has succeeded it is reused, a failure is tried again next time. */
export class FamilyOidcClient {
  private configuration?: Promise<oidc.Configuration>;

  constructor(readonly settings: FamilyOidcConfig) {}

  discover(): Promise<oidc.Configuration> {
    this.configuration ??= this.load().catch((error: unknown) => {
      this.configuration = undefined;
      throw error;
    });
    return this.configuration;
  }

  private async load(): Promise<oidc.Configuration> {
    const issuer = new URL(this.settings.issuer);
    const options = isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined;
    return oidc.discovery(issuer, this.settings.clientId, undefined, await clientAuthOf(this.settings.clientAuth), options);
  }
}
