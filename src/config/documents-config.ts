import { z } from 'zod';

/** The environment variables of where uploaded files are kept and how they are scanned; merged into the one schema in app-config.ts. */
export const documentSettings = {
  DOCUMENT_STORE: z.enum(['postgres', 's3']).default('postgres'),
  S3_ENDPOINT: z.string().regex(/^https?:\/\/[^\s/?#]+\/?$/, 'must be the http(s) address of the S3-compatible service, without a path').optional(),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name: 3-63 lower-case letters, digits, dots and hyphens').optional(),
  S3_REGION: z.string().regex(/^[a-z0-9-]{2,40}$/, 'must be a region name such as eu-west-2').optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('false'),
  CLAMD_URL: z.string().regex(/^tcp:\/\/[^\s/:]+:\d{1,5}\/?$/, 'must be tcp://host:port, the address clamd listens on (its TCPSocket)').optional(),
  CLAMD_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(20_000),
};

const documentSchema = z.object(documentSettings);
type Settings = z.infer<typeof documentSchema>;

const S3_ONLY = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

/** S3 needs its bucket and region; keys come both or neither (neither: the SDK's own chain, such as an instance role); S3 settings without DOCUMENT_STORE=s3 are a mistake worth stopping for. */
export function checkDocumentSettings(settings: Settings, ctx: z.RefinementCtx): void {
  const clamdPort = settings.CLAMD_URL === undefined ? undefined : Number(/:(\d+)\/?$/.exec(settings.CLAMD_URL)![1]);
  if (clamdPort !== undefined && (clamdPort < 1 || clamdPort > 65535)) ctx.addIssue({ code: 'custom', path: ['CLAMD_URL'], message: 'has a port outside 1-65535' });
  if (settings.DOCUMENT_STORE !== 's3') {
    const stray = S3_ONLY.find((name) => settings[name] !== undefined);
    if (stray) ctx.addIssue({ code: 'custom', path: [stray], message: 'is set but DOCUMENT_STORE is not s3: files would stay in PostgreSQL' });
    return;
  }
  for (const name of ['S3_BUCKET', 'S3_REGION'] as const) {
    if (settings[name] === undefined) ctx.addIssue({ code: 'custom', path: [name], message: 'is required when DOCUMENT_STORE is s3' });
  }
  if ((settings.S3_ACCESS_KEY_ID === undefined) !== (settings.S3_SECRET_ACCESS_KEY === undefined)) {
    const missing = settings.S3_ACCESS_KEY_ID === undefined ? 'S3_ACCESS_KEY_ID' : 'S3_SECRET_ACCESS_KEY';
    ctx.addIssue({ code: 'custom', path: [missing], message: 'is required with the other of S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY' });
  }
}

export interface S3StoreConfig {
  /** Unset: the provider's own endpoint for the region (AWS). */
  endpoint?: string;
  bucket: string;
  region: string;
  /** Unset: the SDK's default credential chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Most S3-compatible servers (MinIO, Ceph) want bucket/key paths rather than bucket host names. */
  forcePathStyle: boolean;
}

export interface DocumentsConfig {
  /** Unset: every file's bytes are kept in PostgreSQL with its row. */
  s3?: S3StoreConfig;
  /** Unset: uploads are not scanned. */
  clamd?: { host: string; port: number; timeoutMs: number };
}

export function documentsConfig(settings: Settings): DocumentsConfig {
  return { s3: s3Config(settings), clamd: clamdConfig(settings) };
}

function s3Config(settings: Settings): S3StoreConfig | undefined {
  if (settings.DOCUMENT_STORE !== 's3') return undefined;
  const credentials = settings.S3_ACCESS_KEY_ID && settings.S3_SECRET_ACCESS_KEY
    ? { accessKeyId: settings.S3_ACCESS_KEY_ID, secretAccessKey: settings.S3_SECRET_ACCESS_KEY }
    : undefined;
  return {
    endpoint: settings.S3_ENDPOINT?.replace(/\/$/, ''),
    bucket: settings.S3_BUCKET!,
    region: settings.S3_REGION!,
    credentials,
    forcePathStyle: settings.S3_FORCE_PATH_STYLE === 'true',
  };
}

function clamdConfig(settings: Settings): DocumentsConfig['clamd'] {
  if (!settings.CLAMD_URL) return undefined;
  const url = new URL(settings.CLAMD_URL);
  return { host: url.hostname, port: Number(url.port), timeoutMs: settings.CLAMD_TIMEOUT_MS };
}
