import { join } from 'node:path';
import type { Request, Response } from 'express';
import nunjucks from 'nunjucks';
import PDFDocument from 'pdfkit';
import { longDate } from '../../workflows/calendar/dates.js';
import type { NoticeDocument } from '../../workflows/notices/notice-document.js';
import { PROJECT_ROOT } from '../common/project-root.js';

// Autoescaped: a child's name, a caseworker's reasons and the authority's details are text, never markup.
const templates = new nunjucks.Environment(new nunjucks.FileSystemLoader(join(PROJECT_ROOT, 'src', 'notices', 'templates')), { autoescape: true, throwOnUndefined: true });
templates.addFilter('longDate', longDate);
const plainText = new nunjucks.Environment(new nunjucks.FileSystemLoader(join(PROJECT_ROOT, 'src', 'notices', 'templates')), { autoescape: false, throwOnUndefined: true });
plainText.addFilter('longDate', longDate);

/** The notice as an accessible HTML page: the email's body, and the case page's preview. */
export function noticeHtml(document: NoticeDocument): string {
  return templates.render('notice.html.njk', { document });
}

/** The same notice as plain text, the email's alternative part. */
export function noticeText(document: NoticeDocument): string {
  return plainText.render('notice.txt.njk', { document });
}

const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';

/** The same notice as an A4 PDF, for post or as the email's attachment. */
export function noticePdf(document: NoticeDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 56,
    lang: 'en-GB',
    displayTitle: true,
    // A fixed creation date: the same notice gives the same bytes, so a kept copy can be checked by its digest.
    info: { Title: document.title, Author: document.authority.name, Subject: document.regulation, CreationDate: new Date(`${document.sentOn}T00:00:00Z`) },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  writePdf(pdf, document);
  pdf.end();
  return done;
}

function writePdf(pdf: PDFKit.PDFDocument, document: NoticeDocument): void {
  const { authority, child } = document;
  pdf.font(FONT).fontSize(10).fillColor('#505a5f').text(`${authority.name}, ${authority.team}`);
  if (authority.address.length > 0) pdf.text(authority.address.join(', '));
  pdf.moveDown().fillColor('#0b0c0c').font(BOLD).fontSize(18).text(document.title);
  pdf.moveDown(0.5).font(FONT).fontSize(11);
  pdf.text(`Date of this notice: ${longDate(document.sentOn)}`);
  pdf.text(`Our reference: ${document.reference}`);
  pdf.text(`Child or young person: ${child.givenName} ${child.familyName}, born ${longDate(child.dateOfBirth)}`);
  pdf.moveDown().font(BOLD).text('Key dates');
  for (const item of document.keyDates) pdf.font(FONT).text(`${item.label}: ${longDate(item.date)}`);
  for (const section of document.sections) {
    pdf.moveDown().font(BOLD).fontSize(13).text(section.heading);
    pdf.font(FONT).fontSize(11);
    for (const paragraph of section.paragraphs) pdf.moveDown(0.3).text(paragraph);
  }
  pdf.moveDown().fontSize(9).fillColor('#505a5f').text(`This notice is given under ${document.regulation}.`);
}

/** A PDF answered to be shown in the browser, named for saving. */
export function sendPdf(res: Response, filename: string, pdf: Buffer): void {
  res.type('application/pdf').setHeader('Content-Disposition', `inline; filename="${filename}"`);
  res.send(pdf);
}

/** Whether the client asked for the PDF (`Accept: application/pdf`) rather than the HTML, the default. */
export const wantsPdf = (req: Request): boolean => req.accepts(['text/html', 'application/pdf']) === 'application/pdf';

/** A notice as it would go out now: the PDF when asked for (`asPdf`), else the accessible HTML page. */
export async function answerWrittenNotice(res: Response, asPdf: boolean, document: NoticeDocument): Promise<void> {
  if (asPdf) return sendPdf(res, `${document.reference}-${document.notice}.pdf`, await noticePdf(document));
  res.type('text/html; charset=utf-8').send(noticeHtml(document));
}

/** A notice exactly as it was sent (version `version` of `notice`), as its PDF or its HTML. */
export function answerKeptNotice(res: Response, asPdf: boolean, kept: { reference: string; html: string; pdf: Buffer }, notice: string, version: number): void {
  if (asPdf) return sendPdf(res, `${kept.reference}-${notice}-v${version}.pdf`, kept.pdf);
  res.type('text/html; charset=utf-8').send(kept.html);
}
