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

/** Who records a panel's recommendation or an officer's decision: the trail's actor and the account behind it. */
export interface PanelActor {
  actor: string;
  userId: string | undefined;
  roles: readonly string[];
}

export function panelActorOf(context: { actor: string; user?: { id: string; roles: readonly string[] } }): PanelActor {
  return { actor: context.actor, userId: context.user?.id, roles: context.user?.roles ?? [] };
}

/** A panel member acting sees (and so may act on) only the meetings of their panels, as when reading. */
export function viewerOfActor(by: PanelActor): PanelViewer {
  return panelViewerOf(by.userId ? { id: by.userId, roles: by.roles } : undefined);
}

export const Acting = createParamDecorator((_: unknown, ctx: ExecutionContext): PanelActor => panelActorOf(requestContext(ctx)));
