import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { rolesGrant } from '../auth/permissions.js';
import { requestContext, type RequestContext } from '../common/request-context.js';

/** Who records an event, and whether they hold delegated authority to approve exceptions. */
export interface CaseActor {
  name: string;
  mayApproveExceptions: boolean;
}

export function caseActorOf(context: RequestContext): CaseActor {
  return { name: context.actor, mayApproveExceptions: rolesGrant(context.user?.roles ?? [], 'exceptions:approve') };
}

/** The caller as the case trail records them. */
export const CurrentCaseActor = createParamDecorator((_: unknown, ctx: ExecutionContext) => caseActorOf(requestContext(ctx)));
