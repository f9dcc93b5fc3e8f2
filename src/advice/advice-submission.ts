import { createHash } from 'node:crypto';
import { adviceFileType, keptFileName } from './advice-file-types.js';

/** Typed advice longer than this belongs in a file. */
export const MAX_TEXT_CHARACTERS = 50_000;

/** One document as it will be kept with the case. */
export interface AdviceDocumentInput {
  filename: string;
  contentType: string;
  content: Buffer;
  sha256: string;
}

export interface SubmittedAdvice {
  file?: { originalName: string; content: Buffer };
  /** The file was over the limit: the upload stopped reading it. */
  fileTooLarge?: boolean;
  text?: string;
}

export interface SubmissionProblem {
  field: 'file' | 'text';
  message: string;
  /** 413 for a file over the limit, 422 for one the virus scanner refused, 503 when the scanner or the file store did not answer, else 400. */
  status: 400 | 413 | 422 | 503;
}

/**
 * What the portal's form sent, as the documents to keep, or the problems to show: nothing at all,
 * a file too big or of a type the portal does not take, typed advice too long. Either problem
 * refuses the whole submission, so nothing is kept of one half of it.
 */
export function checkSubmission(submitted: SubmittedAdvice, maxBytes: number): { documents: AdviceDocumentInput[] } | { problems: SubmissionProblem[] } {
  const problems: SubmissionProblem[] = [];
  const documents: AdviceDocumentInput[] = [];
  const text = submitted.text?.trim() ?? '';
  const hasFile = submitted.fileTooLarge || (submitted.file !== undefined && submitted.file.content.length > 0);
  if (!hasFile && text === '') return { problems: [{ field: 'file', message: 'Choose a file with your advice, or type your advice in the box', status: 400 }] };
  if (submitted.fileTooLarge) problems.push({ field: 'file', message: `The file must be smaller than ${megabytes(maxBytes)}`, status: 413 });
  else if (hasFile) {
    const { originalName, content } = submitted.file!;
    const type = adviceFileType(content);
    if (!type) problems.push({ field: 'file', message: 'The file must be a PDF or a Word document (.docx or .doc)', status: 400 });
    else documents.push(documentOf(keptFileName(originalName, type), type.contentType, content));
  }
  if (text.length > MAX_TEXT_CHARACTERS) problems.push({ field: 'text', message: `Your typed advice must be ${MAX_TEXT_CHARACTERS.toLocaleString('en-GB')} characters or fewer: send a longer one as a file`, status: 400 });
  else if (text !== '') documents.push(documentOf('advice.txt', 'text/plain; charset=utf-8', Buffer.from(text, 'utf8')));
  return problems.length > 0 ? { problems } : { documents };
}

function documentOf(filename: string, contentType: string, content: Buffer): AdviceDocumentInput {
  return { filename, contentType, content, sha256: createHash('sha256').update(content).digest('hex') };
}

export function megabytes(bytes: number): string {
  return bytes < 2 ** 20 ? `${Math.round(bytes / 1024)} KB` : `${Math.round((bytes / 2 ** 20) * 10) / 10} MB`;
}
