import { createPostgresBackend, setDefaultBackendFactory, type ConnectionOptions } from 'bullmq';
import type { QueueConfig } from '../config/queue-config.js';

/**
 * BullMQ runs on Redis when REDIS_URL is set, otherwise on its PostgreSQL backend in the
 * application's own database (tables in the `bullmq` schema), so the embedded mode needs
 * nothing else. The backend choice is process-wide in BullMQ, so it is made here, once.
 */
export function queueConnection(config: QueueConfig, databaseUrl: string): ConnectionOptions {
  if (config.redisUrl) {
    setDefaultBackendFactory();
    return redisOptions(config.redisUrl);
  }
  setDefaultBackendFactory(createPostgresBackend as Parameters<typeof setDefaultBackendFactory>[0]);
  return { connectionString: databaseUrl, migrate: true } as unknown as ConnectionOptions;
}

function redisOptions(redisUrl: string): ConnectionOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    // Workers block on Redis; BullMQ requires ioredis not to give up on a command.
    maxRetriesPerRequest: null,
  };
}
