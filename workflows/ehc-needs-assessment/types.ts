/**
 * The vocabulary of the EHC needs assessment process: the contract between the pure
 * workflow (this folder) and the NestJS application. Names follow the HTTP contract
 * of design section 4 exactly; renaming any of them breaks clients.
 */

import type { IsoDate } from '../calendar/dates.js';
import type { Deadline, DeadlineStatus } from '../limits/limit-record.js';
import type { ServiceMethod } from '../limits/served-dates.js';

export type { IsoDate, Deadline, DeadlineStatus, ServiceMethod };
export { DEADLINE_STATUSES } from '../limits/limit-record.js';
export { SERVICE_METHODS } from '../limits/served-dates.js';

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

/** The statuses in which the case awaits nothing more: every limit still open is closed off. */
export const CLOSED_STATUSES: readonly CaseStatus[] = ['declined_to_assess', 'declined_to_issue', 'plan_issued', 'withdrawn'];

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
  'EXCEPTION_APPROVED',
  'EXCEPTION_ENDED',
  'NOTICE_SENT',
] as const;
export type CaseEventType = (typeof EVENT_TYPES)[number];

/**
 * Events only the engine records, never a client: a dispute's order reopening the case it
 * concerns (issue 14). They are in the case's trail and replay with it, but are never offered.
 */
export const ENGINE_EVENT_TYPES = ['DISPUTE_ORDERED', 'DRAFT_NOT_HELD'] as const;
export type CaseEngineEventType = (typeof ENGINE_EVENT_TYPES)[number];

/** What an order, a concession or a mediation agreement can require of an assessment (reg 44(2)(a)–(d)). */
export type CaseOrderAction = 'assess' | 'issue_plan';

export interface AdviceContact {
  name?: string;
  email?: string;
  organisation?: string;
}

/** The statutory notices to the family whose served date meets a limit (domain 5.2). */
export const NOTICES = ['decision_to_assess', 'decision_to_issue', 'draft_plan', 'final_plan'] as const;
export type NoticeName = (typeof NOTICES)[number];

/** How and when a notice went out. */
export interface NoticeInput {
  sentOn: IsoDate;
  method: ServiceMethod;
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
  notice?: NoticeInput;
}
export interface AdviceRequestedEvent extends Dated {
  type: 'ADVICE_REQUESTED';
  contributor: Contributor;
  /** The body asked, when a contributor has several (paediatrics, speech and language therapy, …). */
  body?: string;
  contact?: AdviceContact;
  /** How the request was sent: reg 8(1) runs from the day the body receives it. Default email. */
  method?: ServiceMethod;
}
export interface AdviceReceivedEvent extends Dated {
  type: 'ADVICE_RECEIVED';
  contributor: Contributor;
  /** The advice deadline (`advice.health.2`) when several are outstanding for the contributor. */
  request?: string;
  /** Kept in the trail only: which earlier advice the contributor confirmed still stands (reg 6(4)). */
  note?: string;
}
export interface DecisionToIssueEvent extends Dated {
  type: 'DECISION_TO_ISSUE';
  decision: 'issue' | 'not_issue';
  reasons?: string;
  panelMeetingId?: string;
  notice?: NoticeInput;
}
export interface DraftPlanIssuedEvent extends Dated {
  type: 'DRAFT_PLAN_ISSUED';
  notice?: NoticeInput;
}
export interface FinalPlanIssuedEvent extends Dated {
  type: 'FINAL_PLAN_ISSUED';
  placement?: string;
  notice?: NoticeInput;
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
  evidence?: string;
  /** Why the circumstance made meeting the limit impractical (every exception turns on it). */
  impracticalBecause?: string;
  /** CoP 9.43: the day the family was told an exception applies. */
  familyToldOn?: IsoDate;
  /** Set by the engine, never by a client: the event's place in the trail, which approvals and endings name. */
  seq?: number;
  /** Set by the engine when the account recording it may approve exceptions: approved at once. */
  approvedBy?: string;
}
export interface ExceptionApprovedEvent extends Dated {
  type: 'EXCEPTION_APPROVED';
  exceptionSeq: number;
  /** The authority's own revised target for the limits it relaxes, instead of the default. */
  revisedTarget?: IsoDate;
  /** Set by the engine: the approving manager. */
  approvedBy?: string;
}
export interface ExceptionEndedEvent extends Dated {
  type: 'EXCEPTION_ENDED';
  exceptionSeq: number;
  /** The last day of the circumstance. */
  to: IsoDate;
  revisedTarget?: IsoDate;
}
export interface NoticeSentEvent extends Dated, NoticeInput {
  type: 'NOTICE_SENT';
  notice: NoticeName;
  /** Who it went to (the family by default; for the final plan also the school and the ICB). */
  recipient?: string;
}
/**
 * Recorded by the engine in the dispute's transaction: the Tribunal ordered (or the authority
 * conceded, or agreed at mediation) that the refused assessment be carried out, or the plan it
 * declined be issued. `occurredOn` is the order's date; the order's steps are the dispute's limits.
 */
