import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A member present at a meeting. */
@Entity('attendance')
export class Attendance {
  @PrimaryColumn('uuid', { name: 'meeting_id' })
  meetingId: string;

  @PrimaryColumn('uuid', { name: 'member_id' })
  memberId: string;

  @Column('uuid', { name: 'local_authority_id' })
  localAuthorityId: string;

  @Column('text', { name: 'recorded_by' })
  recordedBy: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
