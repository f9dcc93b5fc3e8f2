import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CaseStatus, IsoDate, PersistedCaseSnapshot, RequestSource } from '../../workflows/ehc-needs-assessment/index.js';

/** One request for an EHC needs assessment, with the persisted state of its process machine. */
@Entity('ehc_case')
export class EhcCase {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'local_authority_id' })
  localAuthorityId: string;

  @Column('text')
  reference: string;

  @Column('text', { name: 'machine_id' })
  machineId: string;

  @Column('integer', { name: 'machine_version' })
  machineVersion: number;

  @Column('jsonb')
  snapshot: PersistedCaseSnapshot;

  @Column('text')
  status: CaseStatus;

  /** Equals the number of events in the trail; compared by `If-Match`. */
  @Column('integer')
  version: number;

  @Column('text', { name: 'child_given_name' })
  childGivenName: string;

  @Column('text', { name: 'child_family_name' })
  childFamilyName: string;

  /** The child record it shares with the child's other cases and plans (the SEN2 identity items). */
  @Column('uuid', { name: 'child_id' })
  childId: string;

  @Column('date', { name: 'child_date_of_birth' })
  childDateOfBirth: IsoDate;

  @Column('date', { name: 'request_received_on' })
  requestReceivedOn: IsoDate;

  @Column('text', { name: 'request_source' })
  requestSource: RequestSource;

  @Column('text', { name: 'assignee_id', nullable: true })
  assigneeId: string | null;

  @Column('date', { name: 'next_due_on', nullable: true })
  nextDueOn: IsoDate | null;

  /** The maintained plan its final plan made (issue 13). */
  @Column('uuid', { name: 'plan_id', nullable: true })
  planId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
