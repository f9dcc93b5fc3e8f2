import { SetMetadata } from '@nestjs/common';

/**
 * Every permission a route can require. The access guard refuses a route that declares
 * neither a permission nor @Public(), so a new route cannot be left open by accident.
 */
export const PERMISSIONS = [
  'cases:read',
  'cases:write',
  'cases:migrate',
  'alerts:read',
  'queues:admin',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_KEY = 'ehc:permission';
export const PUBLIC_KEY = 'ehc:public';

export const RequirePermission = (permission: Permission) => SetMetadata(PERMISSION_KEY, permission);

/** Reachable without signing in: health, the OpenAPI document, sign-in itself. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
