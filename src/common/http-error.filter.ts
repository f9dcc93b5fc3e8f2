import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, ERROR_STATUS } from './domain-error.js';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code?: string;
  [detail: string]: unknown;
}

/** Answers errors of requests for web pages (outside `/api`) as pages instead of JSON (src/web/page-errors.ts). */
export interface ErrorPages {
  handles(request: Request): boolean;
  render(body: ErrorBody, request: Request, response: Response): void;
}

/**
 * The one place errors become HTTP: `{ statusCode, error, message }` (design section 4),
 * plus the stable `code`; for a web page, the same status and message as a page. Unexpected
 * errors are logged and answered with a bare 500: no stack trace or SQL ever reaches the client.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpErrorFilter.name);

  constructor(private readonly pages?: ErrorPages) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const [request, response] = [http.getRequest<Request>(), http.getResponse<Response>()];
    const body = this.toBody(exception);
    if (this.pages?.handles(request)) return this.pages.render(body, request, response);
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      const statusCode = ERROR_STATUS[exception.code];
      return { statusCode, error: reasonPhrase(statusCode), message: exception.message, code: exception.code, ...exception.details };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      // Keep what the framework attached (the health check's per-dependency details, for one).
      const response = exception.getResponse();
      const attached = typeof response === 'object' && response !== null ? response : {};
      return { ...attached, statusCode, error: reasonPhrase(statusCode), message: httpExceptionMessage(exception) };
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    return { statusCode: 500, error: reasonPhrase(500), message: 'Something went wrong on our side; the request was not completed.' };
  }
}

function httpExceptionMessage(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

function reasonPhrase(statusCode: number): string {
  const name = HttpStatus[statusCode];
  if (!name) return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(' ');
}
