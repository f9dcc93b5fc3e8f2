import { describe, expect, it } from '@jest/globals';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import type { EarlyWarningList } from '../../src/reports/early-warning.service.js';
import { earlyWarningCsvChunks, SEN2_COLUMNS, sen2CsvChunks } from '../../src/reports/report-csv.js';
import type { Sen2Row } from '../../src/reports/sen2-extract.service.js';

/**
 * The early-warning and SEN2 CSVs are written line by line rather than through csv-stringify: an
 * authority's spreadsheet or import must get the same bytes as the library gave, so each is
 * checked against it, with the options the engine used (the formula escape, booleans as words).
 */
const LIBRARY_OPTIONS = {
  cast: { boolean: (value: boolean) => (value ? 'true' : 'false'), string: (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value) },
};

const EARLY_WARNING_COLUMNS = ['today', 'reference', 'caseId', 'status', 'caseworker', 'requestReceivedOn', 'finalPlanTarget', 'exceptionApplies', 'step', 'latestOn', 'daysLeft', 'atRisk'];

/** Text a user can type into a reference or a name: quotes, commas, line breaks, formula starts and non-ASCII among ordinary letters. */
const awkwardText = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', '\r', '\t', '=', '+', '-', '@', "'", 'é', '＝', '0'), maxLength: 8 });
const date = fc.constantFrom('2025-01-31', '2026-11-23');
const nullable = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: null });

const warningCase = fc.record({
  caseId: fc.uuid(),
  reference: awkwardText,
  status: fc.constantFrom('assessing', 'drafting'),
  caseworker: nullable(fc.uuid()),
  requestReceivedOn: date,
  finalPlanTarget: date,
  exceptionApplies: fc.boolean(),
  steps: fc.array(fc.record({ step: fc.constantFrom('decisionToAssess', 'finalPlan'), latestOn: date, daysLeft: fc.integer({ min: -400, max: 400 }), atRisk: fc.boolean() }), { maxLength: 3 }),
});

const sen2Row = fc.record({
  Reference: awkwardText,
  Surname: awkwardText,
  Forename: awkwardText,
  PersonBirthDate: date,
  ReceivedDate: date,
  RequestSource: awkwardText,
  RequestOutcome: fc.constantFrom('decided_to_assess', 'withdrawn'),
  RequestOutcomeDate: nullable(date),
  AssessmentOutcome: nullable(fc.constantFrom('decided_to_issue', 'not_yet_decided')),
  AssessmentOutcomeDate: nullable(date),
  Week20: nullable(fc.constantFrom(0, 1)),
  RequestMediation: fc.constantFrom(0, 1),
  RequestTribunal: fc.constantFrom(0, 1),
  AssessmentMediation: nullable(fc.constantFrom(0, 1)),
  AssessmentTribunal: nullable(fc.constantFrom(0, 1)),
  OtherMediation: nullable(fc.constantFrom(0, 1)),
  OtherTribunal: nullable(fc.constantFrom(0, 1)),
  StartDate: nullable(date),
  DaysToStartDate: nullable(fc.integer({ min: 0, max: 400 })),
}) as fc.Arbitrary<Sen2Row>;

async function* inBatches<T>(batches: T[][]): AsyncGenerator<T[]> {
  yield* batches;
}

async function joined(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

describe('the large CSVs written line by line', () => {
  it('give the early-warning list the bytes csv-stringify gave, header first, chunk after chunk', () => {
    fc.assert(
      fc.property(fc.array(warningCase, { maxLength: 2500 }), (cases) => {
        const list = { today: '2026-11-23', warningDays: 10, scope: 'all', total: cases.length, cases } as EarlyWarningList;
        const rows = cases.flatMap((c) =>
          c.steps.map((s) => [list.today, c.reference, c.caseId, c.status, c.caseworker, c.requestReceivedOn, c.finalPlanTarget, c.exceptionApplies, s.step, s.latestOn, s.daysLeft, s.atRisk]),
        );
        expect([...earlyWarningCsvChunks(list)].join('')).toBe(stringify(rows, { ...LIBRARY_OPTIONS, header: true, columns: EARLY_WARNING_COLUMNS }));
      }),
      { numRuns: 30 },
    );
  });

  it('give the SEN2 extract the bytes csv-stringify gave, the header alone when no request is in it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(sen2Row, { maxLength: 40 }), { maxLength: 4 }), async (batches) => {
        const expected = stringify(batches.flat(), { ...LIBRARY_OPTIONS, header: true, columns: SEN2_COLUMNS });
        expect(await joined(sen2CsvChunks(inBatches(batches)))).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });
});
