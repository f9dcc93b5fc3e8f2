import { createHmac } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { QueueConfig } from '../config/queue-config.js';

/** One notification or digest, as each channel sends it. */
export interface OutgoingMessage {
  /** Stable across retries: the Message-ID and the webhook's X-EHC-Delivery carry it, so a resend can be recognised. */
  id: string;
  subject: string;
  text: string;
  /** The webhook's JSON body. */
  body: Record<string, unknown>;
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
      messageId: `<${message.id}.${Buffer.from(to).toString('hex').slice(0, 32)}@ehc-workflow-engine>`,
    });
  }

  close(): void {
    this.transport?.close();
  }
}

/** A JSON POST signed with HMAC-SHA256 over the exact body (`X-EHC-Signature: sha256=<hex>`). */
export class WebhookChannel {
  constructor(private readonly secret: string | undefined) {}

  async send(url: string, message: OutgoingMessage): Promise<void> {
    if (!this.secret) throw new Error('WEBHOOK_SECRET is not set, so webhooks cannot be signed');
    const body = JSON.stringify(message.body);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-ehc-delivery': message.id, 'x-ehc-signature': `sha256=${sign(this.secret, body)}` },
      body,
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`webhook answered ${response.status}`);
  }
}

export function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}
