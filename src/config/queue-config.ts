import { z } from 'zod';

/** Settings of the job queues, the alert workers and their delivery channels. */
export const queueSettings = {
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
  QUEUE_PREFIX: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'must be 1–40 lower-case letters, digits, - or _').default('ehc'),
  RUN_WORKERS: z.enum(['true', 'false']).default('true'),
  ALERT_SWEEP_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().min(3).default('EHC alerts <ehc-alerts@localhost>'),
  WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  PRUNE_OUTBOX_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  PRUNE_REFRESH_TOKEN_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .regex(/^[A-Za-z0-9.:_-]+(,[A-Za-z0-9.:_-]+)*$/, 'must be a comma-separated list of host names or addresses')
    .optional(),
};

type QueueSettings = z.infer<z.ZodObject<typeof queueSettings>>;

export interface QueueConfig {
  /** Unset: BullMQ runs on its PostgreSQL backend in the application's database. */
  redisUrl?: string;
  prefix: string;
  /** Whether this process consumes the queues (`npm start` does; an API-only replica need not). */
  runWorkers: boolean;
  sweepEveryMinutes: number;
  smtpUrl?: string;
  mailFrom: string;
  /** Signs webhook bodies (HMAC-SHA256); webhooks are not sent without it. */
  webhookSecret?: string;
  /** Hosts a webhook may reach although they resolve to internal addresses, over http or https. */
  webhookAllowedHosts: string[];
  /** Days relayed outbox rows, and refresh tokens past expiry or revocation, are kept before the nightly prune. */
  pruning: { outboxDays: number; refreshTokenDays: number };
}

export function queueConfig(settings: QueueSettings): QueueConfig {
  return {
    redisUrl: settings.REDIS_URL,
    prefix: settings.QUEUE_PREFIX,
    runWorkers: settings.RUN_WORKERS === 'true',
    sweepEveryMinutes: settings.ALERT_SWEEP_MINUTES,
    smtpUrl: settings.SMTP_URL,
    mailFrom: settings.MAIL_FROM,
    webhookSecret: settings.WEBHOOK_SECRET,
    webhookAllowedHosts: settings.WEBHOOK_ALLOWED_HOSTS?.toLowerCase().split(',') ?? [],
    pruning: { outboxDays: settings.PRUNE_OUTBOX_DAYS, refreshTokenDays: settings.PRUNE_REFRESH_TOKEN_DAYS },
  };
}
