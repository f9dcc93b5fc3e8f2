/**
 * The vocabulary of a disagreement with an appealable decision (issue 14; domain document
 * section 1 rows 24–32, sections 4, 5.1 and 5.6): mediation, an appeal to the First-tier
 * Tribunal (SEND), and the orders or concessions the authority must then comply with. Statuses,
 * event types, decision, order and deadline names are part of the HTTP contract of `/api/disputes`.
 */
import type { IsoDate } from '../calendar/dates.js';
import type { ExceptionApprovedEvent, ExceptionClaim, ExceptionEndedEvent, ExceptionRecordFields } from '../limits/exception-claims.js';
import type { ServiceMethod } from '../limits/served-dates.js';

export type { IsoDate, ServiceMethod };

export const DISPUTE_STATUSES = [
  // The decision notice has been sent: the family may contact a mediation adviser and appeal.
  'notice_sent',
  // The family has contacted the mediation adviser (reg 33) and not yet said whether it wants mediation.
  'mediation_considered',
  // The family wants mediation: the authority arranges it within 30 days (regs 35–37).
  'mediating',
  // Mediation declined or ended: the adviser or mediator owes a certificate within 3 working days (regs 34, 39).
  'certificate_awaited',
  // A certificate has been issued: the family may appeal until the later appeal date (HESC r.20).
  'certificate_issued',
  // The Tribunal has sent the appeal to the authority, which answers within 30 working days.
  'appealed',
  // An order, a concession or a mediation agreement is to be carried out within the reg 44/45 limits.
  'complying',
  'closed',
] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

/** The appealable decisions of an assessment (case) and of a maintained plan (CFA 2014 s.51). */
export const CASE_DISPUTED_DECISIONS = ['refusal_to_assess', 'decision_not_to_issue'] as const;
export const PLAN_DISPUTED_DECISIONS = ['plan_contents', 'refusal_to_reassess', 'decision_not_to_amend', 'decision_to_cease'] as const;
export const DISPUTED_DECISIONS = [...CASE_DISPUTED_DECISIONS, ...PLAN_DISPUTED_DECISIONS] as const;
export type DisputedDecision = (typeof DISPUTED_DECISIONS)[number];

/**
 * What the authority is ordered, has conceded, or has agreed at mediation to do (reg 44(2),
 * reg 45, reg 42): each carries the limits of DISPUTE_ORDER_STEPS.
 */
