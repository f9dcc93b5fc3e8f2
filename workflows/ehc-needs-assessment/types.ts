/**
 * The vocabulary of the EHC needs assessment process: the contract between the pure
 * workflow (this folder) and the NestJS application. Names follow the HTTP contract
 * of design section 4 exactly; renaming any of them breaks clients.
 */

import type { IsoDate } from '../calendar/dates.js';

export type { IsoDate };

export const CASE_STATUSES = [
  'awaiting_decision',
  'declined_to_assess',
  'assessing',
  'declined_to_issue',
  'drafting',
  'draft_issued',
  'plan_issued',
  'withdrawn',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const REQUEST_SOURCES = ['parent', 'young_person', 'school', 'health', 'social_care', 'other'] as const;
export type RequestSource = (typeof REQUEST_SOURCES)[number];

/** SEND Regs 2014 reg 6(1): the people whose advice an assessment must seek. */
export const CONTRIBUTORS = [
  'parent',
  'education',
  'health',
  'social_care',
  'educational_psychology',
  'preparing_for_adulthood',
  'other',
] as const;
export type Contributor = (typeof CONTRIBUTORS)[number];

/** The exceptions of regs 5(4), 8(2), 10(4) and 13(3); see the domain document, section 4. */
export const EXCEPTION_KINDS = [
  'school_closure',
  'early_years_closure',
  'personal_circumstances',
  'absence_from_area',
  'missed_appointment',
] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

export const EVENT_TYPES = [
  'DECISION_TO_ASSESS',
  'ADVICE_REQUESTED',
  'ADVICE_RECEIVED',
  'DECISION_TO_ISSUE',
  'DRAFT_PLAN_ISSUED',
  'FINAL_PLAN_ISSUED',
  'EXCEPTION_RECORDED',
  'WITHDRAWN',
  'ASSIGNED',
] as const;
export type CaseEventType = (typeof EVENT_TYPES)[number];

export interface AdviceContact {
  name?: string;
  email?: string;
  organisation?: string;
}

interface Dated {
  /** The business date the step happened, as the caseworker records it (back-dating allowed). */
  occurredOn: IsoDate;
}

export interface DecisionToAssessEvent extends Dated {
  type: 'DECISION_TO_ASSESS';
  decision: 'assess' | 'decline';
  reasons?: string;
  panelMeetingId?: string;
}
export interface AdviceRequestedEvent extends Dated {
  type: 'ADVICE_REQUESTED';
  contributor: Contributor;
  contact?: AdviceContact;
}
export interface AdviceReceivedEvent extends Dated {
  type: 'ADVICE_RECEIVED';
  contributor: Contributor;
}
export interface DecisionToIssueEvent extends Dated {
  type: 'DECISION_TO_ISSUE';
  decision: 'issue' | 'not_issue';
  reasons?: string;
  panelMeetingId?: string;
}
export interface DraftPlanIssuedEvent extends Dated {
  type: 'DRAFT_PLAN_ISSUED';
}
export interface FinalPlanIssuedEvent extends Dated {
  type: 'FINAL_PLAN_ISSUED';
  placement?: string;
  /**
   * Reg 13(1)(a): the family has at least 15 days on the draft. The plan may be finalised
   * earlier only when the family has said in writing it has nothing more to add; this is the
   * date they said so.
   */
  representationsWaivedOn?: IsoDate;
}
export interface ExceptionRecordedEvent extends Dated {
  type: 'EXCEPTION_RECORDED';
  exception: ExceptionKind;
  from: IsoDate;
  to?: IsoDate;
  note?: string;
  /** Deadline names (`decisionToAssess`, `advice.health`, ...) the exception is claimed against. */
  limits?: string[];
}
export interface WithdrawnEvent extends Dated {
  type: 'WITHDRAWN';
  reason: string;
}
export interface AssignedEvent extends Dated {
  type: 'ASSIGNED';
  assigneeId: string;
}

export type CaseEvent =
  | DecisionToAssessEvent
  | AdviceRequestedEvent
  | AdviceReceivedEvent
  | DecisionToIssueEvent
  | DraftPlanIssuedEvent
  | FinalPlanIssuedEvent
  | ExceptionRecordedEvent
  | WithdrawnEvent
  | AssignedEvent;

/** What the machine needs to create a case. */
export interface CaseInput {
  requestReceivedOn: IsoDate;
  requestSource: RequestSource;
}

export interface AdviceRecord {
  requestedOn: IsoDate;
  receivedOn?: IsoDate;
  contact?: AdviceContact;
}

/** An exception as accepted: `limits` is always resolved to the deadline names it relaxes. */
export interface ExceptionRecord {
  exception: ExceptionKind;
  from: IsoDate;
  to?: IsoDate;
  note?: string;
  limits: string[];
  recordedOn: IsoDate;
}

/**
 * The dated facts of a case, accumulated by the machine as its context. The statutory
 * clock is a pure function of these facts and "today".
 */
export interface CaseFacts {
  requestReceivedOn: IsoDate;
  requestSource: RequestSource;
  assigneeId?: string;
  decisionToAssess?: { decision: 'assess' | 'decline'; on: IsoDate; panelMeetingId?: string; reasons?: string };
  /** Keyed by contributor. Re-requesting advice after it was received replaces the record. */
  advice: Partial<Record<Contributor, AdviceRecord>>;
  issueDecision?: { decision: 'issue' | 'not_issue'; on: IsoDate; panelMeetingId?: string; reasons?: string };
  draftIssuedOn?: IsoDate;
  finalIssuedOn?: IsoDate;
  /** Section I of the final plan, when one was named. */
  placement?: string;
  /** Reg 13(1)(a): the date the family said in writing it had nothing more to add to the draft. */
  representationsWaivedOn?: IsoDate;
  withdrawnOn?: IsoDate;
  withdrawalReason?: string;
  exceptions: ExceptionRecord[];
}

export const DEADLINE_STATUSES = ['pending', 'met', 'met_late', 'breached', 'exception', 'not_applicable'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

export interface Deadline {
  /** `decisionToAssess`, `issueDecision`, `finalPlan`, `representations`, `advice.<contributor>`. */
  name: string;
  dueOn: IsoDate;
  metOn: IsoDate | null;
  status: DeadlineStatus;
  /** Where the limit comes from, for example `SEND Regs 2014 reg 13(2)`. */
  regulation: string;
  /** True for limits the law imposes; false for targets (reg 13(1) window, advice from non-s.31 bodies). */
  statutory: boolean;
  /** With an exception: the original due date plus the exception's length, for managers to track. */
  revisedTarget: IsoDate | null;
}

export interface ClockOptions {
  /** Domain document 5.2 "strict mode": count the start day as day 1 (due one day earlier). */
  strictMode: boolean;
}

/** The outcome of applying an event: either the next snapshot, or a refusal a caseworker can act on. */
export type TransitionResult =
  | { ok: true; snapshot: PersistedCaseSnapshot; status: CaseStatus; facts: CaseFacts }
  | { ok: false; code: 'CASE_TRANSITION_NOT_ALLOWED' | 'CASE_EVENT_REFUSED'; message: string; allowedEvents: CaseEventType[] };

/** The XState persisted snapshot, stored as JSON beside the machine id and version. */
export type PersistedCaseSnapshot = Record<string, unknown>;

export interface MachineRef {
  machineId: string;
  machineVersion: number;
}
