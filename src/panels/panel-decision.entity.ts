import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { IsoDate } from '../../workflows/ehc-needs-assessment/index.js';
import type { Conflict, OfficerDecision, PanelDecision, PanelPurpose } from '../../workflows/panels/index.js';

/**
 * What a panel recommended on one agenda item, with the record that makes it defensible
 * (domain document 6.3): who could vote, the conflicts and how they were handled, the reasons,
 * and the member who recorded it; then the officer's decision on the case, by whom, and why when
 * it departs from the recommendation. `caseEventSeq` is the line of the case trail the decision wrote.
 */
@Entity('panel_decision')
export class PanelDecisionRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'local_authority_id' })
  localAuthorityId: string;

  @Column('uuid', { name: 'meeting_id' })
  meetingId: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('uuid', { name: 'agenda_item_id' })
  agendaItemId: string;

  @Column('text')
  purpose: PanelPurpose;

  @Column('text')
  decision: PanelDecision;

  @Column('text', { nullable: true })
  reasons: string | null;

  @Column('date', { name: 'decided_on' })
  decidedOn: IsoDate;

  @Column('uuid', { name: 'voting_member_ids', array: true })
  votingMemberIds: string[];

  @Column('jsonb')
  conflicts: Conflict[];

  @Column('integer', { name: 'case_event_seq', nullable: true })
  caseEventSeq: number | null;

  @Column('text', { name: 'recorded_by' })
  recordedBy: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  /** The seat of the member who recorded the recommendation; null on rows from before seats were checked. */
  @Column('uuid', { name: 'recommended_by_member_id', nullable: true })
  recommendedByMemberId: string | null;

  @Column('text', { name: 'officer_decision', nullable: true })
  officerDecision: OfficerDecision | null;

  @Column('text', { name: 'officer_reasons', nullable: true })
  officerReasons: string | null;

  @Column('date', { name: 'officer_decided_on', nullable: true })
  officerDecidedOn: IsoDate | null;

  /** The officer with delegated authority, as the case trail's actor names them. */
  @Column('text', { name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;
}
