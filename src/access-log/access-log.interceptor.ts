import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { mergeMap, type Observable } from 'rxjs';
import type { RequestWithContext } from '../common/request-context.js';
import { AccessLogService } from './access-log.service.js';
import { type ChildDataRoute, loggedRoute, LOGS_CHILD_DATA_KEY } from './logs-child-data.decorator.js';

/**
 * Logs every successful call of a route declared with @LogsChildData(action, caseIds) before
 * the response leaves: if the log cannot be written, the caller gets an error instead of the
 * data, so no read goes unrecorded. Refused calls (404, 403, 400) reveal nothing and are not logged.
 */
@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  constructor(
    private readonly log: AccessLogService,
    private readonly reflector: Reflector,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const declared = this.reflector.get<ChildDataRoute | undefined>(LOGS_CHILD_DATA_KEY, ctx.getHandler());
    const caseIds = declared?.caseIds;
    if (!declared || !caseIds) return next.handle();
    const request = ctx.switchToHttp().getRequest<Request & RequestWithContext>();
    return next.handle().pipe(
      mergeMap(async (returned) => {
        await this.log.record(request.context!, declared.action, loggedRoute(request), caseIds(returned, request));
        return returned;
      }),
    );
  }
}