export const ORDER_ACTIONS = ['assess', 'reassess', 'issue_plan', 'amend_plan', 'change_school', 'cease'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/** The deadlines an order's steps carry, by name (`orderNotice`, `orderFinalPlan`, …). */
export const ORDER_STEPS = ['orderNotice', 'orderIssueDecision', 'orderDraftPlan', 'orderFinalPlan', 'orderAmendedPlan', 'orderSchoolNamed', 'orderCease'] as const;
export type OrderStep = (typeof ORDER_STEPS)[number];

export const DISPUTE_OUTCOMES = ['not_appealed', 'withdrawn', 'settled', 'mediation_agreement', 'conceded', 'appeal_dismissed', 'appeal_allowed'] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

/** Reg 44(3): the only circumstances that excuse an order's limits (absence of 2 weeks, not 4). */
export const DISPUTE_EXCEPTION_KINDS = ['school_closure', 'early_years_closure', 'personal_circumstances', 'absence_from_area'] as const;
export type DisputeExceptionKind = (typeof DISPUTE_EXCEPTION_KINDS)[number];

export const DISPUTE_EVENT_TYPES = [
  'MEDIATION_ADVICE_CONTACTED',
  'MEDIATION_DECLINED',
  'MEDIATION_REQUESTED',
  'HEALTH_MATTERS_REFERRED',
  'MEDIATION_HELD',
  'MEDIATION_ENDED',
  'CERTIFICATE_ISSUED',
  'AGREEMENT_CARRIED_OUT',
  'APPEAL_REGISTERED',
  'RESPONSE_SUBMITTED',
  'APPEAL_CONCEDED',
  'TRIBUNAL_DECIDED',
  'ORDER_STEP_MET',
  'EXCEPTION_RECORDED',
  'EXCEPTION_APPROVED',
  'EXCEPTION_ENDED',
  'SETTLED',
  'WITHDRAWN',
  'CLOSED_NOT_APPEALED',
  'ASSIGNED',
] as const;
export type DisputeEventType = (typeof DISPUTE_EVENT_TYPES)[number];

interface Dated {
  /** The business date the step happened, as the caseworker records it (back-dating allowed). */
  occurredOn: IsoDate;
}

/** Reg 33: the family has contacted the mediation adviser (needed before most appeals). */
export interface MediationAdviceContactedEvent extends Dated {
  type: 'MEDIATION_ADVICE_CONTACTED';
}
/** Reg 34: the adviser has been told the family does not want mediation; `occurredOn` is that day. */
export interface MediationDeclinedEvent extends Dated {
  type: 'MEDIATION_DECLINED';
}
/** Regs 35–37: the authority has been told the family wants mediation; `occurredOn` is that day. */
export interface MediationRequestedEvent extends Dated {
  type: 'MEDIATION_REQUESTED';
  /** Health matters to be mediated: the authority passes them to the ICB within 3 working days. */
  healthMatters?: boolean;
}
export interface HealthMattersReferredEvent extends Dated {
  type: 'HEALTH_MATTERS_REFERRED';
}
/** The mediation meeting; `occurredOn` is the day it was held. */
export interface MediationHeldEvent extends Dated {
  type: 'MEDIATION_HELD';
}
/** Reg 39–42: mediation has ended, with or without a written agreement. */
export interface MediationEndedEvent extends Dated {
  type: 'MEDIATION_ENDED';
  /** Reg 42: what the authority agreed to do, in writing on `occurredOn`; absent when no agreement was reached. */
  agreement?: {
    action: OrderAction | 'other';
    terms: string;
    /** Reg 42(5): the day the parties agreed in writing the authority will have carried it out, in place of the reg 44 or 2-week limits. */
    agreedDueOn?: IsoDate;
  };
}
export interface CertificateIssuedEvent extends Dated {
  type: 'CERTIFICATE_ISSUED';
}
/** The mediation agreement has been carried out (reg 42). */
export interface AgreementCarriedOutEvent extends Dated {
  type: 'AGREEMENT_CARRIED_OUT';
}
/** `occurredOn` is the day the Tribunal sent the appeal to the authority: the response's 30 working days run from it. */
export interface AppealRegisteredEvent extends Dated {
  type: 'APPEAL_REGISTERED';
  /** The Tribunal's reference. */
  tribunalReference?: string;
  /** The day the Tribunal registered the appeal, when known. */
  registeredOn?: IsoDate;
}
export interface ResponseSubmittedEvent extends Dated {
  type: 'RESPONSE_SUBMITTED';
}
/** Reg 45: the authority told the Tribunal on `occurredOn` that it will not oppose the appeal. */
export interface AppealConcededEvent extends Dated {
  type: 'APPEAL_CONCEDED';
  /** What the authority will do; none for an appeal against ceasing, whose concession keeps the plan. */
  actions?: OrderAction[];
}
/** The Tribunal's decision, dated with the order (reg 44(2)). */
export interface TribunalDecidedEvent extends Dated {
  type: 'TRIBUNAL_DECIDED';
  outcome: 'appeal_dismissed' | 'appeal_allowed';
  /** What the order requires of the authority; none when the appeal was dismissed (a dismissed cease appeal: the plan ceases). */
  actions?: OrderAction[];
}
/** A step of an order carried out, by the authority's notice to the family on `occurredOn`. */
export interface OrderStepMetEvent extends Dated {
  type: 'ORDER_STEP_MET';
  step: OrderStep;
  method?: ServiceMethod;
  /** For orderIssueDecision: whether the authority decided to issue a plan (the 14 weeks then run to the final plan). */
  decision?: 'issue' | 'not_issue';
  /** Set by the engine, never by a client: the plan's (or case's) event that carried the step out. */
  carriedOutBy?: { process: 'plan' | 'case'; reference: string; eventSeq: number };
}
export interface DisputeExceptionRecordedEvent extends Dated, ExceptionClaim {
  type: 'EXCEPTION_RECORDED';
  exception: DisputeExceptionKind;
  /** The order step the exception is claimed against. */
  step: OrderStep;
}
export type DisputeExceptionApprovedEvent = ExceptionApprovedEvent;
export type DisputeExceptionEndedEvent = ExceptionEndedEvent;
/** The authority changed its decision, or the parties agreed, before the Tribunal decided. */
export interface SettledEvent extends Dated {
  type: 'SETTLED';
  terms: string;
}
/** The family withdrew the disagreement or the appeal. */
export interface WithdrawnEvent extends Dated {
  type: 'WITHDRAWN';
  reason?: string;
}
/** The last day to appeal and the authority's buffer have passed with no appeal (domain 5.6). */
export interface ClosedNotAppealedEvent extends Dated {
  type: 'CLOSED_NOT_APPEALED';
}
export interface DisputeAssignedEvent extends Dated {
  type: 'ASSIGNED';
  assigneeId: string;
}

export type DisputeEvent =
  | MediationAdviceContactedEvent
  | MediationDeclinedEvent
  | MediationRequestedEvent
  | HealthMattersReferredEvent
  | MediationHeldEvent
  | MediationEndedEvent
  | CertificateIssuedEvent
  | AgreementCarriedOutEvent
  | AppealRegisteredEvent
  | ResponseSubmittedEvent
  | AppealConcededEvent
  | TribunalDecidedEvent
  | OrderStepMetEvent
  | DisputeExceptionRecordedEvent
  | DisputeExceptionApprovedEvent
  | DisputeExceptionEndedEvent
  | SettledEvent
  | WithdrawnEvent
  | ClosedNotAppealedEvent
  | DisputeAssignedEvent;

/** What the machine needs to start a dispute. */
export interface DisputeInput {
  decision: DisputedDecision;
  /** The day the authority made the decision disputed: nothing in the dispute can predate it. */
  decidedOn: IsoDate;
  /** The day written notice of the decision was sent (HESC r.20(1)(c) and reg 33 count from it). */
  noticeSentOn: IsoDate;
  /** The authority's buffer after the last appeal date before closing as not appealed (domain 5.6). */
  appealBufferWorkingDays: number;
  assigneeId?: string;
}

export interface MediationRecord {
  adviceContactedOn?: IsoDate;
  declinedOn?: IsoDate;
  requestedOn?: IsoDate;
  healthMatters: boolean;
  healthReferredOn?: IsoDate;
  heldOn?: IsoDate;
  endedOn?: IsoDate;
  agreement?: { on: IsoDate; action: OrderAction | 'other'; terms: string; agreedDueOn?: IsoDate; carriedOutOn?: IsoDate };
  certificateIssuedOn?: IsoDate;
}

export interface AppealRecord {
  /** The day the Tribunal sent the appeal to the authority. */
  sentToAuthorityOn: IsoDate;
  registeredOn?: IsoDate;
  tribunalReference?: string;
  responseSubmittedOn?: IsoDate;
}

/** A step of an order, met on the day the family was served the authority's notice of it. */
export interface OrderStepRecord {
  step: OrderStep;
  metOn?: IsoDate;
  /** For orderIssueDecision: the authority decided not to issue, so no final plan is due. */
  decision?: 'issue' | 'not_issue';
}

/** An order of the Tribunal, a concession (reg 45) or a mediation agreement on appealable matters (reg 42). */
export interface OrderRecord {
  /** The order's date, the day the authority told the Tribunal it would not oppose, or the agreement's. */
  on: IsoDate;
  source: 'tribunal' | 'concession' | 'mediation';
  /** Its place among the dispute's orders, from 1. */
  n: number;
  actions: OrderAction[];
  steps: OrderStepRecord[];
  /** A mediation agreement's own timescale (reg 42(5)): every step is due that day instead of the reg 44 limits. */
  agreedDueOn?: IsoDate;
}

export interface DisputeExceptionRecord extends ExceptionRecordFields {
  exception: DisputeExceptionKind;
  /** The order (its `n`) and the step whose limit it relaxes. */
  order: number;
  step: OrderStep;
}

/** The dated facts of a dispute, accumulated by the machine as its context; its clock is a pure function of them. */
export interface DisputeFacts {
  decision: DisputedDecision;
  decidedOn: IsoDate;
  noticeSentOn: IsoDate;
  appealBufferWorkingDays: number;
  assigneeId?: string;
  mediation: MediationRecord;
  appeal?: AppealRecord;
  /** Every order, concession and mediation agreement on appealable matters, in order; the last is the one in force. */
  orders: OrderRecord[];
  exceptions: DisputeExceptionRecord[];
  outcome?: DisputeOutcome;
  /** The day the outcome was decided, conceded, agreed or the dispute otherwise ended. */
  outcomeOn?: IsoDate;
  closedOn?: IsoDate;
  settlementTerms?: string;
  withdrawalReason?: string;
}

export interface DisputeClockOptions {
  /** Domain document 5.2 "strict mode": "within N weeks of" counts the start day as day 1. */
  strictMode: boolean;
}
