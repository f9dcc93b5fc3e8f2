import { SaxesParser } from 'saxes';
import { REQUEST_SOURCE_CODES } from '../../workflows/sen2/return/index.js';
import type { RowProblem, SourceRow } from './import-rows.js';

/**
 * The rows of an SEN2 person-level return (../shared/sen2.md §1.1), read as a caseload: one row
 * of the import template per `Requests` element, so every check and the replay through the
 * process machines are the CSV's own. What the return does not hold is said so on the record
 * (README "Importing a caseload", "From an SEN2 return"), never made up.
 */
export function readImportSen2Xml(file: Buffer): { rows: SourceRow[]; problems: RowProblem[] } {
  const parsed = parseXml(file);
  if ('problem' in parsed) return { rows: [], problems: [parsed.problem] };
  const { root } = parsed;
  const collection = root.name === 'Message' ? text(child(child(child(root, 'Header'), 'CollectionDetails'), 'Collection')) : undefined;
  if (collection !== 'SEN2') {
    return { rows: [], problems: [{ line: root.line, column: '', message: 'The file is XML but not an SEN2 return: its root must be Message, with Header/CollectionDetails/Collection "SEN2".' }] };
  }
  const people = children(child(root, 'Persons'), 'Person');
  if (people.length === 0) return { rows: [], problems: [{ line: root.line, column: '', message: 'The return has no Persons/Person: there is nothing to import.' }] };
  return { rows: people.flatMap((person) => children(person, 'Requests').map((request) => rowOf(person, request))), problems: [] };
}

/** Whether an upload is XML rather than CSV: its first character, after a byte-order mark and blanks, opens a tag. */
export function looksLikeXml(file: Buffer): boolean {
  return /^(\uFEFF)?\s*</.test(file.subarray(0, 256).toString('utf8'));
}

/** The reasons the machines require and the return never holds, written as what they are. */
export const NOT_IN_THE_RETURN = 'Not held: imported from an SEN2 return, which does not carry the reasons.';

interface XmlElement {
  name: string;
  line: number;
  children: XmlElement[];
  text: string;
}

function parseXml(file: Buffer): { root: XmlElement } | { problem: RowProblem } {
  const parser = new SaxesParser();
  const open: XmlElement[] = [];
  let root: XmlElement | undefined;
  let startLine = 1;
  parser.on('opentagstart', () => (startLine = parser.line));
  parser.on('opentag', (tag) => {
    const element: XmlElement = { name: tag.name, line: startLine, children: [], text: '' };
    open.at(-1)?.children.push(element);
    root ??= element;
    open.push(element);
  });
  parser.on('text', (value) => {
    const current = open.at(-1);
    if (current) current.text += value;
  });
  parser.on('closetag', () => open.pop());
  try {
    parser.write(file.toString('utf8').replace(/^\uFEFF/, '')).close();
  } catch (error) {
    // saxes names the place as "line:column: message"; the line is the problem's own field.
    const message = error instanceof Error ? error.message.replace(/^\d+:\d+: /, '') : String(error);
    return { problem: { line: parser.line, column: '', message: `The file is not well-formed XML: ${message}` } };
  }
  return root ? { root } : { problem: { line: 1, column: '', message: 'The file is empty: it has no XML element.' } };
}

const child = (element: XmlElement | undefined, name: string): XmlElement | undefined => element?.children.find((c) => c.name === name);
const children = (element: XmlElement | undefined, name: string): XmlElement[] => element?.children.filter((c) => c.name === name) ?? [];
const text = (element: XmlElement | undefined): string | undefined => element?.text.trim() || undefined;

const REQUEST_SOURCES_BY_CODE = new Map(Object.entries(REQUEST_SOURCE_CODES).reverse().map(([source, code]) => [String(code), source]));
const REVIEW_DECISIONS_BY_CODE: Record<string, string> = { A: 'amend', C: 'cease', M: 'maintain' };
const PERSON_ITEMS = { given_name: 'Forename', family_name: 'Surname', date_of_birth: 'PersonBirthDate', upn: 'UPN', uln: 'UniqueLearnerNumber', upn_unknown: 'UPNunknown', sex: 'Sex', ethnicity: 'Ethnicity', postcode: 'PostCode' };

/** One request (or historical plan) as a template row, each cell with the item it came from. */
function rowOf(person: XmlElement, request: XmlElement): SourceRow {
  const row = new ReturnRow(request.line);
  for (const [column, item] of Object.entries(PERSON_ITEMS)) row.set(column, text(child(person, item)), `Person/${item}`);
  const assessment = child(request, 'Assessment');
  const plan = child(assessment, 'NamedPlan');
  const historical = text(child(request, 'RequestOutcome')) === 'H';
  row.set('record', historical ? 'plan' : 'assessment', 'Requests/RequestOutcome');
  row.set('legacy_reference', legacyReference(person, request, plan), 'Requests');
  if (historical) row.set('plan_started_on', text(child(plan, 'StartDate')), 'Requests/Assessment/NamedPlan/StartDate');
  else readRequest(row, request, assessment, plan);
  if (row.week20 && !closedAssessment(assessment)) {
    row.refuse('Requests/Assessment/Week20', 'is 1 but the assessment is still open: its exception’s kind and dates decide its limits from now on, and the return has neither. Import the request without it (Week20 0) and record the exception on the case.');
  }
  readActivePlan(row, child(request, 'ActivePlans'), plan);
  return row.source();
}

