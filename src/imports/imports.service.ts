import { createHash } from 'node:crypto';
import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { IDENTITY_COLUMNS, IDENTITY_FIELDS } from '../children/child-store.js';
import { Clock } from '../common/clock.js';
import type { RequestContext } from '../common/request-context.js';
import { DomainError } from '../common/domain-error.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { OutboxRelay } from '../queues/outbox.relay.js';
import { buildHistory, type BuiltHistory } from './import-history.js';
import { readImportCsv } from './import-csv.js';
import { looksLikeXml, readImportSen2Xml } from './import-sen2-xml.js';
import { locatedProblem, readImportRow, type ImportedRecord, type RowProblem, type SourceRow } from './import-rows.js';
import { importStore, type ImportWriter } from './import-store.js';
import { SERIALIZATION_FAILURE, sqlState, UNIQUE_VIOLATION } from '../database/postgres-errors.js';

export type ImportMode = 'dry_run' | 'commit';

/** What happens to each row: imported (or would be), skipped as already imported, or refused. */
export interface ImportRowOutcome {
  line: number;
  legacyReference: string | null;
  record: string | null;
  outcome: 'import' | 'skip' | 'refused';
  /** The stage the record is in at the end of its history. */
  status?: string;
  planStatus?: string;
  caseReference?: string;
  planReference?: string;
}

export interface ImportReport {
  mode: ImportMode;
  fileName: string;
  /** True when nothing stops the file being imported. */
  valid: boolean;
  committed: boolean;
  batchId?: string;
  rows: number;
  toImport: number;
  skipped: number;
  problems: RowProblem[];
  outcomes: ImportRowOutcome[];
}

interface CheckedRow {
  row: SourceRow;
  record: ImportedRecord;
  built: BuiltHistory;
  childKey: string;
}

/**
 * Imports a caseload file: every row read, checked and replayed through the process machines
 * first; the file is written only when no row has a problem, in one transaction.
 */
