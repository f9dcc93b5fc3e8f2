import { SetMetadata } from '@nestjs/common';

/**
 * Every permission a route can require. The access guard refuses a route that declares
 * neither a permission nor @Public(), so a new route cannot be left open by accident.
 */
export const PERMISSIONS = [
  'cases:read',
  'cases:write',
  'cases:migrate',
  'cases:correct',
  'exceptions:approve',
  'alerts:read',
  'queues:admin',
  'alerts:settings',
  'reports:read',
  'users:admin',
  'access-log:read',
  'cases:export',
  'retention:read',
  'retention:delete',
  'panels:read',
  'panels:manage',
  'panels:decide',
  'decisions:make',
  'account-audit:read',
  'returns:sen2',
  'cases:import',
  'notices:settings',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_KEY = 'ehc:permission';
export const PUBLIC_KEY = 'ehc:public';

export const RequirePermission = (permission: Permission) => SetMetadata(PERMISSION_KEY, permission);

/** Reachable without signing in: health, the OpenAPI document, sign-in itself. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * A web page (src/web): it authenticates from the session cookie, never from a bearer token,
 * while the API never reads the session. Set by @PageController() on every page controller.
 */
export const PAGE_KEY = 'ehc:page';

/** Any signed-in account may use the route, whatever its roles (a page's sign-out, the start page). */
export const SIGNED_IN_KEY = 'ehc:signed-in';
export const AnySignedIn = () => SetMetadata(SIGNED_IN_KEY, true);

/** Open to an account whose password an administrator reset; every other route waits until it has chosen a new one. */
export const PASSWORD_CHANGE_KEY = 'ehc:password-change';
export const ForPasswordChange = () => SetMetadata(PASSWORD_CHANGE_KEY, true);

/**
 * The one role → permission table. The README's table (between the `permissions:` markers)
 * is checked against it by test/integration/auth-routes.test.ts.
 */
export const ROLES = ['caseworker', 'panel_member', 'manager', 'admin', 'auditor', 'platform_operator'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // Caseworkers clerk the panels: they schedule meetings and keep agendas (issue 4); members decide.
  caseworker: ['cases:read', 'cases:write', 'alerts:read', 'panels:read', 'panels:manage'],
  // Panel members see their agendas and record their panel's recommendation (only on the meetings
  // they sat on): no case records beyond what a panel route shows.
  panel_member: ['panels:read', 'panels:decide'],
  // Managers hold the authority's delegated power to decide (domain 6.2): they decide on the panels'
  // recommendations, approve exceptions and correct mis-recorded events. A chair who holds it has both roles.
  // Deleting under the retention review is a data-protection decision of the authority's, so theirs too; auditors only read.
  manager: ['cases:read', 'cases:write', 'cases:correct', 'exceptions:approve', 'alerts:read', 'reports:read', 'access-log:read', 'cases:export', 'retention:read', 'retention:delete', 'panels:read', 'panels:manage', 'alerts:settings', 'decisions:make', 'returns:sen2', 'cases:import', 'notices:settings'],
  admin: ['users:admin', 'cases:migrate', 'panels:read', 'panels:manage', 'alerts:settings'],
  // Read-only: sees what happened and who looked, changes nothing; alone reads who changed accounts, so administrators do not audit themselves.
  auditor: ['cases:read', 'alerts:read', 'reports:read', 'access-log:read', 'cases:export', 'retention:read', 'account-audit:read'],
  // Runs the deployment: the queues hold every authority's jobs, so no authority's administrator sees them.
  platform_operator: ['queues:admin'],
};

/** Granted by whoever runs the deployment (README), never through an authority's account routes. */
export const DEPLOYMENT_ROLES: readonly Role[] = ['platform_operator'];

export function permissionsOf(role: Role): Permission[] {
  return PERMISSIONS.filter((permission) => ROLE_PERMISSIONS[role].includes(permission));
}

export function rolesGrant(roles: readonly string[], permission: Permission): boolean {
  return roles.some((role) => (ROLES as readonly string[]).includes(role) && ROLE_PERMISSIONS[role as Role].includes(permission));
}
