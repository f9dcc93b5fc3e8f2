import { z } from 'zod';

/** A named range Express knows, an IPv4/IPv6 address, or a subnet in CIDR notation. */
const PROXY_ENTRY = /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/;

/**
 * Which proxies in front of the application may speak for the client (X-Forwarded-For,
 * X-Forwarded-Proto): a number of hops, or a comma-separated list of addresses and subnets.
 * `true` (trust anyone) is refused on purpose: any client could then claim to have come over
 * TLS or from another address, defeating Secure cookies and the rate limits.
 */
const trustProxy = z
  .string()
  .refine((value) => /^\d{1,2}$/.test(value) || value.split(',').every((entry) => PROXY_ENTRY.test(entry.trim())), {
    message: 'must be a number of proxy hops (for example 1) or a comma-separated list of addresses, subnets, loopback, linklocal or uniquelocal',
  })
  .optional();

/** The environment variables of the web pages; merged into the one schema in app-config.ts. */
export const webSettings = {
  TRUST_PROXY: trustProxy,
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(480).default(30),
};

type WebSettings = z.infer<z.ZodObject<typeof webSettings>>;

export interface WebConfig {
  /** Express's `trust proxy`: false (no proxy), a hop count, or the trusted addresses. */
  trustProxy: false | number | string[];
  /** A page session ends after this many minutes without a request (rolling). */
  sessionIdleMinutes: number;
}

export function webConfig(settings: WebSettings): WebConfig {
  const proxy = settings.TRUST_PROXY;
  return {
    trustProxy: proxy === undefined ? false : /^\d+$/.test(proxy) ? Number(proxy) : proxy.split(',').map((entry) => entry.trim()),
    sessionIdleMinutes: settings.SESSION_IDLE_MINUTES,
  };
}
