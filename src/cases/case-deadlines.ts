import type { IsoDate, LimitRecord } from '../../workflows/ehc-needs-assessment/index.js';

/** A case_deadline row is a LimitRecord: facts only, so it never goes stale as days pass. */
export type DeadlineRow = LimitRecord;

/** The date the caseload is ordered by: the earliest target of a limit still awaiting its step. */
export function nextDueOn(rows: DeadlineRow[]): IsoDate | null {
  const dates = rows.filter((row) => row.open && row.role !== 'window' && row.targetOn !== null).map((row) => row.targetOn!);
  return dates.length === 0 ? null : dates.reduce((earliest, date) => (date < earliest ? date : earliest));
}

const COMPARED: readonly (keyof DeadlineRow)[] = [
  'dueOn', 'metOn', 'open', 'closedOn', 'excepted', 'held', 'revisedTarget', 'targetOn', 'role', 'statutory', 'regulation', 'noticeAssumed',
];

/** The rows a transition must write: new deadlines and those whose stored facts changed. */
export function changedDeadlineRows(stored: DeadlineRow[], computed: DeadlineRow[]): DeadlineRow[] {
  const storedByName = new Map(stored.map((row) => [row.name, row]));
  return computed.filter((row) => {
    const before = storedByName.get(row.name);
    return before === undefined || COMPARED.some((field) => before[field] !== row[field]);
  });
}
