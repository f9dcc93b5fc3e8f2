import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { IsoDate } from '../../workflows/ehc-needs-assessment/index.js';

export type MeetingKind = 'scheduled' | 'ad_hoc';

@Entity('panel_meeting')
export class PanelMeeting {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'local_authority_id' })
  localAuthorityId: string;

  @Column('uuid', { name: 'panel_id' })
  panelId: string;

  /** The decision date of every decision recorded at the meeting. */
  @Column('date', { name: 'meeting_date' })
  meetingDate: IsoDate;

  @Column('text')
  kind: MeetingKind;

  @Column('text', { name: 'created_by' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
