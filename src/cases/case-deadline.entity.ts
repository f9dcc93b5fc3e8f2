import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { IsoDate } from '../../workflows/ehc-needs-assessment/index.js';

/**
 * A deadline derived from the case's snapshot, kept so that "overdue" and "due before"
 * are index lookups. Only time-independent facts are stored: whether a deadline is
 * breached depends on today, so it is decided at query time from `open` and `dueOn`.
 */
@Entity('case_deadline')
export class CaseDeadlineRecord {
  @PrimaryColumn('uuid', { name: 'case_id' })
  caseId: string;

  @PrimaryColumn('text')
  name: string;

  @Column('uuid', { name: 'local_authority_id' })
  localAuthorityId: string;

  @Column('date', { name: 'due_on' })
  dueOn: IsoDate;

  @Column('date', { name: 'met_on', nullable: true })
  metOn: IsoDate | null;

  /** Still applies and the step has not happened yet. */
  @Column('boolean')
  open: boolean;

  /** An accepted exception relaxes this limit (domain document section 4). */
  @Column('boolean')
  excepted: boolean;

  @Column('date', { name: 'revised_target', nullable: true })
  revisedTarget: IsoDate | null;

  @Column('boolean')
  statutory: boolean;

  @Column('text')
  regulation: string;
}
