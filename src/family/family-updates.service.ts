import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { addDeliveries, deliveriesTo, FAMILY_UPDATE_DELIVERIES } from '../alerts/deliveries.js';
import { Clock } from '../common/clock.js';
import { AppConfigToken } from '../config/app-config.provider.js';
import type { AppConfig } from '../config/app-config.js';
import { changesToTell, type TrailStep } from './case-changes.js';

const BATCH = 500;

/**
 * Tells the family what changed on their case (issue 16 item 3): each active contact, by email,
 * the steps recorded since it was last told (a decision, advice asked for or received, a plan or a
 * letter sent), in the words of their page, never only "you have new information". Run with the
 * alert sweep, so several steps recorded together are one email. A contact's `told_through_seq`
 * moves with its update in one transaction: a crash tells nothing twice and loses nothing.
 */
@Injectable()
export class FamilyUpdatesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AppConfigToken) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Returns how many updates were raised. */
  async tellAll(): Promise<number> {
    let told = 0;
    for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
      const rows: { id: string }[] = await this.db.query(
        `SELECT f.id FROM family_contact f
         WHERE f.revoked_at IS NULL AND f.id > $1 AND EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = f.case_id AND e.seq > f.told_through_seq)
         ORDER BY f.id LIMIT ${BATCH}`,
        [after],
      );
      for (const { id } of rows) if (await this.tell(id)) told++;
      if (rows.length < BATCH) return told;
      after = rows[rows.length - 1].id;
    }
  }

  /** One contact's update, if the steps since it was last told include any it is told of. */
  async tell(contactId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      // SKIP LOCKED: another worker telling this contact now has it.
      const [contact] = await tx.query(
        `SELECT id, case_id, local_authority_id, email, told_through_seq FROM family_contact WHERE id = $1 AND revoked_at IS NULL FOR UPDATE SKIP LOCKED`,
        [contactId],
      );
      if (!contact) return false;
      const steps: (TrailStep & { seq: number })[] = await tx.query(
        `SELECT seq, type, to_char(occurred_on, 'YYYY-MM-DD') AS "occurredOn", payload FROM case_event WHERE case_id = $1 AND seq > $2 ORDER BY seq`,
        [contact.case_id, contact.told_through_seq],
      );
      if (steps.length === 0) return false;
      const through = steps[steps.length - 1].seq;
      await tx.query(`UPDATE family_contact SET told_through_seq = $2 WHERE id = $1`, [contact.id, through]);
      const changes = changesToTell(steps);
      if (changes.length === 0) return false;
      const [{ id }] = await tx.query(
        `INSERT INTO family_update (local_authority_id, case_id, contact_id, kind, through_seq, changes, created_at) VALUES ($1, $2, $3, 'changes', $4, $5, $6) RETURNING id`,
        [contact.local_authority_id, contact.case_id, contact.id, through, JSON.stringify(changes), this.clock.now()],
      );
      await addDeliveries(tx, FAMILY_UPDATE_DELIVERIES, id, deliveriesTo([contact.email], null, this.config.queues));
      return true;
    });
  }
}
