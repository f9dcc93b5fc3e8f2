import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { ValidationFailedError } from '../common/domain-error.js';

/** Where a webhook may be sent: the checked URL and the address it resolved to, which the sender connects to. */
export interface WebhookDestination {
  url: URL;
  address: string;
  family: 4 | 6;
}

/**
 * Loopback, private, link-local (cloud metadata at 169.254.169.254), shared, multicast and
 * reserved ranges: a manager's webhook must not reach into the network the engine runs in.
 */
const INTERNAL = new BlockList();
for (const [net, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
  INTERNAL.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [['::', 128], ['::1', 128], ['64:ff9b::', 96], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
  INTERNAL.addSubnet(net, prefix, 'ipv6');
}

/** BlockList also matches an IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) against the IPv4 ranges. */
function isInternal(address: string, family: 4 | 6): boolean {
  return INTERNAL.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const refuse = (url: string, why: string) => new ValidationFailedError(`webhookUrl ${url} is refused: ${why}`);

/**
 * `https` only, and to public addresses after resolving the name, unless the host is in
 * WEBHOOK_ALLOWED_HOSTS: an explicitly allowed host (a receiver inside the council's network)
 * may also use `http`. Checked when the URL is saved and again before every delivery, since
 * the name may resolve elsewhere by then.
 */
export async function checkWebhookUrl(raw: string, allowedHosts: readonly string[]): Promise<WebhookDestination> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse(raw, 'it is not a URL');
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const allowed = allowedHosts.includes(host);
  if (url.protocol !== 'https:' && !(allowed && url.protocol === 'http:')) throw refuse(raw, 'it must use https');
  const addresses = await resolve(raw, host);
  if (!allowed) {
    const internal = addresses.find((a) => isInternal(a.address, a.family));
    if (internal) throw refuse(raw, `${host} resolves to ${internal.address}, a loopback, private or link-local address (WEBHOOK_ALLOWED_HOSTS can allow a host)`);
  }
  return { url, ...addresses[0] };
}

async function resolve(raw: string, host: string): Promise<{ address: string; family: 4 | 6 }[]> {
  if (isIP(host)) return [{ address: host, family: isIP(host) as 4 | 6 }];
  try {
    return (await lookup(host, { all: true })) as { address: string; family: 4 | 6 }[];
  } catch {
    throw refuse(raw, `${host} does not resolve`);
  }
}
