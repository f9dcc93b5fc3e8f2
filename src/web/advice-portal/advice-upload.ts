import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import { MAX_TEXT_CHARACTERS } from '../../advice/advice-submission.js';

/** What the upload middleware leaves on the request for the portal page to read. */
export interface AdviceUploadRequest extends Request {
  /** The file was larger than ADVICE_MAX_BYTES: multer stopped reading it, and nothing of it is kept. */
  fileTooLarge?: boolean;
}

/**
 * The portal form's multipart body, read before the page's guards run: the CSRF token travels in
 * it. Held in memory up to the limit (one file); a larger file is the form again, saying so.
 */
export function adviceUpload(maxBytes: number) {
  return formWithOneFile(maxBytes, MAX_TEXT_CHARACTERS);
}

/** A form of a few fields and one `file`, as the advice portal and the family's message form send it. */
export function formWithOneFile(maxBytes: number, maxTextCharacters: number) {
  // A text a little over its limit still arrives (4 bytes a character at most), so the page can say it is too long.
  const upload = multer({ limits: { fileSize: maxBytes, files: 1, fields: 4, fieldSize: maxTextCharacters * 4 + 1024 } }).single('file');
  return (request: Request, response: Response, next: NextFunction) =>
    upload(request, response, (error?: unknown) => {
      if ((error as { code?: string } | undefined)?.code === 'LIMIT_FILE_SIZE') {
        (request as AdviceUploadRequest).fileTooLarge = true;
        return next();
      }
      next(error);
    });
}
