import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The tenant: every case and every derived row belongs to exactly one local authority. */
@Entity('local_authority')
export class LocalAuthority {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text', { unique: true })
  code: string;

  @Column('text')
  name: string;

  /** Domain document 5.2: count the start day as day 1, so every limit falls one day earlier. */
  @Column('boolean', { name: 'strict_day_counting', default: false })
  strictDayCounting: boolean;

  /** Domain 5.6: working days after the last appeal date for a late-registered appeal to reach the authority (0–30, default 10). */
  @Column('integer', { name: 'appeal_buffer_working_days', default: 10 })
  appealBufferWorkingDays: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
