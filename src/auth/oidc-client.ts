import * as oidc from 'openid-client';
import type { OidcConfig } from '../config/auth-config.js';

/** Plain http is allowed only for a provider on this machine (development and the end-to-end test). */
const isLoopback = (url: URL) => url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

/** Reads the provider's discovery document; once it has succeeded it is reused. */
export class OidcClient {
  private configuration?: Promise<oidc.Configuration>;

  constructor(readonly settings: OidcConfig) {}

  discover(): Promise<oidc.Configuration> {
    const issuer = new URL(this.settings.issuer);
    this.configuration ??= oidc
      .discovery(issuer, this.settings.clientId, this.settings.clientSecret, undefined, isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined)
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw error;
      });
    return this.configuration;
  }
}
