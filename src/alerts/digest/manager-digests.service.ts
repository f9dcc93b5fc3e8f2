import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { addDays, londonInstant, londonToday, type IsoDate } from '../../../workflows/ehc-needs-assessment/index.js';
import { dueByOrOverdueSql } from '../../limits/limit-sql.js';
import { Clock } from '../../common/clock.js';
import { PROCESSES, type ProcessTables } from '../../database/process-tables.js';
import { DomainError } from '../../common/domain-error.js';
import { AppConfigToken } from '../../config/app-config.provider.js';
import type { AppConfig } from '../../config/app-config.js';
import type { LocalAuthority } from '../../local-authorities/local-authority.entity.js';
import type { AlertDelivery } from '../alert-inbox.service.js';
import { alertSettingsOf } from '../alert-settings.js';
import { addDeliveries, deliveriesJsonSql, deliveriesTo, DIGEST_DELIVERIES } from '../deliveries.js';
import type { OutgoingMessage } from '../delivery-channels.js';
import { composeDigest, DUE_SOON_DAYS, type DigestContent, type DigestDeadline } from './digest-content.js';
import { renderDigestEmail } from './digest-email.js';
import { composeDisputeDigest, disputeDigestLimitsSql, type DisputeDigestDeadline } from './dispute-digest.js';
import { composePlanDigest, planDigestLimitsSql, type PlanDigestDeadline } from './plan-digest.js';

/** Managers' digests go out at 07:00 Europe/London, an hour before the day's deadline alerts. */
export const DIGEST_TIME = '07:00';

export interface ManagerDigest {
  id: string;
  digestOn: IsoDate;
  content: DigestContent;
  createdAt: Date;
  deliveries: AlertDelivery[];
}

export interface DigestPage {
  items: ManagerDigest[];
  page: number;
  pageSize: number;
  total: number;
}

/**
 * One digest per authority and day, kept as sent. The 07:00 job raises it, and so does any
 * sweep after 07:00 that finds it missing (a worker down at 07:00 sends it late, never not at
 * all); the unique key makes every raise after the first a no-op.
 */
@Injectable()
export class ManagerDigests {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AppConfigToken) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Raises today's digest for each authority that has none yet, once 07:00 has passed; returns how many it raised. */
  async raiseDue(): Promise<number> {
    const now = this.clock.now();
    const today = londonToday(now);
    if (now < londonInstant(today, DIGEST_TIME)) return 0;
    const missing: { id: string }[] = await this.db.query(
      `SELECT a.id FROM local_authority a
       WHERE NOT EXISTS (SELECT 1 FROM manager_digest d WHERE d.local_authority_id = a.id AND d.digest_on = $1)`,
      [today],
    );
    let raised = 0;
    for (const { id } of missing) if (await this.raise(id, today)) raised++;
    return raised;
  }

  async list(authority: LocalAuthority, page: number, pageSize: number): Promise<DigestPage> {
    const rows = await this.db.query(`${DIGEST_SELECT} WHERE d.local_authority_id = $1 ORDER BY d.digest_on DESC LIMIT $2 OFFSET $3`, [authority.id, pageSize, (page - 1) * pageSize]);
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM manager_digest WHERE local_authority_id = $1`, [authority.id]);
    return { items: rows, page, pageSize, total };
  }

  async on(authority: LocalAuthority, digestOn: IsoDate): Promise<ManagerDigest> {
    const [digest] = await this.db.query(`${DIGEST_SELECT} WHERE d.local_authority_id = $1 AND d.digest_on = $2`, [authority.id, digestOn]);
    if (!digest) throw new DomainError('NOT_FOUND', `No digest was raised on ${digestOn}. Digests are raised each day at ${DIGEST_TIME} (Europe/London).`);
    return digest;
  }

  /** The digest as its email and webhook carry it. */
  async message(id: string): Promise<OutgoingMessage> {
    const [row] = await this.db.query(
      `SELECT d.id, d.digest_on, d.content, a.name AS authority FROM manager_digest d JOIN local_authority a ON a.id = d.local_authority_id WHERE d.id = $1`,
      [id],
    );
    if (!row) throw new Error(`manager digest ${id} does not exist`);
    const content = row.content as DigestContent;
    return { id: row.id, ...renderDigestEmail(row.authority, content), body: { id: row.id, kind: 'daily_digest', authority: row.authority, ...content } };
  }

  private raise(authorityId: string, today: IsoDate): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const until = addDays(today, DUE_SOON_DAYS);
      const assessments = composeDigest(await openDeadlinesOf<DigestDeadline>(tx, PROCESSES.case, authorityId, until), today);
      const content: DigestContent = {
        ...assessments,
        plans: composePlanDigest(await openDeadlinesOf<PlanDigestDeadline>(tx, PROCESSES.plan, authorityId, until, planDigestLimitsSql), today),
        disputes: composeDisputeDigest(await openDeadlinesOf<DisputeDigestDeadline>(tx, PROCESSES.dispute, authorityId, until, disputeDigestLimitsSql), today),
      };
      const inserted: { id: string }[] = await tx.query(
        `INSERT INTO manager_digest (local_authority_id, digest_on, content) VALUES ($1, $2, $3)
         ON CONFLICT ON CONSTRAINT manager_digest_once_a_day DO NOTHING RETURNING id`,
        [authorityId, today, content],
      );
      if (inserted.length === 0) return false;
      const settings = await alertSettingsOf(tx, authorityId);
      await addDeliveries(tx, DIGEST_DELIVERIES, inserted[0].id, deliveriesTo(settings.managerEmails, settings.webhookUrl, this.config.queues));
      return true;
    });
  }
}

const DIGEST_SELECT = `
  SELECT d.id, to_char(d.digest_on, 'YYYY-MM-DD') AS "digestOn", d.content, d.created_at AS "createdAt",
         ${deliveriesJsonSql(DIGEST_DELIVERIES, 'd.id')} AS deliveries
  FROM manager_digest d`;

/**
 * A process's open limits with a target up to `until`, overdue or not, with its reference and
 * assignee: the same query over case_deadline, plan_deadline and dispute_deadline (they have one
 * shape), each kind's id under its own key; `only` narrows it to the limits a section reads.
 */
function openDeadlinesOf<Row>(tx: EntityManager, process: ProcessTables, authorityId: string, until: IsoDate, only?: (d: string) => string): Promise<Row[]> {
  return tx.query(
    `SELECT p.id AS "${process.jobKey}", p.reference, p.assignee_id AS "assigneeId", u.email AS "assigneeEmail",
            d.name AS deadline, d.role, to_char(d.target_on, 'YYYY-MM-DD') AS "dueOn"
     FROM ${process.deadlineTable} d
     JOIN ${process.table} p ON p.id = d.${process.idColumn}
     LEFT JOIN user_account u ON u.id::text = p.assignee_id AND u.local_authority_id = p.local_authority_id
     WHERE d.local_authority_id = $1 AND ${dueByOrOverdueSql('d', '$2')}${only ? ` AND ${only('d')}` : ''}`,
    [authorityId, until],
  );
}
