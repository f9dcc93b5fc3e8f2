import { createHash } from 'node:crypto';
import { adviceFileType, keptFileName } from '../advice/advice-file-types.js';
import { megabytes } from '../advice/advice-submission.js';

/** A message longer than this belongs in a document. */
export const MAX_MESSAGE_CHARACTERS = 5000;

/** A photo of a letter is what a parent on a phone has; the rest are the advice portal's types. */
const IMAGE_TYPES = [
  { signature: Buffer.from([0xff, 0xd8, 0xff]), type: { contentType: 'image/jpeg', extension: '.jpg' } },
  { signature: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), type: { contentType: 'image/png', extension: '.png' } },
] as const;

export interface FamilyDocumentInput {
  filename: string;
  contentType: string;
  content: Buffer;
  sha256: string;
}

export interface SentMessage {
  body?: string;
  file?: { originalName: string; content: Buffer };
  /** The file was over the limit: the upload stopped reading it. */
  fileTooLarge?: boolean;
}

export interface MessageProblem {
  field: 'body' | 'file';
  message: string;
  /** 413 a file over the limit, 422 a virus found, 503 the virus check or the file store not answering. */
  status: 400 | 413 | 422 | 503;
}

/** The file's type by its content (never its name): PDF, Word, JPEG or PNG. */
function familyFileType(content: Buffer): { contentType: string; extension: string } | undefined {
  return adviceFileType(content) ?? IMAGE_TYPES.find((image) => content.subarray(0, image.signature.length).equals(image.signature))?.type;
}

/**
 * What the family's form sent, as the message and its document, or the problems to show: no
 * message, one too long, a file too big, empty or of a type not taken. Any problem refuses the
 * whole message, so nothing is kept of half of it.
 */
export function checkMessage(sent: SentMessage, maxBytes: number): { body: string; documents: FamilyDocumentInput[] } | { problems: MessageProblem[] } {
  const problems: MessageProblem[] = [];
  const body = sent.body?.trim() ?? '';
  if (body === '') problems.push({ field: 'body', message: 'Enter your message', status: 400 });
  else if (body.length > MAX_MESSAGE_CHARACTERS) problems.push({ field: 'body', message: `Your message must be ${MAX_MESSAGE_CHARACTERS.toLocaleString('en-GB')} characters or fewer: send a longer one as a document`, status: 400 });
  const documents: FamilyDocumentInput[] = [];
  if (sent.fileTooLarge) problems.push({ field: 'file', message: `The file must be smaller than ${megabytes(maxBytes)}`, status: 413 });
  else if (sent.file && sent.file.originalName !== '') {
    const type = sent.file.content.length > 0 ? familyFileType(sent.file.content) : undefined;
    if (sent.file.content.length === 0) problems.push({ field: 'file', message: 'The file is empty: choose the document again', status: 400 });
    else if (!type) problems.push({ field: 'file', message: 'The file must be a PDF, a Word document (.docx or .doc) or a photo (JPEG or PNG)', status: 400 });
    else documents.push({ filename: keptFileName(sent.file.originalName, type, 'document'), contentType: type.contentType, content: sent.file.content, sha256: createHash('sha256').update(sent.file.content).digest('hex') });
  }
  return problems.length > 0 ? { problems } : { body, documents };
}
