import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import type { Role } from '../../src/auth/permissions.js';
import { chromiumBuild } from './chromium-build.mjs';
import type { TestApp } from './test-app.js';
import { createPageAccount, PAGE_PASSWORD } from './web.js';


const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserSession {
  baseUrl: string;
  context: BrowserContext;
  page: Page;
  /** What the page logged as errors (a script refused by the content security policy, say), since the last clear. */
  consoleErrors: string[];
  /** Signs in through the sign-in page as a new account with `roles`, after signing out whoever was signed in. */
  signInAs(roles: Role[], authorityCode?: string): Promise<{ id: string; email: string }>;
  /** Signs in again as an account made earlier (by signInAs or createPageAccount), after signing out whoever was signed in. */
  signInWith(account: { email: string }): Promise<void>;
  close(): Promise<void>;
}

/**
 * Serves the test application on a real port and opens headless Chromium on it, with a fresh
 * profile of its own. One per test file: launching takes about a second. `port` is for a test
 * whose configuration must name the address before the app listens (an identity provider's
 * redirect URI); by default any free port.
 */
export async function openBrowser(t: TestApp, port = 0): Promise<BrowserSession> {
  await t.app.listen(port, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  const profile = await mkdtemp(join(tmpdir(), 'ehc-chromium-'));
  const build = await chromiumBuild();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: build.executable,
    env: { ...process.env, ...build.env },
    headless: true,
    args: CHROMIUM_ARGS,
    baseURL: baseUrl,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  const signInWith = async (account: { email: string }) => {
    await context.clearCookies();
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(account.email);
    await page.getByLabel('Password', { exact: true }).fill(PAGE_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname !== '/sign-in');
  };
  return {
    baseUrl,
    context,
    page,
    consoleErrors,
    async signInAs(roles, authorityCode) {
      const account = await createPageAccount(t, roles, authorityCode);
      await signInWith(account);
      return account;
    },
    signInWith,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
