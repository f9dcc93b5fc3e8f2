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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
