import { isOverdue, type IsoDate } from '../../../workflows/ehc-needs-assessment/index.js';
import type { CaseView, DeadlineView } from '../../cases/case-view.js';
import { formatDate } from './dates.js';
import { deadlineLabel, STATUS_LABELS } from './labels.js';
import { limitUrgency, type Urgency } from './urgency.js';

export interface NextDeadline extends Urgency {
  label: string;
  dueOn: string;
}

type Targeted = [string, DeadlineView & { targetOn: IsoDate }];

/** The limit of `limits` with the earliest target, with its urgency counted to that target. */
function soonest(limits: [string, DeadlineView][], today: IsoDate): NextDeadline | undefined {
  const targeted = limits.filter((entry): entry is Targeted => entry[1].targetOn !== null);
  if (targeted.length === 0) return undefined;
  const [name, deadline] = targeted.reduce((next, entry) => (entry[1].targetOn < next[1].targetOn ? entry : next));
  return { label: deadlineLabel(name), dueOn: formatDate(deadline.targetOn), ...limitUrgency(deadline, today)! };
}

/**
 * The case's next limit: open, with a target, not the family's window — what the caseload is
 * ordered by (src/cases/case-deadlines.ts, nextDueOn).
 */
export function nextDeadline(view: CaseView, today: IsoDate): NextDeadline | undefined {
  return soonest(Object.entries(view.deadlines).filter(([, deadline]) => deadline.open && deadline.role !== 'window'), today);
}

/** The case's most overdue limit, by the one definition the overdue list uses (workflows/limits). */
export function mostOverdue(view: CaseView, today: IsoDate): NextDeadline | undefined {
  return soonest(Object.entries(view.deadlines).filter(([, deadline]) => isOverdue(deadline, today)), today);
}

/** The case page's address (src/web/case-page). */
export const casePath = (id: string): string => `/case/${id}`;

/** The plan page's address (src/web/plan-pages): `/plans/:id` is the API's. */
export const planPath = (id: string): string => `/plan/${id}`;

/** The child record's page: /children/:id is the API's. */
export const childPath = (id: string): string => `/child/${id}`;

export const childName = (view: CaseView): string => `${view.child.givenName} ${view.child.familyName}`;

export const statusTag = (view: CaseView) => STATUS_LABELS[view.status];