function readRequest(row: ReturnRow, request: XmlElement, assessment: XmlElement | undefined, plan: XmlElement | undefined): void {
  row.set('request_received_on', text(child(request, 'ReceivedDate')), 'Requests/ReceivedDate');
  const source = text(child(request, 'RequestSource'));
  row.set('request_source', source && (REQUEST_SOURCES_BY_CODE.get(source) ?? `code ${source}`), 'Requests/RequestSource');
  const outcomeOn = text(child(request, 'RequestOutcomeDate'));
  const outcome = text(child(request, 'RequestOutcome'));
  if (outcome === 'Y' || outcome === 'N') {
    row.decision('decision_to_assess', outcome === 'Y' ? 'assess' : 'decline', outcomeOn, 'Requests/RequestOutcome', 'decline_reasons');
  } else if (outcome === 'W') {
    row.withdrawal(outcomeOn, 'Requests/RequestOutcomeDate');
  }
  const assessed = text(child(assessment, 'AssessmentOutcome'));
  const assessedOn = text(child(assessment, 'AssessmentOutcomeDate'));
  if (assessed === 'Y' || assessed === 'N') {
    row.decision('decision_to_issue', assessed === 'Y' ? 'issue' : 'not_issue', assessedOn, 'Requests/Assessment/AssessmentOutcome', 'not_issue_reasons');
  } else if (assessed === 'W') {
    row.withdrawal(assessedOn, 'Requests/Assessment/AssessmentOutcomeDate');
  }
  row.set('final_plan_issued_on', text(child(plan, 'StartDate')), 'Requests/Assessment/NamedPlan/StartDate');
  row.week20 = ['1', 'true'].includes(text(child(assessment, 'Week20'))?.toLowerCase() ?? '');
}

/** An assessment the return shows closed: a plan made, no plan to be issued, or withdrawn. */
function closedAssessment(assessment: XmlElement | undefined): boolean {
  return child(child(assessment, 'NamedPlan'), 'StartDate') !== undefined || ['N', 'W'].includes(text(child(assessment, 'AssessmentOutcome')) ?? '');
}

/** The last review of the plan the request made (or of the historical plan), and its cease reason. */
function readActivePlan(row: ReturnRow, active: XmlElement | undefined, plan: XmlElement | undefined): void {
  row.set('last_review_meeting_on', text(child(active, 'ReviewMeeting')), 'Requests/ActivePlans/ReviewMeeting');
  const outcome = text(child(active, 'ReviewOutcome'));
  row.set('last_review_decision', outcome && (REVIEW_DECISIONS_BY_CODE[outcome] ?? `code ${outcome}`), 'Requests/ActivePlans/ReviewOutcome');
  row.set('last_review_decision_on', text(child(active, 'LastReview')), 'Requests/ActivePlans/LastReview');
  if (outcome === 'C') row.set('last_review_reasons', NOT_IN_THE_RETURN, 'Requests/ActivePlans/ReviewOutcome');
  row.set('cease_reason', text(child(plan, 'CeaseReason')), 'Requests/Assessment/NamedPlan/CeaseReason');
  const ceasedOn = text(child(plan, 'CeaseDate'));
  if (ceasedOn) row.refuse('Requests/Assessment/NamedPlan/CeaseDate', `${ceasedOn}: a plan that has ended is not imported (the cease decision and its appeal window are not in the return); remove this Requests element`);
}

/**
 * The same request in a later return has the same reference, so importing it again skips it
 * (or, when the return now says more of it, refuses it as changed).
 */
function legacyReference(person: XmlElement, request: XmlElement, plan: XmlElement | undefined): string {
  const who = text(child(person, 'UPN')) ?? text(child(person, 'UniqueLearnerNumber')) ?? [text(child(person, 'Surname')), text(child(person, 'Forename')), text(child(person, 'PersonBirthDate'))].join('/');
  const what = text(child(request, 'ReceivedDate')) ?? `plan ${text(child(plan, 'StartDate')) ?? ''}`;
  return `SEN2 ${who} ${what}`;
}

class ReturnRow {
  private readonly cells: Record<string, string> = {};
  private readonly items: Record<string, string> = { record: 'Requests', legacy_reference: 'Requests' };
  private readonly refusals: string[][] = [];
  week20 = false;

  constructor(private readonly line: number) {}

  set(column: string, value: string | undefined, item: string): void {
    this.items[column] = item;
    if (value !== undefined) this.cells[column] = value;
  }

  /** The return's outcome date is the day the family was told; the decision's own day is not in it. */
  decision(column: string, decision: string, toldOn: string | undefined, item: string, reasonsColumn: string): void {
    this.set(column, decision, item);
    this.set(`${column}_on`, toldOn, `${item}Date`);
    this.set(`${column}_told_on`, toldOn, `${item}Date`);
    if (decision === 'decline' || decision === 'not_issue') this.set(reasonsColumn, NOT_IN_THE_RETURN, item);
  }

  withdrawal(on: string | undefined, item: string): void {
    this.set('withdrawn_on', on, item);
    this.set('withdrawn_reason', NOT_IN_THE_RETURN, item);
  }

  refuse(item: string, message: string): void {
    this.refusals.push([item, message]);
  }

  source(): SourceRow {
    const refused = this.refusals.map(([item, message]) => ({ line: this.line, column: item, message: `${item} ${message}` }));
    return { line: this.line, cells: this.cells, items: this.items, fromReturn: { week20: this.week20 }, ...(refused.length > 0 && { refused }) };
  }
}
