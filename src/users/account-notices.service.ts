import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ACCOUNT_NOTICE_DELIVERIES, addDeliveries, deliveriesTo } from '../alerts/deliveries.js';
import type { OutgoingMessage } from '../alerts/delivery-channels.js';
import { AppConfigToken } from '../config/app-config.provider.js';
import type { AppConfig } from '../config/app-config.js';
import type { UserAccount } from './user-account.entity.js';

const londonTime = (instant: Date): string =>
  instant.toLocaleString('en-GB', { timeZone: 'Europe/London', dateStyle: 'long', timeStyle: 'short' });

/**
 * Emails to the holder of an account. Sign-in answers a locked account exactly as a wrong
 * password, so that nobody learns which emails have accounts; the holder learns of the lockout
 * from this email instead, once per lockout (the dedupe key), through the alerts' deliveries.
 */
@Injectable()
export class AccountNotices {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AppConfigToken) private readonly config: AppConfig,
  ) {}

  async accountLocked(account: Pick<UserAccount, 'id' | 'email' | 'localAuthorityId'>, lockedUntil: Date): Promise<void> {
    const subject = 'Your EHC account has been locked after failed sign-ins';
    const text = [
      `Someone tried to sign in to the EHC service as ${account.email} with a wrong password several times in a row,`,
      `so the account is locked until ${londonTime(lockedUntil)} (UK time). Nobody can sign in to it until then, you included.`,
      '',
      'If this was you, wait until then, or ask an administrator of your authority to unlock it sooner.',
      'If it was not you, tell your administrator: someone may be guessing your password.',
    ].join('\n');
    await this.db.transaction(async (tx) => {
      const inserted: { id: string }[] = await tx.query(
        `INSERT INTO account_notice (local_authority_id, user_id, kind, dedupe_key, subject, text) VALUES ($1, $2, 'account_locked', $3, $4, $5)
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
        [account.localAuthorityId, account.id, `account_locked.${account.id}.${lockedUntil.getTime()}`, subject, text],
      );
      if (inserted.length > 0) await addDeliveries(tx, ACCOUNT_NOTICE_DELIVERIES, inserted[0].id, deliveriesTo([account.email], null, this.config.queues));
    });
  }

  /** The notice as its email carries it. */
  async message(id: string): Promise<OutgoingMessage> {
    const [row] = await this.db.query(`SELECT id, kind, subject, text FROM account_notice WHERE id = $1`, [id]);
    if (!row) throw new Error(`account notice ${id} does not exist`);
    return { id: row.id, subject: row.subject, text: row.text, body: { id: row.id, kind: row.kind } };
  }
}
