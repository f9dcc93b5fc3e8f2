import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import supertest from 'supertest';
import type { DataSource } from 'typeorm';
import { AccessTokensService } from '../../src/auth/access-tokens.service.js';
import { hashPassword } from '../../src/auth/password-hash.js';
import { ROLES, type Role } from '../../src/auth/permissions.js';

export type Http = ReturnType<typeof supertest>;

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);

/** supertest, with `Authorization: Bearer <token>` on every request. */
export function httpWithToken(app: INestApplication, token: string): Http {
  const http = supertest(app.getHttpServer());
  return new Proxy(http, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || !METHODS.has(property)) return value;
      return (url: string) => value.call(target, url).set('Authorization', `Bearer ${token}`);
    },
  });
}

export const TEST_USER = { id: '00000000-0000-4000-8000-00000000e4c0', email: 'tester@test.example', password: 'correct horse battery staple' };

let testUserHash: Promise<string> | undefined;

/** The account the default `t.http` acts as: every role, in the test authority. Re-created after each reset. */
export async function insertTestUser(db: DataSource, authorityId: string): Promise<void> {
  testUserHash ??= hashPassword(TEST_USER.password);
  await db.query(
    `INSERT INTO user_account (id, local_authority_id, email, password_hash, roles) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
    [TEST_USER.id, authorityId, TEST_USER.email, await testUserHash, [...ROLES]],
  );
}


export interface SignedIn {
  id: string;
  email: string;
  token: string;
  http: Http;
}

/** A fresh account with exactly `roles` in the authority `authorityCode` (created if missing), and a client signed in as it. */
export async function signInAs(app: INestApplication, db: DataSource, roles: Role[], authorityCode = 'TEST'): Promise<SignedIn> {
  const authorityId = await ensureAuthority(db, authorityCode);
  // Random, not a counter: every test file has its own module state but they share the database.
  const email = `${roles.join('-') || 'nobody'}.${randomUUID().slice(0, 8)}@${authorityCode.toLowerCase()}.example`;
  const [row] = await db.query(`INSERT INTO user_account (local_authority_id, email, roles) VALUES ($1, $2, $3) RETURNING id`, [authorityId, email, roles]);
  const token = await app.get(AccessTokensService).issue(row.id);
  return { id: row.id, email, token, http: httpWithToken(app, token) };
}

export async function ensureAuthority(db: DataSource, code: string): Promise<string> {
  const [row] = await db.query(
    `INSERT INTO local_authority (code, name) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET code = EXCLUDED.code RETURNING id`,
    [code, `Authority ${code}`],
  );
  return row.id;
}
