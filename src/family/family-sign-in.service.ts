import { createHmac, hkdfSync, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EmailChannel } from '../alerts/delivery-channels.js';
import { SigningKeyService } from '../auth/signing-key.service.js';
import { Clock } from '../common/clock.js';
import { AppConfigToken } from '../config/app-config.provider.js';
import type { AppConfig } from '../config/app-config.js';

/** A code is good for this long, and for this many wrong tries; asking for a new one ends the old. */
export const CODE_MINUTES = 10;
export const CODE_ATTEMPTS = 5;

export type CodeCheck = 'signed_in' | 'wrong' | 'expired';

/**
 * Signing in by a one-time code emailed to a family contact (design section 8). The code is six
 * digits, kept only as an HMAC under a key derived from the signing key (six digits alone could be
 * hashed back by trying them all), sent at once by SMTP rather than through the queue so it is
 * never stored in the clear, and answered the same way whether or not the email has access.
 */
@Injectable()
export class FamilySignInService {
  private readonly logger = new Logger(FamilySignInService.name);
  private key?: Buffer;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly keys: SigningKeyService,
    private readonly clock: Clock,
    @Inject(AppConfigToken) private readonly config: AppConfig,
  ) {}

  get available(): boolean {
    return Boolean(this.config.queues.smtpUrl);
  }

  /** Emails a code when `email` may see a case; says nothing either way, so no one learns who has access. */
  async requestCode(email: string): Promise<void> {
    const [contact] = await this.db.query(
      `SELECT a.name AS authority FROM family_contact f JOIN local_authority a ON a.id = f.local_authority_id WHERE f.email = $1 AND f.revoked_at IS NULL ORDER BY f.added_at LIMIT 1`,
      [email],
    );
    if (!contact) return;
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      await tx.query(`UPDATE family_sign_in_code SET used_at = $2 WHERE email = $1 AND used_at IS NULL`, [email, now]);
      await tx.query(`INSERT INTO family_sign_in_code (email, code_hmac, created_at, expires_at) VALUES ($1, $2, $3, $4)`, [email, await this.hmac(email, code), now, new Date(now.getTime() + CODE_MINUTES * 60_000)]);
    });
    await this.send(email, code, contact.authority);
  }

  /** Checks the latest code sent to `email`: a wrong one counts against it, a right one is used up. */
  async check(email: string, code: string): Promise<CodeCheck> {
    const now = this.clock.now();
    const [latest] = await this.db.query(
      `SELECT id, code_hmac, expires_at, attempts FROM family_sign_in_code WHERE email = $1 AND used_at IS NULL ORDER BY created_at DESC LIMIT 1`,
      [email],
    );
    if (!latest || new Date(latest.expires_at) <= now || latest.attempts >= CODE_ATTEMPTS) return 'expired';
    const given = Buffer.from(await this.hmac(email, code.replace(/\s/g, '')), 'hex');
    if (!timingSafeEqual(given, Buffer.from(latest.code_hmac, 'hex'))) {
      await this.db.query(`UPDATE family_sign_in_code SET attempts = attempts + 1 WHERE id = $1`, [latest.id]);
      return 'wrong';
    }
    // Used once: a second sign-in with the same code, even a racing one, finds it gone.
    const [, used]: [unknown, number] = await this.db.query(`UPDATE family_sign_in_code SET used_at = $2 WHERE id = $1 AND used_at IS NULL`, [latest.id, now]);
    return used === 1 ? 'signed_in' : 'expired';
  }

  private async hmac(email: string, code: string): Promise<string> {
    this.key ??= Buffer.from(hkdfSync('sha256', await this.keys.signingKey(), new Uint8Array(), 'ehc family sign-in code', 32));
    return createHmac('sha256', this.key).update(`${email}\n${code}`).digest('hex');
  }

  private async send(email: string, code: string, authority: string): Promise<void> {
    const channel = new EmailChannel(this.config.queues);
    try {
      await channel.send(email, {
        id: randomUUID(),
        subject: `${authority}: your code to see your child’s EHC needs assessment`,
        text: `Your code is ${code}\n\nEnter it on the sign-in page within ${CODE_MINUTES} minutes. If you did not ask for it, you can ignore this email: nobody can sign in without the code.\n\n${authority}`,
        body: {},
      });
    } catch (error) {
      // The page says the same as when the code went: the person asks again, and the log tells IT.
      this.logger.error(`A family sign-in code could not be emailed: ${(error as Error).message}`);
    } finally {
      channel.close();
    }
  }
}
