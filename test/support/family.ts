import supertest from 'supertest';
import { expect } from '@jest/globals';
import { mailText, type startSmtpServer } from './alert-receivers.js';
import type { TestApp } from './test-app.js';
import { csrfFieldOf } from './web.js';

export type FamilyAgent = ReturnType<typeof supertest.agent>;

/** A browser of the family's: asks for a code, reads it from the email, and enters it. */
export async function familySignsIn(t: TestApp, smtp: Awaited<ReturnType<typeof startSmtpServer>>, email: string): Promise<FamilyAgent> {
  const agent = supertest.agent(t.app.getHttpServer());
  const post = async (path: string, fields: Record<string, string>) => {
    // The token first: the agent attaches its cookies when a request is created.
    const _csrf = csrfFieldOf((await agent.get('/family/sign-in')).text);
    return agent.post(path).type('form').send({ _csrf, ...fields });
  };
  const before = smtp.received.length;
  expect((await post('/family/sign-in', { email })).headers.location).toBe('/family/sign-in/code');
  // The code is sent before the page answers; other mail (a worker's) may arrive alongside it.
  const mail = smtp.received.slice(before).map(mailText).find((text) => /Your code is \d{6}/.test(text));
  const code = /Your code is (\d{6})/.exec(mail ?? '')![1];
  const entered = await post('/family/sign-in/code', { code });
  expect([entered.status, entered.headers.location]).toEqual([303, '/family']);
  return agent;
}

/** The family's message form on their case page, sent with the page's CSRF token. */
export async function sendFamilyMessage(agent: FamilyAgent, caseId: string, message: { body?: string; file?: { content: Buffer; name: string } }): Promise<supertest.Response> {
  const page = await agent.get(`/family/case/${caseId}`);
  const _csrf = page.status === 200 ? csrfFieldOf(page.text) : csrfFieldOf((await agent.get('/family')).text);
  const request = agent.post(`/family/case/${caseId}/messages`).field('_csrf', _csrf);
  if (message.body !== undefined) request.field('body', message.body);
  if (message.file) request.attach('file', message.file.content, message.file.name);
  return request;
}
