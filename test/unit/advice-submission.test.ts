import { describe, expect, it } from '@jest/globals';
import { ADVICE_FILE_TYPES, adviceFileType, keptFileName } from '../../src/advice/advice-file-types.js';
import { checkSubmission, MAX_TEXT_CHARACTERS } from '../../src/advice/advice-submission.js';
import { loadConfig } from '../../src/config/app-config.js';

const latin1 = (text: string) => Buffer.from(text, 'latin1');
const PDF = latin1('%PDF-1.7\n%%EOF\n');
const DOCX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), latin1('\x14\x00\x06\x00[Content_Types].xml....word/document.xml....')]);
const XLSX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), latin1('\x14\x00\x06\x00[Content_Types].xml....xl/workbook.xml....')]);
const DOC = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(64)]);

describe(adviceFileType.name, () => {
  it.each([
    ['a PDF', PDF, ADVICE_FILE_TYPES.pdf],
    ['a Word document', DOCX, ADVICE_FILE_TYPES.docx],
    ['a Word 97–2003 document', DOC, ADVICE_FILE_TYPES.doc],
    ['a spreadsheet (a zip without a Word part)', XLSX, undefined],
    ['a Windows program', latin1('MZ\x90\x00\x03\x00'), undefined],
    ['HTML', latin1('<!doctype html><script>'), undefined],
    ['a PDF signature not at the start', latin1(' %PDF-1.7'), undefined],
    ['nothing', Buffer.alloc(0), undefined],
  ])('%s', (_, content, type) => {
    expect(adviceFileType(content)).toBe(type);
  });
});

describe(keptFileName.name, () => {
  it.each([
    ['health advice.pdf', ADVICE_FILE_TYPES.pdf, 'health advice.pdf'],
    ['C:\\Users\\dr\\advice.PDF', ADVICE_FILE_TYPES.pdf, 'advice.PDF'],
    ['../../etc/advice.doc', ADVICE_FILE_TYPES.pdf, 'advice.doc.pdf'],
    ['"quoted"\r\nname.docx', ADVICE_FILE_TYPES.docx, 'quotedname.docx'],
    ['', ADVICE_FILE_TYPES.doc, 'advice.doc'],
  ])('%s → %s', (original, type, kept) => {
    expect(keptFileName(original, type)).toBe(kept);
  });
});

describe(checkSubmission.name, () => {
  const MAX = 1024;

  it('keeps a file and typed advice, each with its digest', () => {
    const checked = checkSubmission({ file: { originalName: 'a.pdf', content: PDF }, text: ' Seen yearly. ' }, MAX);
    expect(checked).toEqual({
      documents: [
        expect.objectContaining({ filename: 'a.pdf', contentType: 'application/pdf', content: PDF, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }),
        expect.objectContaining({ filename: 'advice.txt', contentType: 'text/plain; charset=utf-8', content: Buffer.from('Seen yearly.') }),
      ],
    });
  });

  it.each([
    ['nothing', {}, [['file', 400]]],
    ['an empty file and blank text', { file: { originalName: 'a.pdf', content: Buffer.alloc(0) }, text: '  ' }, [['file', 400]]],
    ['a file of the wrong type, with good text', { file: { originalName: 'a.pdf', content: latin1('MZ') }, text: 'Seen yearly.' }, [['file', 400]]],
    ['a file too big', { fileTooLarge: true }, [['file', 413]]],
    ['text too long', { text: 'x'.repeat(MAX_TEXT_CHARACTERS + 1) }, [['text', 400]]],
  ])('refuses %s, keeping nothing of the rest', (_, submitted, problems) => {
    const checked = checkSubmission(submitted, MAX);
    expect('problems' in checked && checked.problems.map((p) => [p.field, p.status])).toEqual(problems);
  });
});

describe('the advice portal settings', () => {
  it('defaults to 28 days after the advice deadline and 10 MB, and builds links on this server', () => {
    expect(loadConfig({}).advice).toEqual({ linkDaysAfterDue: 28, maxBytes: 10 * 1024 * 1024, portalRateLimitPerMinute: 30, publicUrl: 'http://localhost:3000' });
    expect(loadConfig({ PUBLIC_URL: 'https://ehc.council.example/send/' }).advice.publicUrl).toBe('https://ehc.council.example/send');
  });

  it.each([
    [{ ADVICE_LINK_DAYS_AFTER_DUE: '-1' }, /ADVICE_LINK_DAYS_AFTER_DUE/],
    [{ ADVICE_MAX_BYTES: '10' }, /ADVICE_MAX_BYTES/],
    [{ PUBLIC_URL: 'ehc.council.example' }, /PUBLIC_URL must be the http/],
    [{ PUBLIC_URL: 'https://ehc.council.example/?x=1' }, /PUBLIC_URL/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
