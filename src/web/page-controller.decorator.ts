import { applyDecorators, Controller, SetMetadata, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PAGE_KEY } from '../auth/permissions.js';
import { CsrfGuard } from './csrf.js';
import { PageLocalsInterceptor } from './page-locals.js';

/**
 * A controller of web pages. Its routes are served outside `/api` (http-app.ts excludes them
 * from the prefix), get the session (web-session.ts), authenticate from it rather than from a
 * bearer token (AccessGuard), refuse a POST without the form token (CsrfGuard), render errors
 * as GOV.UK pages (PageErrors) and stay out of the OpenAPI document. Each route still declares
 * @Public(), @AnySignedIn() or @RequirePermission(), exactly as an API route does.
 */
export function PageController(path = ''): ClassDecorator {
  return applyDecorators(Controller(path), SetMetadata(PAGE_KEY, true), UseGuards(CsrfGuard), UseInterceptors(PageLocalsInterceptor), ApiExcludeController());
}
