import { resolve } from 'node:path';
import { z } from 'zod';
import { type AdviceConfig, adviceConfig, adviceSettings } from './advice-config.js';
import { type DocumentsConfig, checkDocumentSettings, documentsConfig, documentSettings } from './documents-config.js';
import { type AuthConfig, authConfig, authSettings, checkAuthSettings } from './auth-config.js';
import { checkFamilyOidcSettings, type FamilyOidcConfig, familyOidcConfig, familyOidcSettings } from './family-oidc-config.js';
import { type QueueConfig, queueConfig, queueSettings } from './queue-config.js';
import { type WebConfig, webConfig, webSettings } from './web-config.js';

const DEFAULT_EMBEDDED_PORT = 54329;

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
  .optional();

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: postgresUrl,
  DATA_DIR: z.string().min(1).optional(),
  EMBEDDED_POSTGRES_PORT: z.coerce.number().int().min(1).max(65535).default(DEFAULT_EMBEDDED_PORT),
  LOCAL_AUTHORITY_NAME: z.string().min(1).default('Local authority'),
  LOCAL_AUTHORITY_CODE: z
    .string()
    .regex(/^[A-Z0-9]{2,10}$/, 'must be 2–10 capital letters or digits, for example LA or 873')
    .default('LA'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  IMPORT_MAX_BYTES: z.coerce.number().int().min(1024).default(10 * 1024 * 1024),
  ...authSettings,
  ...queueSettings,
  ...webSettings,
  ...adviceSettings,
  ...documentSettings,
  ...familyOidcSettings,
});

export interface AppConfig {
  port: number;
  /** Unset: the embedded PostgreSQL under `dataDir` is used. */
  databaseUrl?: string;
  /** Unset: the embedded PostgreSQL's default folder (`defaultDataDir`: `.data`, or under /var/lib as root in a private folder). */
  dataDir?: string;
  embeddedPostgresPort: number;
  localAuthority: { code: string; name: string };
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  /** The largest caseload file `POST /api/imports` accepts; a larger one is refused (413) before it is read. */
  importMaxBytes: number;
  /** Accounts, tokens, sign-in, single sign-on, CORS, rate limits and retention (auth-config.ts). */
  auth: AuthConfig;
  /** Job queues, alert workers and delivery channels (queue-config.ts). */
  queues: QueueConfig;
  /** Sessions and proxies of the web pages (web-config.ts). */
  web: WebConfig;
  /** The advice portal's links and uploads (advice-config.ts). */
  advice: AdviceConfig;
  /** Where uploaded files are kept, and the virus scanner they pass first (documents-config.ts). */
  documents: DocumentsConfig;
  /** The family's sign-in through an OpenID Connect provider such as GOV.UK One Login; unset, they sign in by emailed code only (family-oidc-config.ts). */
  familyOidc?: FamilyOidcConfig;
}

export class ConfigError extends Error {}

/**
 * Reads the environment once at start. A bad setting stops start-up with one line
 * naming it, rather than failing later in the middle of a request.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = schema
    .superRefine((settings, ctx) => {
      checkAuthSettings(settings, ctx);
      checkFamilyOidcSettings(settings, ctx);
      checkDocumentSettings(settings, ctx);
    }).safeParse(blankAsUnset);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const settings = parsed.data;
  return {
    port: settings.PORT,
    databaseUrl: settings.DATABASE_URL,
    dataDir: settings.DATA_DIR === undefined ? undefined : resolve(settings.DATA_DIR),
    embeddedPostgresPort: settings.EMBEDDED_POSTGRES_PORT,
    localAuthority: { code: settings.LOCAL_AUTHORITY_CODE, name: settings.LOCAL_AUTHORITY_NAME },
    logLevel: settings.LOG_LEVEL,
    importMaxBytes: settings.IMPORT_MAX_BYTES,
    auth: authConfig(settings),
    queues: queueConfig(settings),
    web: webConfig(settings),
    advice: adviceConfig(settings),
    documents: documentsConfig(settings),
    familyOidc: familyOidcConfig(settings),
  };
}
