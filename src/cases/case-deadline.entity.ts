import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { IsoDate } from '../../workflows/ehc-needs-assessment/index.js';

/**
 * A deadline derived from the case's snapshot (a LimitRecord, workflows/limits), kept so that
 * "overdue" and "due before" are index lookups. Only time-independent facts are stored: whether
 * a deadline is breached depends on today, so it is decided at query time (src/limits/limit-sql.ts).
 */
@Entity('case_deadline')
export class CaseDeadlineRecord {
  @PrimaryColumn('uuid', { name: 'case_id' })
  caseId: string;

  @PrimaryColumn('text')
  name: string;

  @Column('uuid', { name: 'local_authority_id' })
  localAuthorityId: string;

  /** `limit`, `latest_date` or `window` (workflows/limits/limit-record.ts). */
  @Column('text')
  role: string;

  @Column('date', { name: 'due_on' })
  dueOn: IsoDate;

  @Column('date', { name: 'met_on', nullable: true })
  metOn: IsoDate | null;

  /** Still applies and the step has not happened yet. */
  @Column('boolean')
  open: boolean;

  /** The day the case closed without the step. */
  @Column('date', { name: 'closed_on', nullable: true })
  closedOn: IsoDate | null;

  /** An approved exception relaxes this limit (domain document section 4). */
  @Column('boolean')
  excepted: boolean;

  /** An approved exception against it is still running: no target yet. */
  @Column('boolean')
  held: boolean;

  @Column('date', { name: 'revised_target', nullable: true })
  revisedTarget: IsoDate | null;

  /** The date alerts and the overdue lists use; null while held. */
  @Column('date', { name: 'target_on', nullable: true })
  targetOn: IsoDate | null;

  @Column('boolean', { name: 'notice_assumed' })
  noticeAssumed: boolean;

  @Column('boolean')
  statutory: boolean;

  @Column('text')
  regulation: string;
}
