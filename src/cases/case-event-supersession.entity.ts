import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An event of a case's trail superseded by a correction (append-only, like the trail). */
@Entity('case_event_supersession')
export class CaseEventSupersession {
  @PrimaryColumn('uuid', { name: 'case_id' })
  caseId: string;

  /** The superseded event's seq. */
  @PrimaryColumn('integer')
  seq: number;

  /** The seq of the EVENT_CORRECTED event that superseded it. */
  @Column('integer', { name: 'superseded_by_seq' })
  supersededBySeq: number;

  @Column('uuid', { name: 'local_authority_id' })
  localAuthorityId: string;

  @Column('text')
  reason: string;

  @Column('text')
  actor: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;
}
