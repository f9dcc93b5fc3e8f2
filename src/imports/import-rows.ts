import { createHash } from 'node:crypto';
import { isIsoDate } from '../../workflows/calendar/dates.js';
import { REQUEST_SOURCES, type CaseEvent, type CaseInput, type ImportedFromReturn, type IsoDate } from '../../workflows/ehc-needs-assessment/index.js';
import { CEASE_REASONS, REVIEW_DECISIONS, type CeaseReason, type PlanEvent } from '../../workflows/ehc-plan/index.js';
import { IDENTITY_COLUMNS, IDENTITY_FIELDS, type ChildIdentityItems, type IdentityField } from '../children/child-store.js';
import { identityRefusals, tidyIdentity } from '../children/identity-rules.js';
import { IMPORT_COLUMNS, IMPORTED_ADVICE } from './import-template.js';

/** One row as a reader found it: cells by template column name, and where each came from. */
export interface SourceRow {
  /** The line of the CSV file (the header is line 1). */
  line: number;
  cells: Record<string, string>;
  /** Each column's number in the header (from 1). */
  columnNumbers?: Record<string, number>;
  /** For a row read from an SEN2 return: the item each column came from, which its problems name. */
  items?: Record<string, string>;
  /** For a row read from an SEN2 return: what the return says that no column can (workflows' CaseInput). */
  fromReturn?: ImportedFromReturn;
  /** What its reader already found wrong with it. */
  refused?: RowProblem[];
}

export interface RowProblem {
  line: number;
  column: string;
  columnNumber?: number;
  message: string;
}

export interface ImportedChild {
  givenName: string;
  familyName: string;
  dateOfBirth: IsoDate;
}

/** A step of the history, and the column whose value it came from (refusals name it). */
export interface ImportedStep<E> {
  event: E;
  column: string;
}

export interface ImportedPlan {
  /** For a plan row; for an assessment row the final plan starts it. */
  startedOn?: IsoDate;
  transferredInOn?: IsoDate;
  fromAuthority?: string;
  namedSetting?: string;
  importedReviewOn?: IsoDate;
  steps: ImportedStep<PlanEvent>[];
}

export interface ImportedRecord {
  line: number;
  legacyReference: string;
  kind: 'assessment' | 'plan';
  child: ImportedChild;
  identity: Partial<ChildIdentityItems>;
  assignedTo?: string;
  assessment?: { input: CaseInput; steps: ImportedStep<CaseEvent>[] };
  plan?: ImportedPlan;
  /** The row's values: the same row imported again is skipped, a changed one refused. */
  contentHash: string;
}

const MAX_TEXT = 2000;

/**
 * Reads one row of the template into the history it records, or says what is wrong with it,
 * column by column. Only the row's own shape is checked here; the history's order is checked
 * by the process machines (import-history.ts).
 */
export function readImportRow(row: SourceRow, today: IsoDate): { record?: ImportedRecord; problems: RowProblem[] } {
  const reader = new RowReader(row, today);
  reader.problems.push(...(row.refused ?? []));
  const record = reader.record();
  return reader.problems.length > 0 ? { problems: reader.problems } : { record, problems: [] };
}

class RowReader {
  readonly problems: RowProblem[] = [];
  private readonly kind: 'assessment' | 'plan' | undefined;

  constructor(
    private readonly row: SourceRow,
    private readonly today: IsoDate,
  ) {
    const kind = this.text('record', true);
    if (kind !== undefined && kind !== 'assessment' && kind !== 'plan') this.problem('record', `must be assessment or plan, not "${kind}"`);
    this.kind = kind === 'assessment' || kind === 'plan' ? kind : undefined;
  }

