import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { caseFactsOf, type IsoDate, type NoticeName, type PersistedCaseSnapshot } from '../../workflows/ehc-needs-assessment/index.js';
import type { ServiceMethod } from '../../workflows/limits/served-dates.js';
import { caseNotice, type NoticeDocument } from '../../workflows/notices/case-notices.js';
import { AccessLogService } from '../access-log/access-log.service.js';
import { Clock } from '../common/clock.js';
import { DomainError, NotFoundError } from '../common/domain-error.js';
import type { RequestContext } from '../common/request-context.js';
import { NoticeSettingsService } from './notice-settings.service.js';

export interface NoticeOptions {
  /** The day it goes out: today when not given. */
  sentOn?: IsoDate;
  method: ServiceMethod;
}

/** The statutory notices of a case, written from its record and the authority's details. */
@Injectable()
export class NoticesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly settings: NoticeSettingsService,
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
  ) {}

  /** The notice as it would go out on `sentOn`, the read written to the access log (it names the child) before it is returned. */
  async caseNotice(context: RequestContext, route: string, caseId: string, notice: NoticeName, options: NoticeOptions): Promise<NoticeDocument> {
    const [row] = await this.db.query(
      `SELECT c.reference, c.snapshot, c.child_given_name, c.child_family_name, to_char(c.child_date_of_birth, 'YYYY-MM-DD') AS date_of_birth, u.email
       FROM ehc_case c LEFT JOIN user_account u ON u.id::text = c.assignee_id WHERE c.id = $1 AND c.local_authority_id = $2`,
      [caseId, context.authority.id],
    );
    if (!row) throw new NotFoundError('case', caseId);
    const details = await this.settings.read(context.authority);
    if (!details) throw new DomainError('NOTICE_DETAILS_NOT_SET', 'The authority’s details for notices (its team, contacts, local offer and the services it points families to) are not set: a manager sets them with PUT /api/notices/settings.');
    const written = caseNotice({
      notice,
      facts: caseFactsOf(row.snapshot as PersistedCaseSnapshot),
      caseReference: row.reference,
      child: { givenName: row.child_given_name, familyName: row.child_family_name, dateOfBirth: row.date_of_birth },
      authority: { name: context.authority.name, ...details },
      ...(row.email && { caseworker: { email: row.email } }),
      sentOn: options.sentOn ?? this.clock.today(),
      method: options.method,
    });
    if (!written.ok) throw new DomainError('NOTICE_NOT_AVAILABLE', written.message);
    await this.accessLog.record(context, 'notice_read', route, [caseId]);
    return written.document;
  }
}
