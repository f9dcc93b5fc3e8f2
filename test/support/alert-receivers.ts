import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  body: string;
}

/** A real SMTP server in the test process that keeps what it receives; `failing` makes it refuse mail with a temporary error. */
export async function startSmtpServer(): Promise<{ url: string; received: ReceivedMail[]; state: { failing: boolean }; close(): Promise<void> }> {
  const received: ReceivedMail[] = [];
  const state = { failing: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onMailFrom(_address, _session, callback) {
      if (!state.failing) return callback();
      callback(Object.assign(new Error('Mail system temporarily unavailable'), { responseCode: 451 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), body: Buffer.concat(chunks).toString() });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, state, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The readable text of a received mail: quoted-printable soft line breaks removed, folded header lines joined. */
export function mailText(mail: ReceivedMail): string {
  return mail.body.replace(/=\r?\n/g, '').replace(/\r?\n[ \t]+/g, ' ');
}

export interface ReceivedWebhook {
  signature: string;
  /** The sender's delivery id (X-EHC-Delivery): the same on every attempt of one delivery. */
  delivery: string;
  body: string;
}

/**
 * A real HTTP endpoint for webhooks. `failing` makes it answer 503 until switched off;
 * `holding` keeps each request open without an answer (recorded in `held`), as a receiver
 * that hangs does, so a sender is caught in the middle of a delivery.
 */
export async function startWebhookServer() {
  const received: ReceivedWebhook[] = [];
  const held: ReceivedWebhook[] = [];
  const state = { failing: false, holding: false, attempts: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      state.attempts++;
      const webhook = { signature: String(req.headers['x-ehc-signature']), delivery: String(req.headers['x-ehc-delivery']), body: Buffer.concat(chunks).toString() };
      if (state.holding) return held.push(webhook);
      if (state.failing) return res.writeHead(503).end();
      received.push(webhook);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { url: `http://127.0.0.1:${port}/hook`, received, held, state, close };
}
