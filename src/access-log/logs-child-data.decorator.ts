import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { RequestWithContext } from '../common/request-context.js';
import type { AccessAction } from './access-log.service.js';

/** The cases a response reveals, from what the handler returned (the JSON body, or a page's view model) and the request. */
export type CaseIdsOf = (returned: unknown, request: Request) => string[];

export interface ChildDataRoute {
  action: AccessAction;
  /**
   * Absent: the route's service records the read itself, before the page or file is written,
   * as it alone knows the cases (a page shown again after a refused form, the SEN2 CSV).
   */
  caseIds?: CaseIdsOf;
}

export const LOGS_CHILD_DATA_KEY = 'ehc:logs-child-data';

/**
 * Declares that a route returns a child's identifying data (name, date of birth), so every
 * successful call is written to the access log before the response leaves (UK GDPR Art. 5(2)).
 * With `caseIds`, AccessLogInterceptor records them; the route walk (test/integration/
 * access-log-routes.test.ts) calls every declared route and proves a row is written, and finds
 * any route whose response carries a seeded child's name or date of birth without declaring it.
 */
export const LogsChildData = (action: AccessAction, caseIds?: CaseIdsOf) => SetMetadata(LOGS_CHILD_DATA_KEY, { action, caseIds } satisfies ChildDataRoute);

/** `GET /api/cases/:id`, `POST /case/:id/events`: the route as declared, not the address with its ids. */
export const loggedRoute = (request: Request): string => `${request.method} ${request.route.path}`;

/** The case named by a route parameter (`:id`, `:caseId`). */
export const caseIdParam =
  (name = 'id'): CaseIdsOf =>
  (_, request) => [String(request.params[name])];

/** Each `caseId` (or `idKey`) of a list in the returned value, at `path` (`items`, `agenda`). */
export const caseIdsAt =
  (path: string, idKey = 'id'): CaseIdsOf =>
  (returned) =>
    ((returned as Record<string, Record<string, string>[] | undefined>)[path] ?? []).map((item) => item[idKey]);

/** The returned value is the case (or carries its `caseId`). */
export const returnedCaseId: CaseIdsOf = (returned) => {
  const value = returned as { id?: string; caseId?: string };
  return [value.caseId ?? value.id!];
};

/** Who reads a child's data through a route whose service writes the access-log line itself, and through which route. */
export interface ChildDataReader {
  userId: string | null;
  actor: string;
  action: AccessAction;
  route: string;
}

/**
 * The reader of a route declared with @LogsChildData(action) and no `caseIds`, for a service
 * that writes the log line in the same statement as the change it answers with.
 */
export const ChildDataReaderOf = createParamDecorator((_: unknown, ctx: ExecutionContext): ChildDataReader => {
  const declared = Reflect.getMetadata(LOGS_CHILD_DATA_KEY, ctx.getHandler()) as ChildDataRoute | undefined;
  if (!declared || declared.caseIds) throw new Error('@ChildDataReaderOf() belongs on a route declared with @LogsChildData(action) and no caseIds');
  const request = ctx.switchToHttp().getRequest<Request & RequestWithContext>();
  return { userId: request.context!.user?.id ?? null, actor: request.context!.actor, action: declared.action, route: loggedRoute(request) };
});
