import type { IsoDate } from '../../workflows/calendar/dates.js';
import type { LimitRecord } from '../../workflows/limits/index.js';

/** A case_deadline or plan_deadline row is a LimitRecord: facts only, so it never goes stale as days pass. */
export type DeadlineRow = LimitRecord;

/** The date a caseload or plan list is ordered by: the earliest target of a limit still awaiting its step. */
export function nextDueOn(rows: DeadlineRow[]): IsoDate | null {
  const dates = rows.filter((row) => row.open && row.role !== 'window' && row.targetOn !== null).map((row) => row.targetOn!);
  return dates.length === 0 ? null : dates.reduce((earliest, date) => (date < earliest ? date : earliest));
}

const COMPARED: readonly (keyof DeadlineRow)[] = [
  'dueOn', 'metOn', 'open', 'closedOn', 'excepted', 'held', 'revisedTarget', 'targetOn', 'role', 'statutory', 'regulation', 'noticeAssumed', 'measuredFrom',
];

/** What a transition writes to a process's deadline rows, and what was stored before for them (to re-plan alerts). */
export interface DeadlineChanges {
  /** New deadlines and those whose stored facts changed. */
  changed: DeadlineRow[];
  /** Stored deadlines the process no longer has (a correction superseded the step that started them). */
  removed: string[];
  previous: DeadlineRow[];
}

export function deadlineChanges(stored: DeadlineRow[], computed: DeadlineRow[]): DeadlineChanges {
  const storedByName = new Map(stored.map((row) => [row.name, row]));
  const changed = computed.filter((row) => {
    const before = storedByName.get(row.name);
    return before === undefined || COMPARED.some((field) => before[field] !== row[field]);
  });
  const computedNames = new Set(computed.map((row) => row.name));
  const removed = stored.filter((row) => !computedNames.has(row.name)).map((row) => row.name);
  const touched = new Set([...changed.map((row) => row.name), ...removed]);
  return { changed, removed, previous: stored.filter((row) => touched.has(row.name)) };
}

/** A deadline row `d` as a DeadlineRow (LimitRecord) in JSON. */
export const DEADLINE_ROW_JSON = `json_build_object('name', d.name, 'role', d.role, 'dueOn', d.due_on, 'metOn', d.met_on, 'open', d.open,
  'closedOn', d.closed_on, 'excepted', d.excepted, 'held', d.held, 'revisedTarget', d.revised_target, 'targetOn', d.target_on,
  'statutory', d.statutory, 'regulation', d.regulation, 'noticeAssumed', d.notice_assumed, 'measuredFrom', d.measured_from)`;

/** The columns written for each deadline row, with the array type each is sent as. */
export const DEADLINE_COLUMNS: readonly [column: string, field: keyof DeadlineRow, type: string][] = [
  ['name', 'name', 'text'], ['role', 'role', 'text'], ['due_on', 'dueOn', 'date'], ['met_on', 'metOn', 'date'], ['open', 'open', 'boolean'],
  ['closed_on', 'closedOn', 'date'], ['excepted', 'excepted', 'boolean'], ['held', 'held', 'boolean'], ['revised_target', 'revisedTarget', 'date'],
  ['target_on', 'targetOn', 'date'], ['statutory', 'statutory', 'boolean'], ['regulation', 'regulation', 'text'], ['notice_assumed', 'noticeAssumed', 'boolean'],
  ['measured_from', 'measuredFrom', 'date'],
];