export interface DisputeOrderedEvent extends Dated {
  type: 'DISPUTE_ORDERED';
  action: CaseOrderAction;
  disputeId: string;
  disputeReference: string;
}
/**
 * Recorded by the caseload import, for a request read from an SEN2 return, in place of the draft
 * plan the return does not hold: the assessment moves on to its final plan, and the trail says
 * the draft's date is not known rather than inventing one.
 */
export interface DraftNotHeldEvent extends Dated {
  type: 'DRAFT_NOT_HELD';
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
  | AssignedEvent
  | ExceptionApprovedEvent
  | ExceptionEndedEvent
  | NoticeSentEvent
  | DisputeOrderedEvent
  | DraftNotHeldEvent;

/** What the machine needs to create a case. */
export interface CaseInput {
  requestReceivedOn: IsoDate;
  requestSource: RequestSource;
  /** Set only by the caseload import, for a request read from an SEN2 return (README "Importing a caseload"). */
  importedFromReturn?: ImportedFromReturn;
}

/**
 * What an SEN2 return says of a request that its events cannot: its Week20 item (an exception
 * applied to the 20 weeks, of a kind and dates the return does not give) marks the limit that
 * closed the assessment as excepted. Only such a request can record DRAFT_NOT_HELD.
 */
export interface ImportedFromReturn {
  week20: boolean;
}

/** One request for advice; a contributor can have several (one per body asked, or asked again). */
export interface AdviceRequest {
  /** Its deadline's name: `advice.<contributor>` for the first, then `advice.<contributor>.2`, … */
  name: string;
  contributor: Contributor;
  body?: string;
  requestedOn: IsoDate;
  /** Reg 8(1): the day the body received the request, when its 6 weeks start. */
  deliveredOn: IsoDate;
  receivedOn?: IsoDate;
  contact?: AdviceContact;
}

/** A notice as served on one recipient. */
export interface NoticeRecord extends NoticeInput {
  recipient: string;
  servedOn: IsoDate;
}

/** An exception as recorded: `limits` is always resolved to the deadline names it is claimed against. */
export interface ExceptionRecord {
  /** Its EXCEPTION_RECORDED event's place in the trail. */
  seq: number;
  exception: ExceptionKind;
  from: IsoDate;
  to?: IsoDate;
  note?: string;
  evidence?: string;
  impracticalBecause?: string;
  familyToldOn?: IsoDate;
  limits: string[];
  recordedOn: IsoDate;
  /** Proposed until approved: a proposal relaxes nothing. */
  approvedBy?: string;
  approvedOn?: IsoDate;
  /** The authority's own revised target for its limits. */
  revisedTarget?: IsoDate;
  /** The day its end was recorded (EXCEPTION_ENDED): from then on, its lapses are known. */
  endedOn?: IsoDate;
  /**
   * Limits it no longer relaxes, with why: an absence found shorter than 4 weeks within their
   * period once it ended (reg 8(2)(b), reg 10(4)(d)).
   */
  lapsed?: { limit: string; reason: string }[];
}

/**
 * The dated facts of a case, accumulated by the machine as its context. The statutory
 * clock is a pure function of these facts and "today".
 */
export interface CaseFacts {
  requestReceivedOn: IsoDate;
  requestSource: RequestSource;
  importedFromReturn?: ImportedFromReturn;
  assigneeId?: string;
  decisionToAssess?: { decision: 'assess' | 'decline'; on: IsoDate; panelMeetingId?: string; reasons?: string };
  /** In the order requested. */
  advice: AdviceRequest[];
  issueDecision?: { decision: 'issue' | 'not_issue'; on: IsoDate; panelMeetingId?: string; reasons?: string };
  draftIssuedOn?: IsoDate;
  /** DRAFT_NOT_HELD: imported without its draft plan, whose 15 days cannot be checked. */
  draftNotHeld?: true;
  finalIssuedOn?: IsoDate;
  /** Section I of the final plan, when one was named. */
  placement?: string;
  /** Reg 13(1)(a): the date the family said in writing it had nothing more to add to the draft. */
  representationsWaivedOn?: IsoDate;
  withdrawnOn?: IsoDate;
  withdrawalReason?: string;
  exceptions: ExceptionRecord[];
  /** Per notice, one record per recipient. */
  notices: Partial<Record<NoticeName, NoticeRecord[]>>;
  /** The order that reopened the case after its refusal, and the notice telling the family it will assess. */
  order?: CaseOrder;
}

export interface CaseOrder {
  on: IsoDate;
  action: CaseOrderAction;
  disputeId: string;
  disputeReference: string;
  /** Reg 44(2)(a): the family told the authority will assess as ordered. */
  assessmentNotice?: NoticeRecord;
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
