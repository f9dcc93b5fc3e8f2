import { CsvError, parse } from 'csv-parse/sync';
import { IMPORT_COLUMN_NAMES } from './import-template.js';
import type { RowProblem, SourceRow } from './import-rows.js';

const REQUIRED_COLUMNS = ['record', 'legacy_reference', 'given_name', 'family_name', 'date_of_birth'];

/**
 * The rows of a caseload CSV (UTF-8, a header naming template columns in any order, a byte-order
 * mark allowed). A file that is not CSV, or whose header names a column the template does not
 * have, gives problems and no rows: nothing in it is imported.
 */
export function readImportCsv(file: Buffer): { rows: SourceRow[]; problems: RowProblem[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(file, { bom: true, info: true, skip_empty_lines: true, relax_column_count: false }) as unknown as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const at = error as CsvError & { lines?: number; column?: number };
    // A record of the wrong length has no one column at fault: its message gives both counts.
    const column = typeof at.column === 'number' && at.code !== 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' ? { columnNumber: at.column + 1 } : {};
    return { rows: [], problems: [{ line: at.lines ?? 1, column: '', ...column, message: `The file is not valid CSV: ${error.message}` }] };
  }
  if (records.length === 0) return { rows: [], problems: [{ line: 1, column: '', message: 'The file is empty: the first line must be the template’s header.' }] };
  const [header, ...body] = records;
  const problems = headerProblems(header.record);
  if (problems.length > 0) return { rows: [], problems };
  const columnNumbers = Object.fromEntries(header.record.map((name, i) => [name.trim(), i + 1]));
  const rows = body.map(({ record, info }) => ({
    line: startLine(record, info.lines),
    cells: Object.fromEntries(header.record.map((name, i) => [name.trim(), record[i]])),
    columnNumbers,
  }));
  return { rows, problems: [] };
}

function headerProblems(names: string[]): RowProblem[] {
  const problems: RowProblem[] = [];
  const seen = new Set<string>();
  names.forEach((raw, i) => {
    const name = raw.trim();
    const at = { line: 1, column: name, columnNumber: i + 1 };
    if (!IMPORT_COLUMN_NAMES.includes(name)) problems.push({ ...at, message: `"${name}" is not a column of the import template (README "Importing a caseload").` });
    else if (seen.has(name)) problems.push({ ...at, message: `"${name}" appears twice in the header.` });
    seen.add(name);
  });
  for (const name of REQUIRED_COLUMNS) if (!seen.has(name)) problems.push({ line: 1, column: name, message: `The header has no "${name}" column; every row needs one.` });
  return problems;
}

/** csv-parse counts the line a record ends on; a quoted value may span lines. */
function startLine(record: string[], endLine: number): number {
  return endLine - record.reduce((n, value) => n + (value.match(/\n/g)?.length ?? 0), 0);
}
