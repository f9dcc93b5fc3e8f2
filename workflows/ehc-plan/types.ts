/**
 * The vocabulary of a maintained EHC plan's life (issue 13; domain document sections 3 and 5):
 * the contract between the pure plan workflow and the application. Statuses, event types,
 * notice and deadline names are part of the HTTP contract of `/api/plans`.
 */
import type { IsoDate } from '../calendar/dates.js';
import type { ExceptionApprovedEvent, ExceptionClaim, ExceptionEndedEvent, ExceptionRecordFields } from '../limits/exception-claims.js';
import type { ExceptionPeriod } from '../limits/limit-instance.js';
import type { ServiceMethod } from '../limits/served-dates.js';
import type { MachineRef } from '../process/machine-registry.js';

export type { IsoDate, MachineRef, ServiceMethod, ExceptionPeriod };

export const PLAN_STATUSES = [
  'maintained',
  'review_scheduled',
  'review_held',
  'amendment_proposed',
  'reassessment_requested',
  'reassessing',
  'cease_pending_appeal_window',
  'ceased',
  'transferred_out',
] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** The plan is no longer this authority's to maintain: every limit still open is closed off. */
export const ENDED_PLAN_STATUSES: readonly PlanStatus[] = ['ceased', 'transferred_out'];

/**
 * Phases of education (reg 2, "transfer between phases"). `post16` covers a post-16
 * institution; a move between two of them is timed by reg 18(2), not by the calendar.
 */
export const EDUCATION_PHASES = ['early_years', 'infant', 'junior', 'primary', 'middle', 'secondary', 'post16'] as const;
export type EducationPhase = (typeof EDUCATION_PHASES)[number];

/** SEN2 CeaseReason codes (../shared/sen2.md): 1 maximum age … 8 deceased, 9 other. */
export const CEASE_REASONS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
export type CeaseReason = (typeof CEASE_REASONS)[number];

