import type { Deadline, IsoDate } from '../../workflows/ehc-needs-assessment/index.js';

export interface DeadlineRow {
  name: string;
  dueOn: IsoDate;
  metOn: IsoDate | null;
  open: boolean;
  excepted: boolean;
  revisedTarget: IsoDate | null;
  statutory: boolean;
  regulation: string;
}

/**
 * What is stored of a deadline must not go stale as days pass, so the row keeps
 * whether it is still open rather than whether it is breached today.
 */
export function toDeadlineRow(deadline: Deadline): DeadlineRow {
  return {
    name: deadline.name,
    dueOn: deadline.dueOn,
    metOn: deadline.metOn,
    open: deadline.metOn === null && deadline.status !== 'not_applicable',
    excepted: deadline.revisedTarget !== null,
    revisedTarget: deadline.revisedTarget,
    statutory: deadline.statutory,
    regulation: deadline.regulation,
  };
}

/** The date the caseload is ordered by: the earliest open deadline (its revised target if excepted). */
export function nextDueOn(rows: DeadlineRow[]): IsoDate | null {
  const dates = rows.filter((row) => row.open).map((row) => (row.excepted ? (row.revisedTarget ?? row.dueOn) : row.dueOn));
  return dates.length === 0 ? null : dates.reduce((earliest, date) => (date < earliest ? date : earliest));
}

/** The rows a transition must write: new deadlines and those whose stored facts changed. */
export function changedDeadlineRows(stored: DeadlineRow[], computed: DeadlineRow[]): DeadlineRow[] {
  const storedByName = new Map(stored.map((row) => [row.name, row]));
  return computed.filter((row) => !sameRow(storedByName.get(row.name), row));
}

function sameRow(a: DeadlineRow | undefined, b: DeadlineRow): boolean {
  return (
    a !== undefined &&
    a.dueOn === b.dueOn &&
    a.metOn === b.metOn &&
    a.open === b.open &&
    a.excepted === b.excepted &&
    a.revisedTarget === b.revisedTarget &&
    a.statutory === b.statutory &&
    a.regulation === b.regulation
  );
}
