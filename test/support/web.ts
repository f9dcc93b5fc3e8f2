import { randomUUID } from 'node:crypto';
import supertest from 'supertest';
import { hashPassword } from '../../src/auth/password-hash.js';
import type { Role } from '../../src/auth/permissions.js';
import { ensureAuthority } from './auth.js';
import type { TestApp } from './test-app.js';

export const PAGE_PASSWORD = 'a long enough page password';

/** A browser-like client of the pages: it keeps the session cookie and knows the form token. */
export interface PageClient {
  id: string;
  email: string;
  agent: ReturnType<typeof supertest.agent>;
  /** The session's CSRF token, as a form on any page carries it. */
  csrfToken(): Promise<string>;
  /** Posts a form as a browser would, with the session's CSRF token. */
  submit(path: string, fields: Record<string, string>): Promise<supertest.Response>;
}

let pagePasswordHash: Promise<string> | undefined;

/** A fresh account with exactly `roles` and a password, in authority `authorityCode` (default TEST). */
export async function createPageAccount(t: TestApp, roles: Role[], authorityCode = 'TEST'): Promise<{ id: string; email: string }> {
  pagePasswordHash ??= hashPassword(PAGE_PASSWORD);
  const authorityId = await ensureAuthority(t.db, authorityCode);
  // An email's local part holds at most 64 characters (the sign-in form checks it), and every role's name joined is longer.
  const email = `${(roles.join('-') || 'nobody').slice(0, 48)}.${randomUUID().slice(0, 8)}@pages.example`;
  const [row] = await t.db.query(`INSERT INTO user_account (local_authority_id, email, password_hash, roles) VALUES ($1, $2, $3, $4) RETURNING id`, [
    authorityId,
    email,
    await pagePasswordHash,
    roles,
  ]);
  return { id: row.id, email };
}

/** The value of the hidden `_csrf` field of a page. */
export function csrfFieldOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('the page has no _csrf field');
  return token;
}

/** Signs in through the sign-in page, as a new account with `roles`; fails the test if it does not work. */
export async function signInToPages(t: TestApp, roles: Role[], authorityCode?: string): Promise<PageClient> {
  const account = await createPageAccount(t, roles, authorityCode);
  const agent = supertest.agent(t.app.getHttpServer());
  const csrfToken = async () => csrfFieldOf((await agent.get('/sign-in')).text);
  const submit = async (path: string, fields: Record<string, string>) => {
    // The token first: the agent attaches its cookies when a request is created.
    const _csrf = await csrfToken();
    return agent.post(path).type('form').send({ _csrf, ...fields });
  };
  const signedIn = await submit('/sign-in', { email: account.email, password: PAGE_PASSWORD });
  if (signedIn.status !== 303) throw new Error(`signing in to the pages answered ${signedIn.status}`);
  return { ...account, agent, csrfToken, submit };
}
