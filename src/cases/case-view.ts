import type { OpenDispute } from '../disputes/open-disputes.js';
import {
  allowedEvents,
  caseFactsOf,
  computeDeadlines,
  type AdviceRequest,
  type CaseEventType,
  type CaseFacts,
  type CaseOrder,
  type CaseStatus,
  type ClockOptions,
  type Contributor,
  type Deadline,
  type DeadlineStatus,
  type ExceptionRecord,
  type IsoDate,
  type LimitRole,
  type NoticeRecord,
  type NoticeName,
  type RequestSource,
} from '../../workflows/ehc-needs-assessment/index.js';
import type { CaseEventRecord } from './case-event.entity.js';
import type { CaseEventSupersession } from './case-event-supersession.entity.js';
import type { EhcCase } from './ehc-case.entity.js';

export interface DeadlineView {
  dueOn: IsoDate;
  metOn: IsoDate | null;
  status: DeadlineStatus;
  statutory: boolean;
  regulation: string;
  revisedTarget: IsoDate | null;
  role: LimitRole;
  open: boolean;
  closedOn: IsoDate | null;
  targetOn: IsoDate | null;
  noticeAssumed: boolean;
}

/** The latest request to each contributor, as the case has always shown it. */
export interface AdviceSummary {
  requestedOn: IsoDate;
  receivedOn?: IsoDate;
  contact?: AdviceRequest['contact'];
}

/** The case as `GET /api/cases/:id` returns it (design section 4). */
export interface CaseView {
  id: string;
  reference: string;
  status: CaseStatus;
  machineId: string;
  machineVersion: number;
  version: number;
  child: { givenName: string; familyName: string; dateOfBirth: IsoDate };
  /** The child record (GET /api/children/:id): the SEN2 identity items, shared with the child's other cases and plans. */
  childId: string;
  requestReceivedOn: IsoDate;
  requestSource: RequestSource;
  assignee: string | null;
  /** The maintained plan the final plan made, once issued. */
  planId: string | null;
  /** Its open disputes (issue 14). */
  disputes: OpenDispute[];
  /** The order that reopened the case after its refusal, which it is carrying out (reg 44(2)); null otherwise. */
  order: CaseOrder | null;
  deadlines: Record<string, DeadlineView>;
  allowedEvents: CaseEventType[];
  advice: Partial<Record<Contributor, AdviceSummary>>;
  /** Every advice request, in the order made, each named by its deadline. */
  adviceRequests: AdviceRequest[];
  exceptions: ExceptionRecord[];
  notices: Partial<Record<NoticeName, NoticeRecord[]>>;
  createdAt: string;
  updatedAt: string;
}

export interface CaseEventView {
  seq: number;
  type: string;
  occurredOn: IsoDate;
  recordedAt: string;
  actor: string;
  machineVersion: number;
  payload: Record<string, unknown>;
  /** Set when a correction superseded the event: it no longer counts, but stays in the trail. */
  supersededBy: SupersededByView | null;
}

export interface SupersededByView {
  /** The EVENT_CORRECTED event that superseded it. */
  seq: number;
  reason: string;
  actor: string;
  recordedAt: string;
}

/** A process's deadlines keyed by name, as `GET /api/cases/:id` and `GET /api/plans/:id` show them. */
export function deadlineViews(computed: Deadline[]): Record<string, DeadlineView> {
  return Object.fromEntries(
    computed.map(({ name, dueOn, metOn, status, statutory, regulation, revisedTarget, role, open, closedOn, targetOn, noticeAssumed }) => [
      name,
      { dueOn, metOn, status, statutory, regulation, revisedTarget, role, open, closedOn, targetOn, noticeAssumed },
    ]),
  );
}

/** Deadline statuses depend on today, so they are computed on every read, never stored. */
export function toCaseView(record: EhcCase, today: IsoDate, clock: ClockOptions, disputes: OpenDispute[] = []): CaseView {
  return toCaseViewWith(record, computeDeadlines(caseFactsOf(record.snapshot), today, clock), disputes);
}

/** For a case just written, whose deadlines were computed for today already. */
export function toCaseViewWith(record: EhcCase, computed: Deadline[], disputes: OpenDispute[] = []): CaseView {
  const ref = { machineId: record.machineId, machineVersion: record.machineVersion };
  const facts = caseFactsOf(record.snapshot);
  const deadlines = deadlineViews(computed);
  return {
    id: record.id,
    reference: record.reference,
    status: record.status,
    machineId: record.machineId,
    machineVersion: record.machineVersion,
    version: record.version,
    child: { givenName: record.childGivenName, familyName: record.childFamilyName, dateOfBirth: record.childDateOfBirth },
    childId: record.childId,
    requestReceivedOn: record.requestReceivedOn,
    requestSource: record.requestSource,
    assignee: record.assigneeId,
    planId: record.planId ?? null,
    disputes,
    order: facts.order ?? null,
    deadlines,
    allowedEvents: allowedEvents(ref, record.snapshot),
    advice: adviceSummary(facts),
    adviceRequests: facts.advice,
    exceptions: facts.exceptions,
    notices: facts.notices,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

function adviceSummary(facts: CaseFacts): Partial<Record<Contributor, AdviceSummary>> {
  const latest: Partial<Record<Contributor, AdviceSummary>> = {};
  for (const { contributor, requestedOn, receivedOn, contact } of facts.advice) {
    latest[contributor] = { requestedOn, ...(receivedOn && { receivedOn }), ...(contact && { contact }) };
  }
  return latest;
}

export function toCaseEventView(record: CaseEventRecord, supersession?: CaseEventSupersession): CaseEventView {
  const supersededBy = supersession
    ? { seq: supersession.supersededBySeq, reason: supersession.reason, actor: supersession.actor, recordedAt: supersession.recordedAt.toISOString() }
    : null;
  return {
    seq: record.seq,
    type: record.type,
    occurredOn: record.occurredOn,
    recordedAt: record.recordedAt.toISOString(),
    actor: record.actor,
    machineVersion: record.machineVersion,
    payload: record.payload,
    supersededBy,
  };
}
