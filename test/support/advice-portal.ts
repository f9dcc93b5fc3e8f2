import supertest from 'supertest';
import { adviceLinkMessage } from '../../src/advice/advice-link-emails.js';
import { mailText, type ReceivedMail } from './alert-receivers.js';
import type { TestApp } from './test-app.js';
import { csrfFieldOf } from './web.js';

/** A small but well-formed PDF, as a contributor's advice. */
export const ADVICE_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

/** A Windows program (its `MZ` header) named as if it were a PDF. */
export const PROGRAM_AS_PDF = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200, 0x41)]);

/** The advice link's token in an email, or undefined. */
export function tokenIn(mail: ReceivedMail): string | undefined {
  return /\/advice\/([A-Za-z0-9_-]{43})/.exec(mailText(mail))?.[1];
}

/** A token of the link, as the email the deliveries worker builds would carry it (for tests that run no worker). */
export async function mintToken(t: TestApp, linkId: string): Promise<string> {
  const message = await adviceLinkMessage(t.db.manager, linkId, 'http://localhost');
  return /\/advice\/([A-Za-z0-9_-]{43})/.exec(message.text)![1];
}

/** The contributor's browser: it opens the link, then sends the form with the page's CSRF token. */
export async function sendAdvice(t: TestApp, token: string, advice: { file?: { content: Buffer; name: string }; text?: string }): Promise<{ page: supertest.Response; sent: supertest.Response }> {
  const agent = supertest.agent(t.app.getHttpServer());
  const page = await agent.get(`/advice/${token}`);
  if (page.status !== 200) return { page, sent: page };
  const request = agent.post(`/advice/${token}`).field('_csrf', csrfFieldOf(page.text));
  if (advice.text !== undefined) request.field('text', advice.text);
  if (advice.file) request.attach('file', advice.file.content, advice.file.name);
  return { page, sent: await request };
}

/** The contributor's browser confirming earlier advice still stands: it opens the link, then ticks the boxes of `ids`. */
export async function confirmStillStands(t: TestApp, token: string, ids: string[]): Promise<{ page: supertest.Response; sent: supertest.Response }> {
  const agent = supertest.agent(t.app.getHttpServer());
  const page = await agent.get(`/advice/${token}`);
  if (page.status !== 200) return { page, sent: page };
  // The boxes arrive as a form sends them: the same name once per ticked box.
  const form = new URLSearchParams([['_csrf', csrfFieldOf(page.text)], ...ids.map((id): [string, string] => ['stillStands', id])]);
  return { page, sent: await agent.post(`/advice/${token}/still-stands`).type('form').send(form.toString()) };
}
