import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { LocalAuthority } from '../local-authorities/local-authority.entity.js';

/** A person who signs in. Belongs to one local authority and sees only its cases. */
@Entity('user_account')
export class UserAccount {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'local_authority_id' })
  localAuthorityId: string;

  @ManyToOne(() => LocalAuthority)
  @JoinColumn({ name: 'local_authority_id' })
  authority?: LocalAuthority;

  /** Stored in lower case: sign-in by email ignores case. */
  @Column('text')
  email: string;

  /** `scrypt$N$r$p$salt$hash`; null for accounts that sign in only through single sign-on. */
  @Column('text', { name: 'password_hash', nullable: true, select: false })
  passwordHash: string | null;

  @Column('text', { array: true })
  roles: string[];

  @Column('integer', { name: 'failed_attempts' })
  failedAttempts: number;

  @Column('timestamptz', { name: 'locked_until', nullable: true })
  lockedUntil: Date | null;

  @Column('boolean')
  disabled: boolean;

  /** Access tokens issued before it no longer work. */
  @Column('timestamptz', { name: 'password_changed_at', nullable: true })
  passwordChangedAt: Date | null;

  /** Set by an administrator's reset: the password is a one-time one that works until then, and only to choose a new one. */
  @Column('timestamptz', { name: 'temporary_password_until', nullable: true })
  temporaryPasswordUntil: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
