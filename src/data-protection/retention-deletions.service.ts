import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { londonToday } from '../../workflows/ehc-needs-assessment/index.js';
import { AuthOptions } from '../auth/auth-options.js';
import { Clock } from '../common/clock.js';
import { NotFoundError } from '../common/domain-error.js';
import type { RequestContext } from '../common/request-context.js';
import { DocumentStore } from '../documents/document-store.js';
import { eraseCase } from './case-erasure.js';
import { RetentionDeletionRefusedError } from './data-protection.errors.js';
import { isPastRetention, periodOf, type RetentionPeriod } from './retention-rule.js';

/** What is left of a deleted case: enough to prove the deletion, nothing about the child. */
export interface RetentionDeletion {
  id: string;
  caseId: string;
  reference: string;
  status: string;
  closedOn: string;
  retainUntil: string;
  reason: string;
  deletedById: string | null;
  deletedBy: string;
  deletedAt: string;
}

export interface RetentionDeletionPage {
  items: RetentionDeletion[];
  page: number;
  pageSize: number;
  total: number;
}

const RECORD_COLUMNS = `id, case_id, reference, status, closed_on, retain_until, reason, deleted_by_user_id, deleted_by, deleted_at`;

/**
 * UK GDPR Art. 5(1)(e) and 17: deletes a closed case past its retention period, and everything
 * derived from it, in one transaction with the append-only record of the deletion (Art. 5(2)).
 */
@Injectable()
export class RetentionDeletionsService {
  private readonly logger = new Logger(RetentionDeletionsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly options: AuthOptions,
    private readonly store: DocumentStore,
  ) {}

  /**
   * The stored files' objects go after the commit: one the store cannot delete now stays listed
   * as released, and the nightly prune tries again, so the deletion itself never waits on the store.
   */
  async delete(context: RequestContext, caseId: string, reason: string): Promise<RetentionDeletion> {
    const now = this.clock.now();
    const deletion = await this.db.transaction(async (tx) => {
      const period = await this.lockedPeriod(tx, context.authority.id, caseId);
      this.refuseUnlessPastRetention(period, londonToday(now));
      const record = await this.record(tx, context, period, reason, now);
      await eraseCase(tx, caseId, context.authority.id);
      return record;
    });
    await this.store.deleteReleased(this.db).catch((error: Error) => this.logger.error(`The erased case's stored files wait for the nightly prune: ${error.message}`));
    return deletion;
  }

  /** Newest first. */
  async list(authorityId: string, page: number, pageSize: number): Promise<RetentionDeletionPage> {
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM retention_deletion WHERE local_authority_id = $1`, [authorityId]);
    const rows = await this.db.query(
      `SELECT ${RECORD_COLUMNS} FROM retention_deletion WHERE local_authority_id = $1 ORDER BY deleted_at DESC, id LIMIT $2 OFFSET $3`,
      [authorityId, pageSize, (page - 1) * pageSize],
    );
    return { items: rows.map(toDeletion), page, pageSize, total };
  }

  /**
   * Locks the case row first: a second deletion of the same case waits here, then finds it gone
   * (404); an event, deadline, alert or agenda item written meanwhile waits too (its foreign key
   * needs the row), then fails.
   */
  private async lockedPeriod(tx: EntityManager, authorityId: string, caseId: string): Promise<RetentionPeriod> {
    const locked = await tx.query(`SELECT id FROM ehc_case WHERE id = $1 AND local_authority_id = $2 FOR UPDATE`, [caseId, authorityId]);
    const period = locked.length > 0 ? await periodOf(tx, authorityId, this.options.retentionYears, caseId) : undefined;
    if (!period) throw new NotFoundError('case', caseId);
    return period;
  }

  private refuseUnlessPastRetention(period: RetentionPeriod, today: string): void {
    if (isPastRetention(period, today)) return;
    if (!period.closed) {
      throw new RetentionDeletionRefusedError(
        `Case ${period.reference} is still open (status ${period.status}): only a closed case past its retention period can be deleted.`,
      );
    }
    throw new RetentionDeletionRefusedError(
      `Case ${period.reference} closed on ${period.closedOn} and is kept until ${period.retainUntil} (${this.options.retentionYears} years): it can be deleted from the day after.`,
    );
  }

  private async record(tx: EntityManager, context: RequestContext, period: RetentionPeriod, reason: string, now: Date): Promise<RetentionDeletion> {
    const [row] = await tx.query(
      `INSERT INTO retention_deletion (local_authority_id, case_id, reference, status, closed_on, retain_until, reason, deleted_by_user_id, deleted_by, deleted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${RECORD_COLUMNS}`,
      [context.authority.id, period.id, period.reference, period.status, period.closedOn, period.retainUntil, reason, context.user?.id ?? null, context.actor, now],
    );
    return toDeletion(row);
  }
}

function toDeletion(row: Record<string, unknown>): RetentionDeletion {
  return {
    id: row.id as string,
    caseId: row.case_id as string,
    reference: row.reference as string,
    status: row.status as string,
    closedOn: row.closed_on as string,
    retainUntil: row.retain_until as string,
    reason: row.reason as string,
    deletedById: row.deleted_by_user_id as string | null,
    deletedBy: row.deleted_by as string,
    deletedAt: (row.deleted_at as Date).toISOString(),
  };
}
