import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import { importUploadLimits } from '../../imports/import-template.js';

/** What the upload middleware leaves on the request for the page to read. */
export interface CaseloadUploadRequest extends Request {
  /** The file was larger than IMPORT_MAX_BYTES: multer stopped reading it. */
  fileTooLarge?: boolean;
}

/**
 * The import page's multipart body, read before the page's guards run: the form's CSRF token
 * travels in it, and guards run before interceptors (FileInterceptor would be too late). A file
 * over the limit is not an error page but the form again, saying so.
 */
export function caseloadUpload(maxBytes: number) {
  const upload = multer({ limits: importUploadLimits(maxBytes) }).single('file');
  return (request: Request, response: Response, next: NextFunction) =>
    upload(request, response, (error?: unknown) => {
      if ((error as { code?: string } | undefined)?.code === 'LIMIT_FILE_SIZE') {
        (request as CaseloadUploadRequest).fileTooLarge = true;
        return next();
      }
      next(error);
    });
}
