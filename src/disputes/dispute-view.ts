import {
  allowedDisputeEvents,
  appealDates,
  computeDisputeDeadlines,
  disputeFactsOf,
  type DisputeClockOptions,
  type DisputedDecision,
  type DisputeEventType,
  type DisputeOutcome,
  type DisputeStatus,
  type IsoDate,
} from '../../workflows/ehc-dispute/index.js';
import type { Deadline } from '../../workflows/limits/index.js';
import { deadlineViews, type DeadlineView } from '../cases/case-view.js';
import type { DisputeRecord } from './dispute-store.js';

/** A dispute as `GET /api/disputes/:id` returns it. */
export interface DisputeView {
  id: string;
  reference: string;
  status: DisputeStatus;
  caseId: string | null;
  planId: string | null;
  decision: DisputedDecision;
  decidedOn: IsoDate;
  noticeSentOn: IsoDate;
  outcome: DisputeOutcome | null;
  /** The day of the outcome: the Tribunal's decision, the concession, settlement, withdrawal or closing. */
  outcomeOn: IsoDate | null;
  machineId: string;
  machineVersion: number;
  version: number;
  assignee: string | null;
  deadlines: Record<string, DeadlineView>;
  allowedEvents: DisputeEventType[];
  lastAppealDate: IsoDate;
  closableAsNotAppealedFrom: IsoDate;
  createdAt: string;
  updatedAt: string;
}

export function toDisputeView(record: DisputeRecord, today: IsoDate, options: DisputeClockOptions): DisputeView {
  return toDisputeViewWith(record, computeDisputeDeadlines(disputeFactsOf(record.snapshot), today, options));
}

/** For a dispute just written, whose deadlines were computed for today already. */
export function toDisputeViewWith(record: DisputeRecord, computed: Deadline[]): DisputeView {
  const facts = disputeFactsOf(record.snapshot);
  const dates = appealDates(facts);
  return {
    id: record.id,
    reference: record.reference,
    status: record.status,
    caseId: record.caseId,
    planId: record.planId,
    decision: record.decision,
    decidedOn: facts.decidedOn,
    noticeSentOn: record.noticeSentOn,
    outcome: facts.outcome ?? null,
    outcomeOn: facts.outcomeOn ?? null,
    machineId: record.machineId,
    machineVersion: record.machineVersion,
    version: record.version,
    assignee: record.assigneeId,
    deadlines: deadlineViews(computed),
    allowedEvents: allowedDisputeEvents({ machineId: record.machineId, machineVersion: record.machineVersion }, record.snapshot),
    lastAppealDate: dates.lastAppealDate,
    closableAsNotAppealedFrom: dates.closableFrom,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}
