import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { mergeMap, type Observable } from 'rxjs';
import { CasesController } from '../cases/cases.controller.js';
import type { RequestWithContext } from '../common/request-context.js';
import { type AccessAction, AccessLogService } from './access-log.service.js';

type Handler = (...args: never[]) => unknown;

/** The routes that show a child's record, and which case ids each response reveals. */
const LOGGED_READS = new Map<Handler, { action: AccessAction; caseIds: (body: unknown, request: Request) => string[] }>([
  [CasesController.prototype.get, { action: 'case_read', caseIds: (_, request) => [String(request.params.id)] }],
  [CasesController.prototype.trail, { action: 'case_trail_read', caseIds: (_, request) => [String(request.params.id)] }],
  [CasesController.prototype.list, { action: 'case_list_read', caseIds: (body) => ((body as { items: { id: string }[] }).items ?? []).map((c) => c.id) }],
]);

/**
 * Logs every successful read of a child's case before the response leaves: if the log cannot
 * be written, the caller gets an error instead of the data, so no read goes unrecorded.
 * Refused reads (404, 403) reveal nothing and are not logged.
 */
@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  constructor(private readonly log: AccessLogService) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const logged = LOGGED_READS.get(ctx.getHandler() as Handler);
    if (!logged) return next.handle();
    const request = ctx.switchToHttp().getRequest<Request & RequestWithContext>();
    return next.handle().pipe(
      mergeMap(async (body) => {
        await this.log.record(request.context!, logged.action, `${request.method} ${request.route.path}`, logged.caseIds(body, request));
        return body;
      }),
    );
  }
}
