import type { EntityManager } from 'typeorm';
import { DEPLOYMENT_ROLES, ROLE_PERMISSIONS, ROLES, type Role } from '../auth/permissions.js';
import type { UserAccount } from './user-account.entity.js';
import { AccountChangeRefusedError } from './users.errors.js';

export interface AccountChanges {
  roles?: Role[];
  disabled?: boolean;
  /** Clears a lockout before it expires. */
  unlock?: boolean;
}

/** The roles that manage accounts: an authority left without one could never be administered again. */
const ADMINISTRATOR_ROLES = ROLES.filter((role) => ROLE_PERMISSIONS[role].includes('users:admin'));

const isActiveAdministrator = (account: Pick<UserAccount, 'roles' | 'disabled'>): boolean =>
  !account.disabled && account.roles.some((role) => (ADMINISTRATOR_ROLES as string[]).includes(role));

/** What the audit records of an account: never its password hash. */
export const auditedFields = (account: UserAccount): Record<string, unknown> => ({
  email: account.email,
  roles: [...account.roles].sort(),
  disabled: account.disabled,
  lockedUntil: account.lockedUntil?.toISOString() ?? null,
  passwordChangedAt: account.passwordChangedAt?.toISOString() ?? null,
  temporaryPasswordUntil: account.temporaryPasswordUntil?.toISOString() ?? null,
});

/**
 * Signs the account out everywhere: its refresh tokens and its page sessions (its access tokens
 * end with password_changed_at, or at expiry). The tokens are deleted, not marked revoked: a
 * revoked one presented again reads as a stolen copy and would revoke the new sign-in too.
 */
export async function revokeSignIns(tx: EntityManager, userId: string): Promise<void> {
  await tx.query(`DELETE FROM refresh_token WHERE user_id = $1`, [userId]);
  await tx.query(`DELETE FROM web_session WHERE sess->>'userId' = $1`, [userId]);
}

/**
 * Serialises every account change of one authority (FOR NO KEY UPDATE does not block the
 * foreign-key checks of rows that reference the authority), so that two administrators
 * disabling each other at the same moment cannot both see the other as the remaining one.
 */
export async function lockAuthorityAccounts(tx: EntityManager, authorityId: string): Promise<void> {
  await tx.query(`SELECT 1 FROM local_authority WHERE id = $1 FOR NO KEY UPDATE`, [authorityId]);
}

/** Refuses a grant or removal of a role that only the deployment's operator gives (platform_operator). */
export function checkRolesGrantable(before: readonly string[], after: readonly string[]): void {
  const moved = DEPLOYMENT_ROLES.filter((role) => before.includes(role) !== after.includes(role));
  if (moved.length > 0) throw new AccountChangeRefusedError(`${moved.join(', ')} is given by whoever runs the deployment, not by an authority's administrator.`);
}

/** Refuses a change to one's own roles, a deployment role, and a change that leaves the authority without an active administrator. */
export async function checkAccountChange(tx: EntityManager, actorId: string | undefined, before: UserAccount, after: UserAccount): Promise<void> {
  const rolesChange = [...before.roles].sort().join() !== [...after.roles].sort().join();
  if (rolesChange && before.id === actorId) throw new AccountChangeRefusedError('You cannot change your own roles: ask another administrator.');
  checkRolesGrantable(before.roles, after.roles);
  if (!isActiveAdministrator(before) || isActiveAdministrator(after)) return;
  const [{ others }] = await tx.query(
    `SELECT count(*)::int AS others FROM user_account WHERE local_authority_id = $1 AND id <> $2 AND NOT disabled AND roles && $3::text[]`,
    [before.localAuthorityId, before.id, ADMINISTRATOR_ROLES],
  );
  if (others === 0) throw new AccountChangeRefusedError(`${before.email} is the authority's last active administrator: make another account an administrator first.`);
}
