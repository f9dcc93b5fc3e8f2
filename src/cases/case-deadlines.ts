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

/** What a transition writes to a case's deadline rows, and what was stored before for them (to re-plan alerts). */
export interface DeadlineChanges {
  /** New deadlines and those whose stored facts changed. */
  changed: DeadlineRow[];
  /** Stored deadlines the case no longer has (a correction superseded the step that started them). */
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
