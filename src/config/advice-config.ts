import { z } from 'zod';

/** The environment variables of the advice portal (issue 16 item 2); merged into the one schema in app-config.ts. */
export const adviceSettings = {
  ADVICE_LINK_DAYS_AFTER_DUE: z.coerce.number().int().min(0).max(365).default(28),
  ADVICE_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
  ADVICE_PORTAL_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/, 'must be the http:// or https:// address people reach this service at, without a query')
    .optional(),
};

type AdviceSettings = z.infer<z.ZodObject<typeof adviceSettings>>;

export interface AdviceConfig {
  /** An advice link stops working this many days after its request's advice deadline. */
  linkDaysAfterDue: number;
  /** The largest advice file the portal takes; a larger one is refused before it is stored. */
  maxBytes: number;
  /** Requests per minute per client address to the portal's pages, whose address is the credential. */
  portalRateLimitPerMinute: number;
  /** The address the emailed links start with, without a trailing slash. */
  publicUrl: string;
}

export function adviceConfig(settings: AdviceSettings & { PORT: number }): AdviceConfig {
  return {
    linkDaysAfterDue: settings.ADVICE_LINK_DAYS_AFTER_DUE,
    maxBytes: settings.ADVICE_MAX_BYTES,
    portalRateLimitPerMinute: settings.ADVICE_PORTAL_RATE_LIMIT_PER_MINUTE,
    publicUrl: (settings.PUBLIC_URL ?? `http://localhost:${settings.PORT}`).replace(/\/+$/, ''),
  };
}
