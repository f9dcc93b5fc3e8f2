import { z } from 'zod';

const positiveInt = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);
const httpUrl = z.string().regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL');

/** The environment variables of accounts and sign-in; merged into the one schema in app-config.ts. */
export const authSettings = {
  AUTH_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters (for example `openssl rand -base64 48`)').optional(),
  AUTH_ACCESS_TOKEN_TTL_SECONDS: positiveInt(900, 3600),
  AUTH_REFRESH_TOKEN_TTL_HOURS: positiveInt(12, 24 * 30),
  AUTH_MAX_FAILED_ATTEMPTS: positiveInt(5, 100),
  AUTH_LOCKOUT_MINUTES: positiveInt(15, 24 * 60),
  ADMIN_EMAIL: z.string().email('must be an email address').optional(),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  LOGIN_RATE_LIMIT_PER_MINUTE: positiveInt(10, 100_000),
  API_RATE_LIMIT_PER_MINUTE: positiveInt(600, 1_000_000),
  CORS_ORIGINS: z
    .string()
    .regex(/^https?:\/\/[^\s,]+(,https?:\/\/[^\s,]+)*$/, 'must be a comma-separated list of origins such as https://ehc.example.gov.uk')
    .optional(),
  RETENTION_YEARS: positiveInt(6, 100),
  OIDC_ISSUER: httpUrl.optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_REDIRECT_URI: httpUrl.optional(),
  OIDC_PAGE_REDIRECT_URI: httpUrl.optional(),
  OIDC_PROVIDER_NAME: z.string().trim().min(1).max(80, 'must be 80 characters or fewer').optional(),
};

const authSchema = z.object(authSettings);
type Settings = z.infer<typeof authSchema>;

const OIDC_SETTINGS = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'] as const;
const OIDC_EXTRAS = ['OIDC_PAGE_REDIRECT_URI', 'OIDC_PROVIDER_NAME'] as const;
const API_CALLBACK_PATH = '/api/auth/oidc/callback';
const PAGE_CALLBACK_PATH = '/sign-in/oidc/callback';

/**
 * Where the provider sends a browser back after a page sign-in: OIDC_PAGE_REDIRECT_URI, or else the
 * API's redirect URI with its callback path swapped for the page's, since both routes are served by
 * the same application at the same address (a path prefix in front of it included).
 */
function pageRedirectUri(settings: Settings): string | undefined {
  if (settings.OIDC_PAGE_REDIRECT_URI) return settings.OIDC_PAGE_REDIRECT_URI;
  const api = settings.OIDC_REDIRECT_URI;
  return api?.endsWith(API_CALLBACK_PATH) ? api.slice(0, -API_CALLBACK_PATH.length) + PAGE_CALLBACK_PATH : undefined;
}

/** Settings that only make sense together: half a single sign-on set-up is a mistake, not a default. */
export function checkAuthSettings(settings: Settings, ctx: z.RefinementCtx): void {
  checkOidcSettings(settings, ctx);
  if ((settings.ADMIN_EMAIL === undefined) !== (settings.ADMIN_PASSWORD === undefined)) {
    const missing = settings.ADMIN_EMAIL === undefined ? 'ADMIN_EMAIL' : 'ADMIN_PASSWORD';
    ctx.addIssue({ code: 'custom', path: [missing], message: 'is required with the other of ADMIN_EMAIL / ADMIN_PASSWORD' });
  }
}

function checkOidcSettings(settings: Settings, ctx: z.RefinementCtx): void {
  const oidcGiven = OIDC_SETTINGS.filter((name) => settings[name] !== undefined);
  if (oidcGiven.length > 0 && oidcGiven.length < OIDC_SETTINGS.length) {
    const missing = OIDC_SETTINGS.filter((name) => settings[name] === undefined);
    ctx.addIssue({ code: 'custom', path: [missing[0]], message: `is required when ${oidcGiven[0]} is set (single sign-on needs all of ${OIDC_SETTINGS.join(', ')})` });
  }
  const extra = OIDC_EXTRAS.find((name) => settings[name] !== undefined);
  if (extra && settings.OIDC_ISSUER === undefined) ctx.addIssue({ code: 'custom', path: [extra], message: 'is set but single sign-on is not (OIDC_ISSUER and related settings)' });
  if (settings.OIDC_REDIRECT_URI !== undefined && !pageRedirectUri(settings)) {
    ctx.addIssue({ code: 'custom', path: ['OIDC_PAGE_REDIRECT_URI'], message: `is required when OIDC_REDIRECT_URI does not end in ${API_CALLBACK_PATH} (the pages' callback is ${PAGE_CALLBACK_PATH})` });
  }
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The API's callback, GET /api/auth/oidc/callback. */
  redirectUri: string;
  /** The pages' callback, GET /sign-in/oidc/callback. */
  pageRedirectUri: string;
  /** What the sign-in page's button calls the provider: "Sign in with <providerName>". */
  providerName: string;
}

export interface AuthConfig {
  /** Unset: a secret is generated once and kept in the database (auth_signing_key). */
  tokenSecret?: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlHours: number;
  maxFailedAttempts: number;
  lockoutMinutes: number;
  firstAdmin?: { email: string; password: string };
  loginRateLimitPerMinute: number;
  apiRateLimitPerMinute: number;
  /** Empty: cross-origin requests are refused (no CORS headers are sent). */
  corsOrigins: string[];
  retentionYears: number;
  oidc?: OidcConfig;
}

export function authConfig(settings: Settings): AuthConfig {
  return {
    tokenSecret: settings.AUTH_TOKEN_SECRET,
    accessTokenTtlSeconds: settings.AUTH_ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlHours: settings.AUTH_REFRESH_TOKEN_TTL_HOURS,
    maxFailedAttempts: settings.AUTH_MAX_FAILED_ATTEMPTS,
    lockoutMinutes: settings.AUTH_LOCKOUT_MINUTES,
    firstAdmin: settings.ADMIN_EMAIL && settings.ADMIN_PASSWORD ? { email: settings.ADMIN_EMAIL, password: settings.ADMIN_PASSWORD } : undefined,
    loginRateLimitPerMinute: settings.LOGIN_RATE_LIMIT_PER_MINUTE,
    apiRateLimitPerMinute: settings.API_RATE_LIMIT_PER_MINUTE,
    corsOrigins: settings.CORS_ORIGINS ? settings.CORS_ORIGINS.split(',') : [],
    retentionYears: settings.RETENTION_YEARS,
    oidc: settings.OIDC_ISSUER
      ? {
          issuer: settings.OIDC_ISSUER,
          clientId: settings.OIDC_CLIENT_ID!,
          clientSecret: settings.OIDC_CLIENT_SECRET!,
          redirectUri: settings.OIDC_REDIRECT_URI!,
          pageRedirectUri: pageRedirectUri(settings)!,
          providerName: settings.OIDC_PROVIDER_NAME ?? 'your council account',
        }
      : undefined,
  };
}
