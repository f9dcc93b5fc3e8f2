import { describe, expect, it } from '@jest/globals';
import { XMLParser } from 'fast-xml-parser';
import { Writable } from 'node:stream';
import { writeSen2Xml } from '../../src/returns/sen2-xml.js';
import type { Sen2Return } from '../../workflows/sen2/index.js';

async function written(sen2: Sen2Return, flag?: string): Promise<string> {
  const chunks: string[] = [];
  const out = new Writable({ write: (chunk, _, done) => (chunks.push(String(chunk)), done()) });
  await writeSen2Xml(sen2, out, flag);
  return chunks.join('');
}

const header = { Year: 2027, ReferenceDate: '2027-01-21', LEA: null, SoftwareCode: 'ehc-workflow-engine', Release: '0.1.0', SerialNo: '001', DateTime: '2027-02-01T09:00:00', DMO: 'Y' as const, DCO: null, DSCO: null };

describe('The SEN2 XML writer', () => {
  it('escapes what a name may hold, drops what XML cannot carry, and keeps the flag a comment', async () => {
    const person = { childId: 'c', Surname: 'O’Brien & <Sons>\u0001', Forename: 'Zoë 😀', PersonBirthDate: '2015-01-01', Sex: null, Ethnicity: null, PostCode: null, Requests: [{ about: { kind: 'case' as const, id: 'x', reference: 'EHC-1' }, RequestOutcome: 'A' as const, notes: { exceptionsAwaitingApproval: [] } }] };
    const xml = await written({ header, persons: [person] }, 'Not ready -- 3 errors');
    const parsed = new XMLParser({ parseTagValue: false, commentPropName: '#comment' }).parse(xml);
    expect(parsed.Message.Persons.Person).toEqual({ Surname: 'O’Brien & <Sons>', Forename: 'Zoë 😀', PersonBirthDate: '2015-01-01', Requests: { RequestOutcome: 'A' } });
    expect(parsed['#comment']).toBe(' Not ready - - 3 errors ');
    // Required header items not yet set are written empty, for the validation (and the schema) to flag.
    expect(parsed.Message.Header.Source).toMatchObject({ LEA: '', DMO: 'Y', DCO: '' });
    expect(parsed.Message.Header.Source.DSCO).toBe('');
  });
});