  record(): ImportedRecord | undefined {
    const legacyReference = this.text('legacy_reference', true);
    const child = this.child();
    const identity = this.identity();
    const assignedTo = this.text('assigned_to');
    if (this.kind === undefined) return undefined;
    this.refuseColumnsOfTheOtherKind(this.kind);
    const assessment = this.kind === 'assessment' ? this.assessment() : undefined;
    const plan = this.kind === 'plan' ? this.planRow() : this.planOfAssessment(assessment?.steps ?? []);
    if (assessment && child && assessment.input.requestReceivedOn < child.dateOfBirth) {
      this.problem('request_received_on', `${assessment.input.requestReceivedOn} is before the child’s date of birth (${child.dateOfBirth})`);
    }
    if (plan?.startedOn && child && plan.startedOn < child.dateOfBirth) this.problem('plan_started_on', `${plan.startedOn} is before the child’s date of birth (${child.dateOfBirth})`);
    if (this.problems.length > 0 || !legacyReference || !child) return undefined;
    return { line: this.row.line, legacyReference, kind: this.kind, child, identity, ...(assignedTo && { assignedTo }), ...(assessment && { assessment }), ...(plan && { plan }), contentHash: contentHash(this.row.cells, this.row.fromReturn) };
  }

  private child(): ImportedChild | undefined {
    const givenName = this.text('given_name', true, 100);
    const familyName = this.text('family_name', true, 100);
    const dateOfBirth = this.date('date_of_birth', true);
    return givenName && familyName && dateOfBirth ? { givenName, familyName, dateOfBirth } : undefined;
  }

  private identity(): Partial<ChildIdentityItems> {
    const given: Partial<Record<IdentityField, string>> = {};
    for (const field of IDENTITY_FIELDS) {
      const value = this.text(IDENTITY_COLUMNS[field]);
      if (value !== undefined) given[field] = value;
    }
    const tidied = tidyIdentity(given);
    const empty = Object.fromEntries(IDENTITY_FIELDS.map((f) => [f, null])) as unknown as ChildIdentityItems;
    const refusals = identityRefusals({ ...empty, ...tidied });
    for (const [field, reason] of Object.entries(refusals)) this.problem(IDENTITY_COLUMNS[field as IdentityField], reason!);
    return tidied;
  }

  private refuseColumnsOfTheOtherKind(kind: 'assessment' | 'plan'): void {
    for (const c of IMPORT_COLUMNS) {
      if (c.rows !== 'both' && c.rows !== kind && this.given(c.name)) this.problem(c.name, `belongs to ${c.rows} rows; this row is a ${kind}`);
    }
  }

  private assessment(): { input: CaseInput; steps: ImportedStep<CaseEvent>[] } | undefined {
    const requestReceivedOn = this.date('request_received_on', true);
    const requestSource = this.choice('request_source', REQUEST_SOURCES, true);
    const steps: ImportedStep<CaseEvent>[] = [];
    const add = (column: string, event: CaseEvent | undefined | '') => event && steps.push({ column, event });
    add('decision_to_assess_on', this.decision('decision_to_assess', ['assess', 'decline'], 'decline', 'decline_reasons', 'DECISION_TO_ASSESS'));
    for (const contributor of IMPORTED_ADVICE) {
      const requested = this.date(`advice_${contributor}_requested_on`);
      const received = this.date(`advice_${contributor}_received_on`);
      if (received && !requested) this.problem(`advice_${contributor}_received_on`, `needs advice_${contributor}_requested_on: advice is received after it is asked for`);
      add(`advice_${contributor}_requested_on`, requested && { type: 'ADVICE_REQUESTED', occurredOn: requested, contributor });
      add(`advice_${contributor}_received_on`, requested && received && { type: 'ADVICE_RECEIVED', occurredOn: received, contributor });
    }
    add('decision_to_issue_on', this.decision('decision_to_issue', ['issue', 'not_issue'], 'not_issue', 'not_issue_reasons', 'DECISION_TO_ISSUE'));
    const draft = this.date('draft_plan_issued_on');
    add('draft_plan_issued_on', draft && { type: 'DRAFT_PLAN_ISSUED', occurredOn: draft });
    const final = this.finalPlan();
    // An SEN2 return holds no draft plan: the trail says so, on the final plan's day, instead of inventing one.
    if (final && !draft && this.row.fromReturn) add('final_plan_issued_on', { type: 'DRAFT_NOT_HELD', occurredOn: final.occurredOn });
    add('final_plan_issued_on', final);
    add('withdrawn_on', this.withdrawal());
    if (!requestReceivedOn || !requestSource) return undefined;
    // The statutory order breaks ties between steps on one day; a stable sort keeps it.
    steps.sort((a, b) => a.event.occurredOn.localeCompare(b.event.occurredOn));
    return { input: { requestReceivedOn, requestSource, ...(this.row.fromReturn && { importedFromReturn: this.row.fromReturn }) }, steps };
  }

