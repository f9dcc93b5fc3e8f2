/** The kinds of advice file the portal takes, recognised by their first bytes, never by name or declared type. */
export const ADVICE_FILE_TYPES = {
  pdf: { contentType: 'application/pdf', extension: '.pdf' },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: '.docx' },
  doc: { contentType: 'application/msword', extension: '.doc' },
} as const;

export type AdviceFileType = (typeof ADVICE_FILE_TYPES)[keyof typeof ADVICE_FILE_TYPES];

const PDF = Buffer.from('%PDF-', 'latin1');
/** The OLE2 compound file of Word 97–2003. */
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** Every Word document package has this part; a zip without it (a spreadsheet, an archive) is not one. */
const WORD_PART = Buffer.from('word/document.xml', 'latin1');

/** The file's type by its content, or undefined when it is none of those the portal takes. */
export function adviceFileType(content: Buffer): AdviceFileType | undefined {
  if (content.subarray(0, PDF.length).equals(PDF)) return ADVICE_FILE_TYPES.pdf;
  if (content.subarray(0, OLE2.length).equals(OLE2)) return ADVICE_FILE_TYPES.doc;
  if (content.subarray(0, ZIP.length).equals(ZIP) && content.includes(WORD_PART)) return ADVICE_FILE_TYPES.docx;
  return undefined;
}

/**
 * The name the file is kept and downloaded under: the sender's own name without any folder or
 * control characters, ending in the extension of what it is (a PDF called `advice.doc` becomes
 * `advice.doc.pdf`), so it opens with the right program.
 */
export function keptFileName(original: string, type: { extension: string }, unnamed = 'advice'): string {
  const base = (original.split(/[\\/]/).at(-1) ?? '').replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200) || unnamed;
  return base.toLowerCase().endsWith(type.extension) ? base : `${base}${type.extension}`;
}
