import { type Permission, rolesGrant } from '../auth/permissions.js';

export interface NavigationItem {
  href: string;
  text: string;
  /** The link shows only to roles holding it: the same permission its page requires. */
  permission: Permission;
}

/** The service navigation, in the order it shows. A new page adds its entry here. */
export const NAVIGATION: readonly NavigationItem[] = [
  { href: '/caseload', text: 'My caseload', permission: 'cases:read' },
  { href: '/requests/new', text: 'New request', permission: 'cases:write' },
  { href: '/plans/reviews', text: 'Reviews due', permission: 'cases:read' },
  { href: '/plans/phase-transfers', text: 'Phase transfers', permission: 'cases:read' },
  { href: '/disputes/worklist', text: 'Disputes', permission: 'cases:read' },
  { href: '/meetings', text: 'Panel meetings', permission: 'panels:read' },
  { href: '/dashboard', text: 'Dashboard', permission: 'reports:read' },
  { href: '/notifications', text: 'Alerts', permission: 'alerts:read' },
  { href: '/return/sen2', text: 'SEN2 return', permission: 'returns:sen2' },
  { href: '/import/caseload', text: 'Import', permission: 'cases:import' },
  { href: '/admin/queues/board', text: 'Queues', permission: 'queues:admin' },
];

/** The links these roles may follow, for govukServiceNavigation; the one under `path` is marked current. */
export function navigationFor(roles: readonly string[], path: string) {
  return NAVIGATION.filter((item) => rolesGrant(roles, item.permission)).map((item) => ({
    href: item.href,
    text: item.text,
    current: path === item.href,
    active: path !== item.href && path.startsWith(`${item.href}/`),
  }));
}
