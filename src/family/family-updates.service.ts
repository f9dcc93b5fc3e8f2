import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { addDeliveries, deliveriesTo, FAMILY_UPDATE_DELIVERIES } from '../alerts/deliveries.js';
import { Clock } from '../common/clock.js';
import { AppConfigToken } from '../config/app-config.provider.js';
import type { AppConfig } from '../config/app-config.js';
import { changesToTell, planChangesToTell, type TrailStep } from './case-changes.js';

const BATCH = 500;
const STEP = `seq, type, to_char(occurred_on, 'YYYY-MM-DD') AS "occurredOn", payload`;

function stepsAfter(tx: EntityManager, sql: string, caseId: string, seq: number): Promise<(TrailStep & { seq: number })[]> {
  return tx.query(sql, [caseId, seq]);
}

/**
 * Tells the family what changed on their case (issue 16 item 3): each active contact, by email,
 * the steps recorded since it was last told (a decision, advice asked for or received, a plan or a
 * letter sent; on the EHC plan the case made, a review arranged or decided, changes proposed), in the words of their page, never only "you have new information". Run with the
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
         WHERE f.revoked_at IS NULL AND f.id > $1
           AND (EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = f.case_id AND e.seq > f.told_through_seq)
             OR EXISTS (SELECT 1 FROM ehc_plan p JOIN plan_event e ON e.plan_id = p.id WHERE p.case_id = f.case_id AND e.seq > f.told_through_plan_seq))
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
        `SELECT id, case_id, local_authority_id, email, told_through_seq, told_through_plan_seq FROM family_contact WHERE id = $1 AND revoked_at IS NULL FOR UPDATE SKIP LOCKED`,
        [contactId],
      );
      if (!contact) return false;
      const caseSteps = await stepsAfter(tx, `SELECT ${STEP} FROM case_event WHERE case_id = $1 AND seq > $2 ORDER BY seq`, contact.case_id, contact.told_through_seq);
      const planSteps = await stepsAfter(tx, `SELECT ${STEP} FROM plan_event WHERE plan_id = (SELECT id FROM ehc_plan WHERE case_id = $1) AND seq > $2 ORDER BY seq`, contact.case_id, contact.told_through_plan_seq);
      if (caseSteps.length + planSteps.length === 0) return false;
      const through = caseSteps.at(-1)?.seq ?? contact.told_through_seq;
      const throughPlan = planSteps.at(-1)?.seq ?? contact.told_through_plan_seq;
      await tx.query(`UPDATE family_contact SET told_through_seq = $2, told_through_plan_seq = $3 WHERE id = $1`, [contact.id, through, throughPlan]);
      const changes = [...changesToTell(caseSteps), ...planChangesToTell(planSteps)];
      if (changes.length === 0) return false;
      const [{ id }] = await tx.query(
        `INSERT INTO family_update (local_authority_id, case_id, contact_id, kind, through_seq, through_plan_seq, changes, created_at)
         VALUES ($1, $2, $3, 'changes', $4, $5, $6, $7) RETURNING id`,
        [contact.local_authority_id, contact.case_id, contact.id, through, throughPlan, JSON.stringify(changes), this.clock.now()],
      );
      await addDeliveries(tx, FAMILY_UPDATE_DELIVERIES, id, deliveriesTo([contact.email], null, this.config.queues));
      return true;
    });
  }
}
