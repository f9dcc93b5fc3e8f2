import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PanelPurpose } from '../../workflows/panels/index.js';

/** A decision-making (moderation) panel of one local authority. */
@Entity('panel')
export class Panel {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'local_authority_id' })
  localAuthorityId: string;

  @Column('text')
  name: string;

  @Column('text')
  purpose: PanelPurpose;

  /** Days between scheduled meetings; gives the following meeting's date when none is set. */
  @Column('integer', { name: 'cadence_days' })
  cadenceDays: number;

  @Column('boolean', { name: 'quorum_chair_required' })
  quorumChairRequired: boolean;

  @Column('integer', { name: 'quorum_min_school_members' })
  quorumMinSchoolMembers: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
