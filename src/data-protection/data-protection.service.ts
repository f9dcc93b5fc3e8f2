import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccessLogService, type AccessLogEntry } from '../access-log/access-log.service.js';
import { AuthOptions } from '../auth/auth-options.js';
import { CasesService } from '../cases/cases.service.js';
import type { CaseEventView, CaseView } from '../cases/case-view.js';
import { Clock } from '../common/clock.js';
import type { RequestContext } from '../common/request-context.js';

export interface SubjectAccessExport {
  exportedAt: string;
  exportedBy: string;
  case: CaseView;
  trail: CaseEventView[];
  accessLog: AccessLogEntry[];
}

export interface RetentionDue {
  id: string;
  reference: string;
  status: string;
  closedOn: string;
  retainUntil: string;
}

const CLOSED = ['declined_to_assess', 'declined_to_issue', 'plan_issued', 'withdrawn'];

/** UK GDPR Art. 15 (right of access) and Art. 5(1)(e) (storage limitation). */
@Injectable()
export class DataProtectionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CasesService,
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
    private readonly options: AuthOptions,
  ) {}

  /** Everything held about the child of one case; the export itself is logged first, and so appears in it. */
  async export(context: RequestContext, caseId: string): Promise<SubjectAccessExport> {
    const record = await this.cases.get(context.authority, caseId);
    const trail = await this.cases.trail(context.authority, caseId);
    await this.accessLog.record(context, 'case_export', 'GET /api/cases/:id/export', [caseId]);
    const accessLog = await this.accessLog.find(context.authority.id, { caseId });
    return { exportedAt: this.clock.now().toISOString(), exportedBy: context.actor, case: record, trail, accessLog };
  }

  /** Closed cases whose retention period (RETENTION_YEARS from the closing event) has run out, for review. */
  async retentionDue(authorityId: string): Promise<RetentionDue[]> {
    const rows = await this.db.query(
      `SELECT c.id, c.reference, c.status, closed.on AS closed_on,
              (closed.on + make_interval(years => $3))::date AS retain_until
       FROM ehc_case c
       CROSS JOIN LATERAL (SELECT max(e.occurred_on) AS on FROM case_event e WHERE e.case_id = c.id) closed
       WHERE c.local_authority_id = $1 AND c.status = ANY($2)
         AND (closed.on + make_interval(years => $3))::date < $4::date
       ORDER BY retain_until, c.reference`,
      [authorityId, CLOSED, this.options.retentionYears, this.clock.today()],
    );
    return rows.map((row: Record<string, string>) => ({
      id: row.id,
      reference: row.reference,
      status: row.status,
      closedOn: row.closed_on,
      retainUntil: row.retain_until,
    }));
  }
}
