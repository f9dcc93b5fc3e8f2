import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: 256 bits, 43 characters. */
const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** A new link token and the digest that is all the database keeps of it. */
export function newToken(): { token: string; sha256: Buffer } {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  return { token, sha256: tokenDigest(token) };
}

export function tokenDigest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Whether a path segment could be a token at all: anything else is unknown without a database read. */
export const isTokenShaped = (value: string): boolean => TOKEN_SHAPE.test(value);
