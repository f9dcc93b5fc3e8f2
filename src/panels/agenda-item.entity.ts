import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AgendaOrigin = 'proposed' | 'added' | 'carried_forward';

/** A case on a meeting's agenda. Removal keeps the row, with who removed it and why. */
@Entity('agenda_item')
export class AgendaItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'local_authority_id' })
  localAuthorityId: string;

  @Column('uuid', { name: 'meeting_id' })
  meetingId: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('text')
  origin: AgendaOrigin;

  @Column('text', { name: 'added_reason', nullable: true })
  addedReason: string | null;

  /** The child's school, so members linked to it are prompted to step out of the item. */
  @Column('text', { name: 'child_school', nullable: true })
  childSchool: string | null;

  @Column('text', { name: 'added_by' })
  addedBy: string;

  @CreateDateColumn({ name: 'added_at', type: 'timestamptz' })
  addedAt: Date;

  @Column('text', { name: 'removed_reason', nullable: true })
  removedReason: string | null;

  @Column('text', { name: 'removed_by', nullable: true })
  removedBy: string | null;

  @Column('timestamptz', { name: 'removed_at', nullable: true })
  removedAt: Date | null;
}