  private decision<D extends string>(column: string, choices: readonly D[], refusing: D, reasonsColumn: string, type: 'DECISION_TO_ASSESS' | 'DECISION_TO_ISSUE'): CaseEvent | undefined {
    const decision = this.choice(column, choices);
    const on = this.date(`${column}_on`);
    const toldOn = this.date(`${column}_told_on`);
    const reasons = this.text(reasonsColumn, false, MAX_TEXT);
    this.together(column, `${column}_on`);
    if (decision === refusing && !reasons) this.problem(reasonsColumn, `is required when ${column} is ${refusing}`);
    if (toldOn && on && toldOn < on) this.problem(`${column}_told_on`, `${toldOn} is before the decision (${on})`);
    if (!decision || !on) return undefined;
    const notice = { sentOn: toldOn ?? on, method: 'email' as const };
    return { type, occurredOn: on, decision, ...(reasons && { reasons }), notice } as CaseEvent;
  }

  private finalPlan(): CaseEvent | undefined {
    const issuedOn = this.date('final_plan_issued_on');
    const toldOn = this.date('final_plan_told_on');
    const placement = this.text('named_setting', false, 300);
    if (toldOn && !issuedOn) this.problem('final_plan_told_on', 'needs final_plan_issued_on');
    if (toldOn && issuedOn && toldOn < issuedOn) this.problem('final_plan_told_on', `${toldOn} is before the plan was issued (${issuedOn})`);
    if (!issuedOn) return undefined;
    return { type: 'FINAL_PLAN_ISSUED', occurredOn: issuedOn, ...(placement && { placement }), notice: { sentOn: toldOn ?? issuedOn, method: 'email' } };
  }

  private withdrawal(): CaseEvent | undefined {
    const on = this.date('withdrawn_on');
    const reason = this.text('withdrawn_reason', false, MAX_TEXT);
    if (on && !reason) this.problem('withdrawn_reason', 'is required with withdrawn_on');
    return on && reason ? { type: 'WITHDRAWN', occurredOn: on, reason } : undefined;
  }

  private planRow(): ImportedPlan | undefined {
    const startedOn = this.date('plan_started_on', true);
    const transferredInOn = this.date('transferred_in_on');
    const fromAuthority = this.text('from_authority', false, 200);
    if (transferredInOn && startedOn && transferredInOn < startedOn) this.problem('transferred_in_on', `${transferredInOn} is before the plan was made (${startedOn})`);
    const review = this.lastReview(startedOn);
    const namedSetting = this.text('named_setting', false, 300);
    if (!startedOn) return undefined;
    return { startedOn, ...(transferredInOn && { transferredInOn }), ...(fromAuthority && { fromAuthority }), ...(namedSetting && { namedSetting }), ...review };
  }

  /** An assessment row's plan is the one its final plan made: only its last review can be given. */
  private planOfAssessment(steps: ImportedStep<CaseEvent>[]): ImportedPlan | undefined {
    const final = steps.find((s) => s.event.type === 'FINAL_PLAN_ISSUED')?.event;
    const finalOn = final?.type === 'FINAL_PLAN_ISSUED' ? final.notice?.sentOn : undefined;
    const review = this.lastReview(finalOn);
    if (!final) {
      if (review.importedReviewOn) this.problem('last_review_meeting_on', 'a plan’s review needs the plan: give final_plan_issued_on');
      return undefined;
    }
    return review;
  }

