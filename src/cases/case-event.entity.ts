import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { IsoDate } from '../../workflows/ehc-needs-assessment/index.js';

/** One line of a case's audit trail. The database refuses to update or delete these rows. */
@Entity('case_event')
export class CaseEventRecord {
  @PrimaryColumn('uuid', { name: 'case_id' })
  caseId: string;

  @PrimaryColumn('integer')
  seq: number;

  @Column('uuid', { name: 'local_authority_id' })
  localAuthorityId: string;

  @Column('text')
  type: string;

  @Column('date', { name: 'occurred_on' })
  occurredOn: IsoDate;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;

  @Column('text')
  actor: string;

  @Column('integer', { name: 'machine_version' })
  machineVersion: number;

  @Column('jsonb')
  payload: Record<string, unknown>;
}
