import { Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ErrorBody, ErrorPages } from '../common/http-error.filter.js';
import { CHANGE_PASSWORD_PATH } from './change-password.controller.js';
import { setPageLocals } from './page-locals.js';

/** Only a path on this site, never `//elsewhere` or the API: where sign-in may send the browser back to. */
export function safeReturnPath(path: unknown): string | undefined {
  if (typeof path !== 'string' || !/^\/(?![/\\])[^\s]*$/.test(path) || /^\/api(\/|$)/.test(path)) return undefined;
  return path;
}

const TITLES: Record<number, string> = {
  400: 'There is a problem with the address',
  409: 'Someone else changed this record',
  422: 'That cannot be done',
  429: 'Too many requests',
};

function viewOf(body: ErrorBody): string {
  if (body.code === 'FORM_EXPIRED') return 'errors/form-expired.njk';
  if (body.statusCode === 403) return 'errors/forbidden.njk';
  if (body.statusCode === 404) return 'errors/not-found.njk';
  if (body.statusCode >= 500) return 'errors/server-error.njk';
  return 'errors/problem.njk';
}

/**
 * Errors of page requests as GOV.UK error pages, with the status the API would give. A request
 * that needs a signed-in session goes to the sign-in page instead, and comes back after it.
 */
export class PageErrors implements ErrorPages {
  private readonly logger = new Logger(PageErrors.name);

  handles(request: Request): boolean {
    // The full path: Nest answers unknown API paths from a router mounted at /api.
    return !/^\/api(\/|$)/.test(request.baseUrl + request.path);
  }

  render(body: ErrorBody, request: Request, response: Response): void {
    // After an administrator's reset, every page waits until the person has chosen a new password.
    if (body.code === 'PASSWORD_CHANGE_REQUIRED') return response.redirect(303, `${CHANGE_PASSWORD_PATH}?reset=1`);
    if (body.code === 'UNAUTHENTICATED') {
      const back = request.method === 'GET' ? safeReturnPath(request.originalUrl) : undefined;
      return response.redirect(303, back && back !== '/' ? `/sign-in?returnTo=${encodeURIComponent(back)}` : '/sign-in');
    }
    setPageLocals(request, response);
    const title = TITLES[body.statusCode] ?? 'There is a problem';
    response.status(body.statusCode).render(viewOf(body), { title, message: body.message }, (error: Error | null, html?: string) => {
      if (!error) return response.send(html);
      this.logger.error(error.stack ?? String(error));
      response.status(500).type('text/plain').send('Sorry, there is a problem with the service.');
    });
  }

  /** Express's last handler: any other path outside the API is a GOV.UK "Page not found". */
  readonly notFound = (request: Request, response: Response): void => {
    this.render({ statusCode: 404, error: 'Not Found', message: `No page at ${request.path}.` }, request, response);
  };
}
