import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { MemberRole } from '../../workflows/panels/index.js';

/** A person who sits on a panel, with the schools they are linked to (for conflicts of interest). */
@Entity('panel_member')
export class PanelMember {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'local_authority_id' })
  localAuthorityId: string;

  @Column('uuid', { name: 'panel_id' })
  panelId: string;

  @Column('text')
  name: string;

  @Column('text')
  role: MemberRole;

  @Column('text', { nullable: true })
  organisation: string | null;

  @Column('text', { array: true })
  schools: string[];

  /** The member's user account, when they sign in to see their agendas. */
  @Column('uuid', { name: 'user_id', nullable: true })
  userId: string | null;

  @Column('boolean')
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
