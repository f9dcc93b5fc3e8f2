import type { JsonWebKey } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

const CLIENT_JWKS_PATH = '/test-client/jwks.json';

export interface IdentityProviderOptions {
  /** Where its one client may be sent back to. */
  redirectUris: string[];
  /** The client's public key: it then authenticates with private_key_jwt, as GOV.UK One Login requires, instead of its secret. */
  clientJwk?: JsonWebKey;
  /** The claims a login gets besides `sub`; by default the login itself as a verified email. */
  claims?: (login: string) => Record<string, unknown>;
  /** Claims in the ID token as well as from userinfo (GOV.UK One Login gives `vot` in the ID token). */
  claimsInIdToken?: boolean;
}

/**
 * A real OpenID Connect provider (the `oidc-provider` package) on a loopback port, with its
 * development sign-in pages: any login name is accepted, and becomes the person's email. Its one
 * client may be sent back to any of `redirectUris` (the API's callback, the pages' callback).
 */
export function startIdentityProvider(...redirectUris: string[]): Promise<TestIdentityProvider> {
  return startProvider({ redirectUris });
}

export async function startProvider(options: IdentityProviderOptions): Promise<TestIdentityProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = { clientId: 'ehc-engine', clientSecret: 'a-client-secret-for-the-test-provider' };
  // The client's key is fetched from a jwks_uri rather than given as `jwks`: oidc-provider copies
  // static clients with structuredClone, whose objects fail its own plain-object check under Jest's module sandbox.
  const authentication = options.clientJwk
    ? { token_endpoint_auth_method: 'private_key_jwt', jwks_uri: `${issuer}${CLIENT_JWKS_PATH}` }
    : { client_secret: client.clientSecret, token_endpoint_auth_method: 'client_secret_post' };
  const claimsOf = options.claims ?? ((login: string) => ({ email: login, email_verified: true }));
  const provider = new Provider(issuer, {
    clients: [{ client_id: client.clientId, ...authentication, redirect_uris: options.redirectUris, grant_types: ['authorization_code'], response_types: ['code'] }],
    claims: { openid: ['sub', 'vot'], email: ['email', 'email_verified'] },
    conformIdTokenClaims: !options.claimsInIdToken,
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ ...claimsOf(sub), sub }) }),
    cookies: { keys: ['a-cookie-key-for-the-test-provider'] },
    features: { devInteractions: { enabled: true } },
    ttl: { Session: 3600, Grant: 3600, Interaction: 600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
  });
  const callback = provider.callback();
  server.on('request', (request, response) => {
    if (request.url !== CLIENT_JWKS_PATH) return callback(request, response);
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ keys: [options.clientJwk] }));
  });
  return {
    issuer,
    ...client,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/**
 * Plays the person at the browser: follows the provider's redirects with its cookies, signs in
 * as `login`, consents, and returns the URL the provider finally sends the browser back to.
 */
export async function signInAtProvider(authorizationUrl: string, login: string, redirectUri: string): Promise<URL> {
  const cookies = new Map<string, string>();
  let url = new URL(authorizationUrl);
  let body: URLSearchParams | undefined;
  for (let step = 0; step < 20; step++) {
    const response = await fetch(url, {
      method: body ? 'POST' : 'GET',
      body,
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url);
      if (url.href.startsWith(redirectUri)) return url;
      body = undefined;
      continue;
    }
    const prompt = /name="prompt" value="(login|consent)"/.exec(await response.text())?.[1];
    if (!prompt) throw new Error(`the provider answered ${response.status} at ${url.href} without a form or a redirect`);
    body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'anything' } : { prompt });
  }
  throw new Error('the provider never redirected back');
}