@Injectable()
export class ImportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    @Optional() private readonly outbox?: OutboxRelay,
  ) {}

  /** The context's account is recorded as the importer, in the batch and on every trail line. */
  async run(context: RequestContext, file: { name: string; content: Buffer }, mode: ImportMode): Promise<ImportReport> {
    const report = await this.db.transaction('REPEATABLE READ', async (tx) => {
      const checked = await this.check(tx, context.authority, file);
      if (mode === 'dry_run' || !checked.valid) return checked.report;
      return this.commit(tx, context, file, checked.rows, checked.report);
    }).catch((error: unknown) => {
      if (sqlState(error) === UNIQUE_VIOLATION || sqlState(error) === SERIALIZATION_FAILURE) {
        throw new DomainError('IMPORT_CONFLICT', 'Another import wrote some of these rows while this one ran; nothing of this one was imported. Run it again: the rows already imported are skipped.');
      }
      throw error;
    });
    if (report.committed) this.outbox?.nudge();
    return report;
  }

  private async check(tx: EntityManager, authority: LocalAuthority, file: { name: string; content: Buffer }) {
    const today = this.clock.today();
    const read = looksLikeXml(file.content) ? readImportSen2Xml(file.content) : readImportCsv(file.content);
    const problems: RowProblem[] = [...read.problems];
    const outcomes: ImportRowOutcome[] = [];
    const rows: CheckedRow[] = [];
    const records = read.rows.map((row) => ({ row, ...readImportRow(row, today) }));
    const assignees = await this.assigneesOf(tx, authority, records.flatMap((r) => (r.record?.assignedTo ? [r.record.assignedTo] : [])));
    const earlier = await this.alreadyImported(tx, authority, records.flatMap((r) => (r.record ? [r.record.legacyReference] : [])));
    const seen = new Map<string, number>();
    for (const { row, record, problems: rowProblems } of records) {
      const base = { line: row.line, legacyReference: row.cells.legacy_reference?.trim() || null, record: row.cells.record?.trim() || null };
      const found = [...rowProblems];
      if (record) found.push(...duplicateProblems(row, record, seen, earlier, assignees));
      if (record && found.length === 0 && earlier.get(record.legacyReference)?.content_sha256 === record.contentHash) {
        outcomes.push({ ...base, outcome: 'skip' });
        continue;
      }
      const built = record && found.length === 0 ? buildHistory(row, record, record.assignedTo ? assignees.get(record.assignedTo.toLowerCase()) : undefined, today) : undefined;
      found.push(...(built?.problems ?? []));
      problems.push(...found);
      if (found.length > 0 || !record || !built) {
        outcomes.push({ ...base, outcome: 'refused' });
        continue;
      }
      rows.push({ row, record, built, childKey: childKeyOf(record) });
      outcomes.push({ ...base, outcome: 'import', ...(built.assessment && { status: built.assessment.state.status }), ...(built.plan && { planStatus: built.plan.state.status }) });
    }
    problems.push(...childConflicts(rows));
    const valid = problems.length === 0;
    const report: ImportReport = {
      mode: 'dry_run', fileName: file.name, valid, committed: false, rows: read.rows.length,
      toImport: rows.length, skipped: outcomes.filter((o) => o.outcome === 'skip').length, problems, outcomes,
    };
    return { valid, rows, report };
  }

  private async commit(tx: EntityManager, context: RequestContext, file: { name: string; content: Buffer }, rows: CheckedRow[], report: ImportReport): Promise<ImportReport> {
    const { authority } = context;
    const importedAt = this.clock.now();
    const [{ id: batchId }] = await tx.query(
      `INSERT INTO import_batch (local_authority_id, file_name, file_sha256, imported_by, actor, rows, assessments, plans, skipped, imported_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [authority.id, file.name, createHash('sha256').update(file.content).digest('hex'), context.user?.id ?? null, context.actor, report.rows,
        rows.filter((r) => r.built.assessment).length, rows.filter((r) => r.built.plan).length, report.skipped, importedAt],
    );
    const writer: ImportWriter = {
      tx, localAuthorityId: authority.id, batchId, fileName: file.name, actor: `${context.actor} (imported from ${file.name})`,
      alertsFrom: importedAt, strictMode: authority.strictDayCounting,
    };
    const children = await this.childrenOf(writer, rows);
    const written = new Map<number, Pick<ImportRowOutcome, 'caseReference' | 'planReference'>>();
    for (const { record, built, childKey } of rows) {
      const childId = children.get(childKey)!;
      const assessment = built.assessment ? await importStore.writeCase(writer, record, built.assessment, childId) : null;
      const plan = built.plan ? await importStore.writePlan(writer, record, built.plan, childId, assessment) : null;
      await importStore.recordRow(writer, record, assessment?.id ?? null, plan?.id ?? null);
      written.set(record.line, { ...(assessment && { caseReference: assessment.reference }), ...(plan && { planReference: plan.reference }) });
    }
    const outcomes = report.outcomes.map((o) => ({ ...o, ...written.get(o.line) }));
    return { ...report, mode: 'commit', committed: true, batchId, outcomes };
  }

  /** One child record per child in the file: an existing one with the same UPN, else a new one. */
  private async childrenOf(w: ImportWriter, rows: CheckedRow[]): Promise<Map<string, string>> {
    const children = new Map<string, string>();
    for (const { record, childKey } of rows) {
      if (children.has(childKey)) continue;
      const upn = record.identity.upn;
      const [existing] = upn ? await w.tx.query(`SELECT id FROM child WHERE local_authority_id = $1 AND upn = $2 LIMIT 1`, [w.localAuthorityId, upn]) : [];
      children.set(childKey, existing?.id ?? (await importStore.createChild(w, record.identity)));
    }
    return children;
  }

  private async assigneesOf(tx: EntityManager, authority: LocalAuthority, emails: string[]): Promise<Map<string, string>> {
    if (emails.length === 0) return new Map();
    const rows: { id: string; email: string }[] = await tx.query(
      `SELECT id, lower(email) AS email FROM user_account WHERE local_authority_id = $1 AND lower(email) = ANY($2) AND NOT disabled`,
      [authority.id, [...new Set(emails.map((e) => e.toLowerCase()))]],
    );
    return new Map(rows.map((r) => [r.email, r.id]));
  }

  private async alreadyImported(tx: EntityManager, authority: LocalAuthority, references: string[]): Promise<Map<string, EarlierRow>> {
    if (references.length === 0) return new Map();
    const rows: EarlierRow[] = await tx.query(
      `SELECT r.legacy_reference, r.content_sha256, b.file_name, to_char(b.imported_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS imported_on
       FROM import_record r JOIN import_batch b ON b.id = r.batch_id WHERE r.local_authority_id = $1 AND r.legacy_reference = ANY($2)`,
      [authority.id, references],
    );
    return new Map(rows.map((r) => [r.legacy_reference, r]));
  }
}

interface EarlierRow {
  legacy_reference: string;
  content_sha256: string;
  file_name: string;
  imported_on: string;
}

function duplicateProblems(row: SourceRow, record: ImportedRecord, seen: Map<string, number>, earlier: Map<string, EarlierRow>, assignees: Map<string, string>): RowProblem[] {
  const problems: RowProblem[] = [];
  const at = (column: string, message: string) => problems.push(locatedProblem(row, column, message));
  const first = seen.get(record.legacyReference);
  if (first !== undefined) at('legacy_reference', `"${record.legacyReference}" is also on line ${first}: each record once`);
  seen.set(record.legacyReference, record.line);
  const before = earlier.get(record.legacyReference);
  if (before && before.content_sha256 !== record.contentHash) {
    at('legacy_reference', `"${record.legacyReference}" was imported on ${before.imported_on} from ${before.file_name} with other values: correct that record in the engine rather than importing it again`);
  }
  if (record.assignedTo && !assignees.has(record.assignedTo.toLowerCase())) at('assigned_to', `"${record.assignedTo}" is not an active account of this authority`);
  return problems;
}

/** Rows of one child: the same UPN, or without one the same name and date of birth. */
function childKeyOf(record: ImportedRecord): string {
  if (record.identity.upn) return `upn:${record.identity.upn}`;
  const { givenName, familyName, dateOfBirth } = record.child;
  return `name:${givenName.toLowerCase()}|${familyName.toLowerCase()}|${dateOfBirth}`;
}

/** Two rows of one child must not disagree about who the child is. */
function childConflicts(rows: CheckedRow[]): RowProblem[] {
  const problems: RowProblem[] = [];
  const firstOf = new Map<string, ImportedRecord>();
  for (const { row, record, childKey } of rows) {
    const first = firstOf.get(childKey);
    if (!first) {
      firstOf.set(childKey, record);
      continue;
    }
    for (const field of IDENTITY_FIELDS) {
      const [value, before] = [record.identity[field], first.identity[field]];
      const column = IDENTITY_COLUMNS[field];
      if (value != null && before != null && before !== value) problems.push(locatedProblem(row, column, `"${value}" differs from line ${first.line} ("${before}"), the same child`));
    }
    if (first.child.dateOfBirth !== record.child.dateOfBirth) problems.push(locatedProblem(row, 'date_of_birth', `differs from line ${first.line}, the same UPN`));
  }
  return problems;
}
