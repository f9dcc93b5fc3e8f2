import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { applicationPool } from '../database/application-pool.js';
import type { UserAccount } from './user-account.entity.js';

/** The channel the AccountChangeNotices migration's triggers announce every committed change on. */
export const ACCOUNT_CHANGED_CHANNEL = 'ehc_account_changed';
/** Announced when an authority changed: every account of it may carry the old settings. */
const EVERY_ACCOUNT = '*';
const RELISTEN_MS = 1_000;
/** A bound on any entry's age, should a notice ever be missed with the connection still up. */
const MAX_AGE_MS = 60_000;

interface Entry {
  account: UserAccount;
  storedAt: number;
}

/**
 * The accounts (with their authority) this process has checked, so that a request costs no
 * account query while nothing has changed. An entry is trusted only while this process listens
 * on ACCOUNT_CHANGED_CHANNEL, where the database announces each committed change of an account
 * or an authority: the entry is dropped when the notice arrives, which is milliseconds after the
 * commit in any process, and at once in the process that made the change (UsersService forgets
 * it itself). While the listening connection is down nothing is served from memory, and
 * everything is forgotten when it is back, since notices sent meanwhile were lost.
 */
@Injectable()
export class AccountCache implements OnModuleDestroy {
  private readonly logger = new Logger(AccountCache.name);
  private readonly entries = new Map<string, Entry>();
  /** Moves on every forget, so a read that began before a change never stores what it read. */
  private generation = 0;
  private listening = false;
  private listener?: pg.Client;
  private connecting?: Promise<void>;
  private relisten?: NodeJS.Timeout;
  private stopped = false;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The cached account, or what `load` reads (kept when it names an active account and nothing changed meanwhile). */
  async get(id: string, load: () => Promise<UserAccount | null>): Promise<UserAccount | null> {
    this.listen();
    const hit = this.listening ? this.entries.get(id) : undefined;
    if (hit && Date.now() - hit.storedAt < MAX_AGE_MS) return hit.account;
    const generation = this.generation;
    const account = await load();
    if (account && this.listening && generation === this.generation) this.entries.set(id, { account, storedAt: Date.now() });
    return account;
  }

  forget(id: string): void {
    this.generation++;
    this.entries.delete(id);
  }

  forgetAll(): void {
    this.generation++;
    this.entries.clear();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.relisten);
    this.listening = false;
    await this.connecting?.catch(() => undefined);
    const client = this.listener;
    this.listener = undefined;
    await client?.end().catch(() => undefined);
  }

  /** Starts listening on first use, so a process that checks no account holds no connection for it. */
  private listen(): void {
    if (this.listener || this.connecting || this.stopped) return;
    this.connecting = this.connect()
      .catch((error: Error) => {
        this.logger.warn(`Cannot listen for account changes; accounts are read on every request meanwhile: ${error.message}`);
        this.dropListener(this.listener);
      })
      .finally(() => {
        this.connecting = undefined;
      });
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ ...applicationPool(this.db).options, application_name: 'ehc-account-cache' });
    this.listener = client;
    client.on('notification', (notice) => (notice.payload === EVERY_ACCOUNT || !notice.payload ? this.forgetAll() : this.forget(notice.payload)));
    client.on('error', (error) => {
      if (this.listener !== client) return;
      this.logger.warn(`Lost the account-change listener; accounts are read on every request until it is back: ${error.message}`);
      this.dropListener(client);
    });
    client.on('end', () => this.dropListener(client));
    await client.connect();
    await client.query(`LISTEN ${ACCOUNT_CHANGED_CHANNEL}`);
    if (this.listener !== client) return;
    this.forgetAll();
    this.listening = !this.stopped;
  }

  /** Stops trusting memory, closes `client` if it is still the listener, and tries again shortly. */
  private dropListener(client: pg.Client | undefined): void {
    if (!client || this.listener !== client) return;
    this.listener = undefined;
    this.listening = false;
    this.forgetAll();
    client.end().catch(() => undefined);
    if (this.stopped) return;
    clearTimeout(this.relisten);
    this.relisten = setTimeout(() => this.listen(), RELISTEN_MS);
  }
}
