import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import type { QueueConfig } from '../config/queue-config.js';
import { checkWebhookUrl, type WebhookDestination } from './webhook-destination.js';

/** One notification or digest, as each channel sends it. */
export interface OutgoingMessage {
  /** Stable across retries: the Message-ID and the webhook's X-EHC-Delivery carry it, so a resend can be recognised. */
  id: string;
  subject: string;
  text: string;
  /** The webhook's JSON body. */
  body: Record<string, unknown>;
  /** Email only: an HTML alternative of `text`, files attached, and where the family's answer goes. */
  html?: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
  replyTo?: string;
}

const WEBHOOK_TIMEOUT_MS = 10_000;

/** Email over SMTP (nodemailer); the Message-ID is stable so a resend can be recognised. */
export class EmailChannel {
  private readonly transport?: Transporter;

  constructor(private readonly config: QueueConfig) {
    this.transport = config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : undefined;
  }

  async send(to: string, message: OutgoingMessage): Promise<void> {
    if (!this.transport) throw new Error('SMTP_URL is not set, so email cannot be sent');
    await this.transport.sendMail({
      from: this.config.mailFrom,
      to,
      subject: message.subject,
      text: message.text,
      ...(message.html && { html: message.html }),
      ...(message.attachments && { attachments: message.attachments }),
      ...(message.replyTo && { replyTo: message.replyTo }),
      messageId: `<${message.id}.${Buffer.from(to).toString('hex').slice(0, 32)}@ehc-workflow-engine>`,
    });
  }

  close(): void {
    this.transport?.close();
  }
}

/**
 * A JSON POST signed with HMAC-SHA256 over the exact body (`X-EHC-Signature: sha256=<hex>`), to
 * the address the destination check resolved (so a name cannot be re-pointed between check and
 * connect), following no redirect: any answer but 2xx is a failed attempt.
 */
export class WebhookChannel {
  constructor(
    private readonly secret: string | undefined,
    private readonly allowedHosts: readonly string[],
  ) {}

  async send(url: string, message: OutgoingMessage): Promise<void> {
    if (!this.secret) throw new Error('WEBHOOK_SECRET is not set, so webhooks cannot be signed');
    const destination = await checkWebhookUrl(url, this.allowedHosts);
    const body = JSON.stringify(message.body);
    const headers = { 'content-type': 'application/json', 'x-ehc-delivery': message.id, 'x-ehc-signature': `sha256=${sign(this.secret, body)}` };
    const status = await post(destination, headers, body);
    if (status < 200 || status > 299) throw new Error(`webhook answered ${status}`);
  }
}

function post(destination: WebhookDestination, headers: Record<string, string>, body: string): Promise<number> {
  const pinned: LookupFunction = (_host, options, callback) =>
    options.all ? callback(null, [{ address: destination.address, family: destination.family }]) : callback(null, destination.address, destination.family);
  const send = destination.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(destination.url, { method: 'POST', headers, lookup: pinned, timeout: WEBHOOK_TIMEOUT_MS }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy(new Error(`webhook did not answer within ${WEBHOOK_TIMEOUT_MS} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}

export function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}