  private lastReview(startedOn: IsoDate | undefined): Pick<ImportedPlan, 'importedReviewOn' | 'steps'> {
    const meetingOn = this.date('last_review_meeting_on');
    const decision = this.choice('last_review_decision', REVIEW_DECISIONS);
    const decidedOn = this.date('last_review_decision_on');
    const reasons = this.text('last_review_reasons', false, MAX_TEXT);
    const ceaseReason = this.ceaseReason();
    if (meetingOn && startedOn && meetingOn < startedOn) this.problem('last_review_meeting_on', `${meetingOn} is before the plan started (${startedOn})`);
    this.together('last_review_decision', 'last_review_decision_on');
    if (decision && !meetingOn) this.problem('last_review_meeting_on', 'is required with last_review_decision');
    if (decision === 'cease' && ceaseReason === undefined) this.problem('cease_reason', 'is required when the last review decided to cease');
    if (decision === 'cease' && !reasons) this.problem('last_review_reasons', 'is required when the last review decided to cease');
    if (!meetingOn) return { steps: [] };
    const steps: ImportedStep<PlanEvent>[] = [{ column: 'last_review_meeting_on', event: { type: 'REVIEW_MEETING_HELD', occurredOn: meetingOn } }];
    if (decision && decidedOn) {
      const event: PlanEvent = { type: 'REVIEW_DECISION', occurredOn: decidedOn, decision, ...(reasons && { reasons }), ...(decision === 'cease' && ceaseReason !== undefined && { ceaseReason }), notice: { sentOn: decidedOn, method: 'email' } };
      steps.push({ column: 'last_review_decision_on', event });
    }
    return { importedReviewOn: meetingOn, steps };
  }

  private ceaseReason(): CeaseReason | undefined {
    const code = this.text('cease_reason');
    if (code === undefined) return undefined;
    const reason = Number(code) as CeaseReason;
    if (!/^\d$/.test(code) || !CEASE_REASONS.includes(reason)) {
      this.problem('cease_reason', `must be an SEN2 cease reason code, 1 to 9, not "${code}"`);
      return undefined;
    }
    return reason;
  }

  /** A decision and its date come together: each is required with the other. */
  private together(first: string, second: string): void {
    if (this.given(first) && !this.given(second)) this.problem(second, `is required with ${first}`);
    if (this.given(second) && !this.given(first)) this.problem(first, `is required with ${second}`);
  }

  /** Whether the row has a value in the column, before any check of it. */
  private given(column: string): boolean {
    return Boolean(this.row.cells[column]?.trim());
  }

  private text(column: string, required = false, max = 200): string | undefined {
    const value = this.row.cells[column]?.trim();
    if (!value) {
      if (required) this.problem(column, 'is required');
      return undefined;
    }
    if (value.length > max) this.problem(column, `is longer than ${max} characters`);
    return value;
  }

  private choice<C extends string>(column: string, choices: readonly C[], required = false): C | undefined {
    const value = this.text(column, required);
    if (value === undefined) return undefined;
    if ((choices as readonly string[]).includes(value)) return value as C;
    this.problem(column, `must be one of ${choices.join(', ')}, not "${value}"`);
    return undefined;
  }

  /** YYYY-MM-DD, or DD/MM/YYYY as spreadsheets in England write it; never after today. */
  private date(column: string, required = false): IsoDate | undefined {
    const value = this.text(column, required);
    if (value === undefined) return undefined;
    const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
    const iso = uk ? `${uk[3]}-${uk[2].padStart(2, '0')}-${uk[1].padStart(2, '0')}` : value;
    if (!isIsoDate(iso)) {
      this.problem(column, `must be a date, YYYY-MM-DD or DD/MM/YYYY, not "${value}"`);
      return undefined;
    }
    if (iso > this.today) this.problem(column, `${iso} is in the future; today is ${this.today}`);
    return iso;
  }

  private problem(column: string, message: string): void {
    this.problems.push(locatedProblem(this.row, column, message));
  }
}

/** A problem at a column of the row: by its number in a CSV header, or by the SEN2 item it was read from. */
export function locatedProblem(row: Pick<SourceRow, 'line' | 'columnNumbers' | 'items'>, column: string, message: string, separator = ' '): RowProblem {
  const name = row.items?.[column] ?? column;
  const numbered = row.columnNumbers?.[column];
  return { line: row.line, column: name, ...(numbered !== undefined && { columnNumber: numbered }), message: `${name}${separator}${message}` };
}

function contentHash(cells: Record<string, string>, fromReturn: ImportedFromReturn | undefined): string {
  const given = Object.entries({ ...cells, ...(fromReturn && { '(SEN2 Week20)': String(fromReturn.week20) }) }).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()]).sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256').update(JSON.stringify(given)).digest('hex');
}

