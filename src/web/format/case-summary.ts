import type { IsoDate } from '../../../workflows/ehc-needs-assessment/index.js';
import type { CaseView, DeadlineView } from '../../cases/case-view.js';
import { formatDate } from './dates.js';
import { deadlineLabel, STATUS_LABELS } from './labels.js';
import { urgency, type Urgency } from './urgency.js';

/** Still awaiting its step with a date to work to: not a window, not held by a running exception, not closed. */
export const isOpenDeadline = (deadline: DeadlineView): boolean => deadline.open && deadline.role !== 'window' && deadline.targetOn !== null;

/** The date a deadline is now worked to: its target, the revised one when an exception relaxes it. */
export const workingDueOn = (deadline: DeadlineView): IsoDate => deadline.targetOn ?? deadline.dueOn;

export interface NextDeadline extends Urgency {
  label: string;
  dueOn: string;
}

/** The case's next open deadline, as the caseload orders by it (src/cases/case-deadlines.ts, nextDueOn). */
export function nextDeadline(view: CaseView, today: IsoDate): NextDeadline | undefined {
  const open = Object.entries(view.deadlines).filter(([, deadline]) => isOpenDeadline(deadline));
  if (open.length === 0) return undefined;
  const [name, deadline] = open.reduce((next, entry) => (workingDueOn(entry[1]) < workingDueOn(next[1]) ? entry : next));
  const due = workingDueOn(deadline);
  return { label: deadlineLabel(name), dueOn: formatDate(due), ...urgency(due, today) };
}

/** The case page's address (src/web/case-page). */
export const casePath = (id: string): string => `/case/${id}`;

export const childName = (view: CaseView): string => `${view.child.givenName} ${view.child.familyName}`;

export const statusTag = (view: CaseView) => STATUS_LABELS[view.status];
