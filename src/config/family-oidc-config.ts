import { createPrivateKey } from 'node:crypto';
import { z } from 'zod';

const httpUrl = z.string().regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL');
const CALLBACK_PATH = '/family/sign-in/oidc/callback';
/** GOV.UK One Login's vectors of trust: a credential level, with a level of confidence in identity before it. */
const VECTOR = /^(P[0-4]\.)?Cl(\.Cm)?$/;

/** The environment variables of the family's sign-in through an OpenID Connect provider; merged into the one schema in app-config.ts. */
export const familyOidcSettings = {
  FAMILY_OIDC_ISSUER: httpUrl.optional(),
  FAMILY_OIDC_CLIENT_ID: z.string().min(1).optional(),
  FAMILY_OIDC_REDIRECT_URI: httpUrl.optional(),
  FAMILY_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  FAMILY_OIDC_PRIVATE_KEY: z.string().min(1).optional(),
  FAMILY_OIDC_PROVIDER_NAME: z.string().trim().min(1).max(80, 'must be 80 characters or fewer').optional(),
  FAMILY_OIDC_VTR: z.string().min(1).optional(),
};

const familyOidcSchema = z.object(familyOidcSettings);
type Settings = z.infer<typeof familyOidcSchema>;

const REQUIRED = ['FAMILY_OIDC_ISSUER', 'FAMILY_OIDC_CLIENT_ID', 'FAMILY_OIDC_REDIRECT_URI'] as const;
const EXTRAS = ['FAMILY_OIDC_CLIENT_SECRET', 'FAMILY_OIDC_PRIVATE_KEY', 'FAMILY_OIDC_PROVIDER_NAME', 'FAMILY_OIDC_VTR'] as const;

/** How the engine proves to the provider's token endpoint that it is the registered client. */
export type FamilyOidcClientAuth = { method: 'client_secret_post'; secret: string } | { method: 'private_key_jwt'; privateKeyPem: string };

export interface FamilyOidcConfig {
  issuer: string;
  clientId: string;
  /** GET /family/sign-in/oidc/callback, as registered with the provider. */
  redirectUri: string;
  clientAuth: FamilyOidcClientAuth;
  /** The button says "Sign in with <providerName>". */
  providerName: string;
  /** GOV.UK One Login's vector of trust, sent as `vtr`; the ID token's `vot` must be one of them. */
  vtr?: string[];
}

/** A PEM in an environment variable often arrives with its line breaks written as `\n`. */
const pemOf = (value: string) => value.replace(/\\n/g, '\n').trim();

/** Plain http only for a provider on this machine (development and the tests): anywhere else the tokens would cross the network readable. */
function isLoopbackOrHttps(url: URL): boolean {
  return url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

const urlOf = (value: string) => (URL.canParse(value) ? new URL(value) : undefined);

/** The vectors of FAMILY_OIDC_VTR, written as One Login documents them (`["Cl.Cm"]`) or bare (`Cl.Cm`); undefined when malformed. */
export function vectorsOf(value: string): string[] | undefined {
  let parsed: unknown = value.trim();
  if (value.trim().startsWith('[')) {
    try {
      parsed = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const vectors = Array.isArray(parsed) ? parsed : [parsed];
  return vectors.length > 0 && vectors.every((v) => typeof v === 'string' && VECTOR.test(v)) ? vectors : undefined;
}

/** A private key GOV.UK One Login can check a client assertion with: RSA (RS256) or EC P-256 (ES256). */
function privateKeyProblem(value: string): string | undefined {
  try {
    const key = createPrivateKey(pemOf(value));
    if (key.asymmetricKeyType === 'rsa' || (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1')) return undefined;
    return `must be an RSA or EC P-256 private key (this one is ${key.asymmetricKeyType})`;
  } catch {
    return 'must be a PEM private key (-----BEGIN PRIVATE KEY----- …), its line breaks as they are or written \\n';
  }
}

/** Settings that only make sense together: half a provider set-up is a mistake, not a default. */
export function checkFamilyOidcSettings(settings: Settings, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  const given = REQUIRED.filter((name) => settings[name] !== undefined);
  if (given.length === 0) {
    const extra = EXTRAS.find((name) => settings[name] !== undefined);
    if (extra) issue(extra, 'is set but the family’s sign-in through a provider is not (FAMILY_OIDC_ISSUER and related settings)');
    return;
  }
  const missing = REQUIRED.find((name) => settings[name] === undefined);
  if (missing) return issue(missing, `is required when ${given[0]} is set (the family’s sign-in through a provider needs all of ${REQUIRED.join(', ')})`);
  const issuer = urlOf(settings.FAMILY_OIDC_ISSUER!);
  if (!issuer || !isLoopbackOrHttps(issuer)) issue('FAMILY_OIDC_ISSUER', 'must be an https URL (plain http only for localhost or 127.0.0.1)');
  if (!urlOf(settings.FAMILY_OIDC_REDIRECT_URI!)?.pathname.endsWith(CALLBACK_PATH)) issue('FAMILY_OIDC_REDIRECT_URI', `must end in ${CALLBACK_PATH}, the family’s callback`);
  checkClientAuth(settings, issue);
  if (settings.FAMILY_OIDC_VTR !== undefined && !vectorsOf(settings.FAMILY_OIDC_VTR)) issue('FAMILY_OIDC_VTR', 'must be a vector of trust or a JSON list of them, such as ["Cl.Cm"] or ["P2.Cl.Cm"]');
}

function checkClientAuth(settings: Settings, issue: (path: string, message: string) => void): void {
  const { FAMILY_OIDC_CLIENT_SECRET: secret, FAMILY_OIDC_PRIVATE_KEY: key } = settings;
  if (secret === undefined && key === undefined) return issue('FAMILY_OIDC_PRIVATE_KEY', 'or FAMILY_OIDC_CLIENT_SECRET is required: how the engine authenticates to the provider (GOV.UK One Login takes a private key)');
  if (secret !== undefined && key !== undefined) return issue('FAMILY_OIDC_CLIENT_SECRET', 'and FAMILY_OIDC_PRIVATE_KEY are both set: set one, the way the client is registered with the provider');
  const problem = key === undefined ? undefined : privateKeyProblem(key);
  if (problem) issue('FAMILY_OIDC_PRIVATE_KEY', problem);
}

export function familyOidcConfig(settings: Settings): FamilyOidcConfig | undefined {
  if (!settings.FAMILY_OIDC_ISSUER) return undefined;
  return {
    issuer: settings.FAMILY_OIDC_ISSUER,
    clientId: settings.FAMILY_OIDC_CLIENT_ID!,
    redirectUri: settings.FAMILY_OIDC_REDIRECT_URI!,
    clientAuth: settings.FAMILY_OIDC_PRIVATE_KEY
      ? { method: 'private_key_jwt', privateKeyPem: pemOf(settings.FAMILY_OIDC_PRIVATE_KEY) }
      : { method: 'client_secret_post', secret: settings.FAMILY_OIDC_CLIENT_SECRET! },
    providerName: settings.FAMILY_OIDC_PROVIDER_NAME ?? 'GOV.UK One Login',
    vtr: settings.FAMILY_OIDC_VTR ? vectorsOf(settings.FAMILY_OIDC_VTR) : undefined,
  };
}