export const REVIEW_DECISIONS = ['maintain', 'amend', 'cease'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const PLAN_EXCEPTION_KINDS = ['school_closure', 'early_years_closure', 'personal_circumstances', 'absence_from_area'] as const;
export type PlanExceptionKind = (typeof PLAN_EXCEPTION_KINDS)[number];

export const PLAN_EVENT_TYPES = [
  'REVIEW_MEETING_SCHEDULED',
  'REVIEW_INVITATIONS_SENT',
  'REVIEW_ADVICE_CIRCULATED',
  'REVIEW_MEETING_HELD',
  'REVIEW_REPORT_RECEIVED',
  'REVIEW_DECISION',
  'AMENDMENT_NOTICE_SENT',
  'AMENDED_PLAN_ISSUED',
  'DECISION_NOT_TO_AMEND',
  'PHASE_DETAILS_RECORDED',
  'REASSESSMENT_REQUESTED',
  'REASSESSMENT_DECISION',
  'CEASE_DECISION',
  'CEASE_DECISION_WITHDRAWN',
  'CEASED',
  'TRANSFERRED_OUT',
  'EXCEPTION_RECORDED',
  'EXCEPTION_APPROVED',
  'EXCEPTION_ENDED',
  'NOTICE_SENT',
  'ASSIGNED',
] as const;
export type PlanEventType = (typeof PLAN_EVENT_TYPES)[number];

/** The notices to the family whose served date meets a plan limit; NOTICE_SENT names the latest of its kind. */
export const PLAN_NOTICES = [
  'review_decision',
  'amendment_notice',
  'amended_plan',
  'decision_not_to_amend',
  'reassessment_decision',
  'cease_decision',
  'transfer_notice',
] as const;
export type PlanNoticeName = (typeof PLAN_NOTICES)[number];

export interface NoticeInput {
  sentOn: IsoDate;
  method: ServiceMethod;
}

/** A notice as served on one recipient; a limit is met on the latest recipient's served date. */
export interface ServedNotice extends NoticeInput {
  recipient: string;
  servedOn: IsoDate;
}

interface Dated {
  /** The business date the step happened, as the caseworker records it (back-dating allowed). */
  occurredOn: IsoDate;
}

export interface ReviewMeetingScheduledEvent extends Dated {
  type: 'REVIEW_MEETING_SCHEDULED';
  /** The day the meeting will be held. */
  meetingOn: IsoDate;
}
/** Reg 20(3)/21(3): the invitations, sent at least 2 weeks before the meeting. */
export interface ReviewInvitationsSentEvent extends Dated {
  type: 'REVIEW_INVITATIONS_SENT';
  method?: ServiceMethod;
}
/** Reg 20(4)/21(4): the advice and information gathered, circulated at least 2 weeks before the meeting. */
export interface ReviewAdviceCirculatedEvent extends Dated {
  type: 'REVIEW_ADVICE_CIRCULATED';
  method?: ServiceMethod;
}
/** `occurredOn` is the day the meeting was held. */
export interface ReviewMeetingHeldEvent extends Dated {
  type: 'REVIEW_MEETING_HELD';
}
export interface ReviewReportReceivedEvent extends Dated {
  type: 'REVIEW_REPORT_RECEIVED';
}
/**
 * The authority's decision after the meeting, notified within 4 weeks of it. When amending, the
 * notice carries the proposed amendments (R (L, M and P) v Devon CC [2022]): it is also the
 * reg 22(2) amendment notice, from which the family's 15 days and the 8 weeks run.
 */
export interface ReviewDecisionEvent extends Dated {
  type: 'REVIEW_DECISION';
  decision: ReviewDecision;
  reasons?: string;
  /** Required when ceasing: the SEN2 reason code. */
  ceaseReason?: CeaseReason;
  notice?: NoticeInput;
  /** Set by the engine on a decision to cease, never by a client: the authority's appeal buffer then (domain 5.6). */
  appealBufferWorkingDays?: number;
}
/** Reg 22(2): the existing plan with the proposed amendments, outside a review or after a re-assessment. */
export interface AmendmentNoticeSentEvent extends Dated {
  type: 'AMENDMENT_NOTICE_SENT';
  /** How it was sent (`occurredOn` is the day): the family's 15 days run from its served date. */
  method: ServiceMethod;
}
/** Reg 22(3): the final amended plan; `nextPhase` when it names the setting after a phase transfer (reg 18). */
export interface AmendedPlanIssuedEvent extends Dated {
  type: 'AMENDED_PLAN_ISSUED';
  namedSetting?: string;
  nextPhase?: EducationPhase;
  notice?: NoticeInput;
  /** Reg 22(2)(c): the day the family said in writing it had nothing more to add, if before the 15 days ran out. */
  representationsWaivedOn?: IsoDate;
}
/** Reg 22(4) (and after a re-assessment): a decision not to amend after all, with reasons. */
export interface DecisionNotToAmendEvent extends Dated {
  type: 'DECISION_NOT_TO_AMEND';
  reasons: string;
  notice?: NoticeInput;
}
/** Corrects what the phase-transfer clock is computed from: a child out of year group, a post-16 move. */
export interface PhaseDetailsRecordedEvent extends Dated {
  type: 'PHASE_DETAILS_RECORDED';
  phase?: EducationPhase;
  /** The phase the child will move to next, when not the usual one (primary to middle school, say). */
  nextPhase?: EducationPhase;
  /** Years the child is taught behind (+1) or ahead (−1) of the year group of their date of birth. */
  yearGroupOffset?: number;
  /** Reg 18(2): the day a young person moves between post-16 institutions, when not at a phase transfer. */
  post16MoveOn?: IsoDate;
}
export interface ReassessmentRequestedEvent extends Dated {
  type: 'REASSESSMENT_REQUESTED';
  requestedBy: 'parent' | 'young_person' | 'school' | 'icb' | 'authority';
}
export interface ReassessmentDecisionEvent extends Dated {
  type: 'REASSESSMENT_DECISION';
  decision: 'reassess' | 'refuse';
  reasons?: string;
  notice?: NoticeInput;
}
/** Reg 31: a decision to cease to maintain the plan, with reasons and the SEN2 reason code. */
export interface CeaseDecisionEvent extends Dated {
  type: 'CEASE_DECISION';
  reasons: string;
  ceaseReason: CeaseReason;
  notice?: NoticeInput;
  /** Set by the engine, never by a client: the authority's appeal buffer when the decision was made (domain 5.6). */
  appealBufferWorkingDays?: number;
}
export interface CeaseDecisionWithdrawnEvent extends Dated {
  type: 'CEASE_DECISION_WITHDRAWN';
  reason: string;
}
/** The plan stops being maintained, once the appeal window has passed with no appeal (domain 3.5, 5.6). */
export interface CeasedEvent extends Dated {
  type: 'CEASED';
  /**
   * Set by the engine from the disputes of the decision to cease: one still undecided holds the
   * plan (CFA 2014 s.45), the Tribunal's dismissal lets it cease at once (reg 44(2)), and an
   * appeal allowed or conceded keeps it.
   */
  appeal?: { reference: string; dismissedOn?: IsoDate; keptOn?: IsoDate };
}
/** Reg 15: the plan goes to the authority the family moved to. */
export interface TransferredOutEvent extends Dated {
  type: 'TRANSFERRED_OUT';
  toAuthority: string;
}
export interface PlanExceptionRecordedEvent extends Dated, ExceptionClaim {
  type: 'EXCEPTION_RECORDED';
  exception: PlanExceptionKind;
}
export type PlanExceptionApprovedEvent = ExceptionApprovedEvent;
export type PlanExceptionEndedEvent = ExceptionEndedEvent;
export interface PlanNoticeSentEvent extends Dated, NoticeInput {
  type: 'NOTICE_SENT';
  notice: PlanNoticeName;
  recipient?: string;
}
export interface PlanAssignedEvent extends Dated {
  type: 'ASSIGNED';
  assigneeId: string;
}

export type PlanEvent =
  | ReviewMeetingScheduledEvent
  | ReviewInvitationsSentEvent
  | ReviewAdviceCirculatedEvent
  | ReviewMeetingHeldEvent
  | ReviewReportReceivedEvent
  | ReviewDecisionEvent
  | AmendmentNoticeSentEvent
  | AmendedPlanIssuedEvent
  | DecisionNotToAmendEvent
  | PhaseDetailsRecordedEvent
  | ReassessmentRequestedEvent
  | ReassessmentDecisionEvent
  | CeaseDecisionEvent
  | CeaseDecisionWithdrawnEvent
  | CeasedEvent
  | TransferredOutEvent
  | PlanExceptionRecordedEvent
  | PlanExceptionApprovedEvent
  | PlanExceptionEndedEvent
  | PlanNoticeSentEvent
  | PlanAssignedEvent;

/** What the machine needs to start a plan. */
export interface PlanInput {
  /** The day the plan was made: the final plan's served date (CFA s.44(1) counts from it). */
  startedOn: IsoDate;
  childDateOfBirth: IsoDate;
  /** For a plan made before the engine was used: the meeting of its last review. */
  lastReviewMeetingOn?: IsoDate;
  /**
   * For a plan imported with its last review: that review's meeting, recorded next in the trail
   * (REVIEW_MEETING_HELD on this day). It is the plan's first review in the engine, held before
   * it: the 12-month limit it met, its invitations, advice and report are not known.
   */
  importedReviewOn?: IsoDate;
  namedSetting?: string;
  /** The phase the child is in; derived from the date of birth when not given. */
  phase?: EducationPhase;
  /** Reg 15: the day the plan transferred in from another authority. */
  transferredInOn?: IsoDate;
  /** The day the final plan was issued, when it was served later (post): steps can be recorded from then. */
  issuedOn?: IsoDate;
  /** The caseworker who takes the plan on (from the assessment that made it). */
  assigneeId?: string;
}

export interface ReviewRecord {
  /** The review's place among the plan's reviews, from 1. */
  n: number;
  /** The imported last review (PlanInput.importedReviewOn): only its decision is timed. */
  beforeEngine?: true;
  meetingOn: IsoDate;
  scheduledOn: IsoDate;
  invitations?: ServedNotice;
  advice?: ServedNotice;
  heldOn?: IsoDate;
  reportReceivedOn?: IsoDate;
  decision?: { decision: ReviewDecision; on: IsoDate; reasons?: string };
  decisionNotices: ServedNotice[];
}

export interface AmendmentRecord {
  n: number;
  /** What led to it: a review's decision, a re-assessment, or a change outside either. */
  source: 'review' | 'reassessment' | 'other';
  /** The day the notice with the proposed amendments was sent (reg 22(3): the 8 weeks run from it). */
  sentOn: IsoDate;
  /** No notice recorded with the review decision: its date stands for the notice, flagged assumed. */
  noticeAssumed: boolean;
  notices: ServedNotice[];
  /** The review whose decision it carries, or the re-assessment it concludes. */
  review?: number;
  reassessment?: number;
  issuedOn?: IsoDate;
  notAmendedOn?: IsoDate;
  reasons?: string;
  namedSetting?: string;
  nextPhase?: EducationPhase;
  representationsWaivedOn?: IsoDate;
  outcomeNotices: ServedNotice[];
}

export interface ReassessmentRecord {
  n: number;
  requestedOn: IsoDate;
  requestedBy: ReassessmentRequestedEvent['requestedBy'];
  decision?: { decision: 'reassess' | 'refuse'; on: IsoDate; reasons?: string };
  decisionNotices: ServedNotice[];
  /** A decision not to amend at the end of the re-assessment (an amended plan ends it through its amendment). */
  notAmended?: { on: IsoDate; reasons: string; notices: ServedNotice[] };
}

/** A phase transfer met: the amended plan naming the next setting, and the transfer it was for. */
export interface PhaseTransferRecord {
  n: number;
  from: EducationPhase;
  to: EducationPhase;
  /** The day the transfer takes effect (1 September of the transfer year, or the post-16 move). */
  transferOn: IsoDate;
  /** Its reg 18 date, fixed when the transfer was met (a later year-group change does not move it). */
  dueOn: IsoDate;
  amendment: number;
}

export interface PlanExceptionRecord extends ExceptionRecordFields {
  exception: PlanExceptionKind;
  /** The re-assessment whose reg 27(2) limit it relaxes (the one running when it was recorded). */
  reassessment: number;
}

export interface CeaseRecord {
  on: IsoDate;
  reasons: string;
  ceaseReason: CeaseReason;
  /** From a review's decision, or decided on its own. */
  fromReview: boolean;
  notices: ServedNotice[];
  withdrawnOn?: IsoDate;
  withdrawalReason?: string;
  /** Working days after the last appeal date before the decision takes effect; absent on decisions made before authorities set it (10). */
  appealBufferWorkingDays?: number;
}

/**
 * The dated facts of a plan, accumulated by the machine as its context. The plan's clock is a
 * pure function of these facts (and, for status, of today).
 */
export interface PlanFacts {
  startedOn: IsoDate;
  issuedOn?: IsoDate;
  childDateOfBirth: IsoDate;
  lastReviewMeetingOn?: IsoDate;
  importedReviewOn?: IsoDate;
  namedSetting?: string;
  phase: EducationPhase;
  nextPhase?: EducationPhase;
  yearGroupOffset: number;
  post16MoveOn?: IsoDate;
  transferredInOn?: IsoDate;
  transferNotices: ServedNotice[];
  assigneeId?: string;
  reviews: ReviewRecord[];
  amendments: AmendmentRecord[];
  reassessments: ReassessmentRecord[];
  phaseTransfers: PhaseTransferRecord[];
  /** Every decision to cease, in order; the last is the one in force unless withdrawn. */
  ceases: CeaseRecord[];
  ceasedOn?: IsoDate;
  transferredOut?: { on: IsoDate; toAuthority: string };
  exceptions: PlanExceptionRecord[];
}

export interface PlanClockOptions {
  /** Domain document 5.2 "strict mode": "within N weeks of" counts the start day as day 1. */
  strictMode: boolean;
}
