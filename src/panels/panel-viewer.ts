import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { requestContext } from '../common/request-context.js';

/**
 * Who is looking at panel records. A caller whose only role is `panel_member` sees the panels
 * they sit on and, of each case, only what the panel needs (issue 4 item 7; UK GDPR Art. 5(1)(c)
 * data minimisation). Every other caller — and, until accounts exist, every request — is staff.
 */
export type PanelViewer = { kind: 'staff' } | { kind: 'member'; userId: string };

export const STAFF: PanelViewer = { kind: 'staff' };

export function panelViewerOf(user: { id: string; roles: readonly string[] } | undefined): PanelViewer {
  if (!user) return STAFF;
  const onlyPanelMember = user.roles.length > 0 && user.roles.every((role) => role === 'panel_member');
  return onlyPanelMember ? { kind: 'member', userId: user.id } : STAFF;
}

export const Viewer = createParamDecorator((_: unknown, ctx: ExecutionContext): PanelViewer => panelViewerOf(requestContext(ctx).user));
