/** Reading the PDFs the engine sends: answered by a route, or attached to an email the test's SMTP server received. */
import { extractText, getDocumentProxy } from 'unpdf';

/** The PDF's text as a reader sees it, whitespace runs as one space. */
export async function pdfText(body: Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(body)), { mergePages: true });
  return text.replace(/\s+/g, ' ');
}

/** A supertest parser that keeps a binary answer (a PDF) as a Buffer. */
export const binary = (res: NodeJS.ReadableStream, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** The PDF a received email carries, decoded from its base64 part. */
export function pdfAttachment(raw: string): Buffer {
  const part = /Content-Type: application\/pdf[^]*?\r?\n\r?\n([A-Za-z0-9+/=\r\n]+?)\r?\n--/.exec(raw);
  if (!part) throw new Error('the email carries no PDF');
  return Buffer.from(part[1].replace(/\s/g, ''), 'base64');
}
