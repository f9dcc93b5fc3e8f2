/**
 * The limits of a maintained plan (domain document section 1 rows 9–23, sections 3 and 5), as
 * data on the shared limit model, and their instances derived from the plan's facts alone (no
 * "today"). Each review, amendment and re-assessment has its own set; the latest carries the
 * plain name (`annualReview`), earlier ones their number (`annualReview.1`), so a client always
 * finds the current one by its name and the history stays in the rows.
 */
import { addDays, addMonths, type IsoDate } from '../calendar/dates.js';
import { appealWindow } from '../limits/appeal-window.js';
import { dueDate, type DueRule } from '../limits/due-rules.js';
import type { LimitDefinition } from '../limits/limit-definition.js';
import { limitRecord, type ExceptionPeriod, type LimitInstance } from '../limits/limit-instance.js';
import type { LimitRecord } from '../limits/limit-record.js';
import { nextPhaseTransfer, phaseTransfer } from './phases.js';
import type {
  AmendmentRecord,
  PlanClockOptions,
  PlanExceptionKind,
  PlanFacts,
  ReassessmentRecord,
  ReviewRecord,
  ServedNotice,
} from './types.js';

export type PlanLimitKind =
  | 'annualReview'
  | 'reviewInvitations'
  | 'reviewAdvice'
  | 'reviewReport'
  | 'reviewDecision'
  | 'amendmentRepresentations'
  | 'amendedPlan'
  | 'phaseTransfer'
  | 'reassessmentDecision'
  | 'reassessmentPlan'
  | 'transferNotice'
  | 'ceaseAppealWindow';

const NONE: readonly PlanExceptionKind[] = [];

/**
 * Domain 5.6: working days after the last appeal date for an appeal registered on it to reach the
 * authority. Authorities set their own (`local_authority.appeal_buffer_working_days`); each decision
 * to cease keeps the one in force when it was recorded, and one recorded before that setting this.
 */
export const APPEAL_BUFFER_WORKING_DAYS = 10;

const limit = (regulation: string, due: DueRule, role: LimitDefinition['role'] = 'limit'): LimitDefinition<PlanExceptionKind> => ({
  regulation,
  exceptionsIn: regulation,
  relaxedBy: NONE,
  due,
  role,
  statutory: role !== 'window',
});

export const PLAN_LIMIT_RULES: Record<PlanLimitKind, LimitDefinition<PlanExceptionKind>> = {
  // "Within the period of 12 months starting with" the plan's making, then the last review meeting.
  annualReview: limit('Children and Families Act 2014 s.44(1)', { monthsStartingWith: 12 }),
  reviewInvitations: limit('SEND Regs 2014 reg 20(3) / 21(3)', { weeksBefore: 2 }),
  reviewAdvice: limit('SEND Regs 2014 reg 20(4) / 21(4)', { weeksBefore: 2 }),
  reviewReport: limit('SEND Regs 2014 reg 20(7) / 21(7)', { weeks: 2 }),
  reviewDecision: limit('SEND Regs 2014 reg 20 / 21; R (L, M and P) v Devon CC [2022] EWHC 493 (Admin)', { weeks: 4 }),
  // A minimum period for the family, like reg 13(1)(a): nothing shortens or excuses it.
  amendmentRepresentations: limit('SEND Regs 2014 reg 22(2)(c)', { daysBeginningWith: 15 }, 'window'),
  amendedPlan: limit('SEND Regs 2014 reg 22(3)-(4)', { weeks: 8 }),
  phaseTransfer: limit('SEND Regs 2014 reg 18', { beforeCalendarDay: '02-15' }),
  reassessmentDecision: limit('SEND Regs 2014 reg 25', { days: 15 }),
  reassessmentPlan: {
    ...limit('SEND Regs 2014 reg 27(2)', { weeks: 14 }),
    exceptionsIn: 'SEND Regs 2014 reg 27(3)',
    relaxedBy: ['school_closure', 'early_years_closure', 'personal_circumstances', 'absence_from_area'],
  },
  transferNotice: limit('SEND Regs 2014 reg 15(4)', { weeks: 6 }),
  // The plan is maintained until the time to appeal the cease decision has passed (CFA 2014 s.45; domain 5.6).
  ceaseAppealWindow: limit('Children and Families Act 2014 s.45; HESC Rules 2008 r.20', { workingDaysAfter: APPEAL_BUFFER_WORKING_DAYS }, 'window'),
};

/** A step's date as it meets a limit: a notice's served date, or the step's own date when no notice was recorded. */
interface StepDate {
  on: IsoDate;
  noticeAssumed: boolean;
}

/** The day the family was told of a step: its latest notice's served date, or the step's own date when none is recorded. */
export function notified(notices: ServedNotice[], stepOn: IsoDate | undefined): StepDate | null {
  if (stepOn === undefined) return null;
  const latest = notices.map((n) => n.servedOn).sort().at(-1);
  return latest === undefined ? { on: stepOn, noticeAssumed: true } : { on: latest, noticeAssumed: false };
}

interface Derived {
  kind: PlanLimitKind;
  name: string;
  periodStart: IsoDate;
  dueOn: IsoDate;
  met: StepDate | null;
  closedOn: IsoDate | null;
  regulation?: string;
  exceptions?: ExceptionPeriod[];
  ownTarget?: IsoDate | null;
  measuredFrom?: IsoDate | null;
}

/** The latest of a series has the plain name; earlier ones their number. */
const nameOf = (kind: PlanLimitKind, n: number, latest: number): string => (n === latest ? kind : `${kind}.${n}`);

export function planEndedOn(facts: PlanFacts): IsoDate | null {
  return facts.ceasedOn ?? facts.transferredOut?.on ?? null;
}

function due(kind: PlanLimitKind, start: IsoDate, options: PlanClockOptions): IsoDate {
  return dueDate(PLAN_LIMIT_RULES[kind].due, start, options);
}

/**
 * A review's steps: invitations and advice by the last day that still gives 2 weeks before the
 * meeting (missed when the meeting is held without them), then the report and the decision.
 */
function reviewLimits(facts: PlanFacts, options: PlanClockOptions): Derived[] {
  const ended = planEndedOn(facts);
  const latest = facts.reviews.length;
  return facts.reviews.flatMap((review) => {
    const name = (kind: PlanLimitKind) => nameOf(kind, review.n, latest);
    const meeting = review.heldOn ?? review.meetingOn;
    const before = (kind: 'reviewInvitations' | 'reviewAdvice', sent: ServedNotice | undefined): Derived => ({
      kind,
      name: name(kind),
      periodStart: review.scheduledOn,
      dueOn: due(kind, meeting, options),
      met: sent ? { on: sent.servedOn, noticeAssumed: false } : null,
      closedOn: review.heldOn ?? ended,
    });
    const steps = [before('reviewInvitations', review.invitations), before('reviewAdvice', review.advice)];
    if (review.heldOn === undefined) return steps;
    const held = review.heldOn;
    const decision: Derived = { kind: 'reviewDecision', name: name('reviewDecision'), periodStart: held, dueOn: due('reviewDecision', held, options), met: notified(review.decisionNotices, review.decision?.on), closedOn: ended };
    if (review.beforeEngine) return [decision];
    return [
      ...steps,
      { kind: 'reviewReport', name: name('reviewReport'), periodStart: held, dueOn: due('reviewReport', held, options), met: review.reportReceivedOn ? { on: review.reportReceivedOn, noticeAssumed: false } : null, closedOn: ended },
      decision,
    ];
  });
}

/**
 * One annual review per review recorded, and the next one once the last is decided: the first
 * runs from the plan's making (or the last review before the engine), the next from each
 * review's meeting. A plan transferred in is reviewed by the later of that date and 3 months
 * from the transfer (reg 15(5)). Met only when the review's decision is notified (domain 3.1).
 */
function annualReviewLimits(facts: PlanFacts, options: PlanClockOptions): Derived[] {
  const reviews: (ReviewRecord | undefined)[] = [...facts.reviews];
  if (reviews.length === 0 || reviews.at(-1)!.decision !== undefined) reviews.push(undefined);
  const ended = planEndedOn(facts);
  // The 12 months the imported review met ran in the previous system: from it the engine times the next.
  const first = facts.reviews[0]?.beforeEngine ? 1 : 0;
  return reviews.slice(first).map((review, j) => {
    const i = j + first;
    const anchor = i === 0 ? (facts.lastReviewMeetingOn ?? facts.startedOn) : facts.reviews[i - 1].heldOn!;
    const standard = due('annualReview', anchor, options);
    const afterTransfer = i === 0 && facts.transferredInOn !== undefined ? addDays(addMonths(facts.transferredInOn, 3), -1) : standard;
    return {
      kind: 'annualReview',
      name: nameOf('annualReview', i + 1, reviews.length),
      periodStart: anchor,
      dueOn: afterTransfer > standard ? afterTransfer : standard,
      met: review ? notified(review.decisionNotices, review.decision?.on) : null,
      closedOn: ended,
      regulation: afterTransfer > standard ? 'SEND Regs 2014 reg 15(5)' : undefined,
    };
  });
}

function amendmentLimits(facts: PlanFacts, options: PlanClockOptions): Derived[] {
  const ended = planEndedOn(facts);
  const latest = facts.amendments.length;
  return facts.amendments.flatMap((amendment): Derived[] => {
    const outcomeOn = amendment.issuedOn ?? amendment.notAmendedOn;
    const servedOn = notified(amendment.notices, amendment.sentOn)!.on;
    const windowEnd = due('amendmentRepresentations', servedOn, options);
    const waivedEarly = amendment.issuedOn !== undefined && amendment.issuedOn <= windowEnd ? amendment.representationsWaivedOn : undefined;
    return [
      {
        kind: 'amendmentRepresentations',
        name: nameOf('amendmentRepresentations', amendment.n, latest),
        periodStart: servedOn,
        dueOn: windowEnd,
        met: waivedEarly ? { on: waivedEarly, noticeAssumed: false } : null,
        closedOn: outcomeOn ?? ended,
      },
      {
        kind: 'amendedPlan',
        name: nameOf('amendedPlan', amendment.n, latest),
        periodStart: amendment.sentOn,
        dueOn: due('amendedPlan', amendment.sentOn, options),
        met: notified(amendment.outcomeNotices, outcomeOn),
        closedOn: ended,
        // Devon [2022]: an amendment a review proposed is also measured from the meeting (12 weeks).
        measuredFrom: amendment.review === undefined ? null : (facts.reviews.find((r) => r.n === amendment.review)?.heldOn ?? null),
      },
    ];
  });
}

/** Transfers already met keep the date they were due; the next one is computed from the plan's phase now. */
function phaseTransferLimits(facts: PlanFacts): Derived[] {
  const next = planEndedOn(facts) === null ? nextPhaseTransfer(facts) : null;
  const latest = facts.phaseTransfers.length + (next ? 1 : 0);
  const met = facts.phaseTransfers.map((record): Derived => {
    const amendment = facts.amendments.find((a) => a.n === record.amendment)!;
    const transfer = phaseTransfer(facts, record.from, record.to);
    return {
      kind: 'phaseTransfer',
      name: nameOf('phaseTransfer', record.n, latest),
      periodStart: addMonths(record.transferOn, -12),
      dueOn: record.dueOn,
      met: notified(amendment.outcomeNotices, amendment.issuedOn),
      closedOn: null,
      regulation: transfer?.regulation,
    };
  });
  if (!next) return met;
  return [...met, { kind: 'phaseTransfer', name: nameOf('phaseTransfer', latest, latest), periodStart: next.periodStart, dueOn: next.dueOn, met: null, closedOn: planEndedOn(facts), regulation: next.regulation }];
}

/** The day the re-assessment's outcome reached the family: its amended plan, or its decision not to amend. */
function reassessmentOutcome(facts: PlanFacts, reassessment: ReassessmentRecord): StepDate | null {
  if (reassessment.notAmended) return notified(reassessment.notAmended.notices, reassessment.notAmended.on);
  const amendment: AmendmentRecord | undefined = facts.amendments.find((a) => a.reassessment === reassessment.n && (a.issuedOn ?? a.notAmendedOn) !== undefined);
  return amendment ? notified(amendment.outcomeNotices, amendment.issuedOn ?? amendment.notAmendedOn) : null;
}

function reassessmentLimits(facts: PlanFacts, options: PlanClockOptions): Derived[] {
  const ended = planEndedOn(facts);
  const latest = facts.reassessments.length;
  return facts.reassessments.flatMap((reassessment): Derived[] => {
    const decided = notified(reassessment.decisionNotices, reassessment.decision?.on);
    const decision: Derived = {
      kind: 'reassessmentDecision',
      name: nameOf('reassessmentDecision', reassessment.n, latest),
      periodStart: reassessment.requestedOn,
      dueOn: due('reassessmentDecision', reassessment.requestedOn, options),
      met: decided,
      closedOn: ended,
    };
    if (reassessment.decision?.decision !== 'reassess') return [decision];
    // Reg 27(2): the 14 weeks run from the notice of the decision to re-assess, not from the request.
    const start = decided!.on;
    const dueOn = due('reassessmentPlan', start, options);
    const ceasedDuring = facts.ceases.find((c) => c.on >= start && c.withdrawnOn === undefined)?.on;
    const covering = facts.exceptions.filter((e) => e.reassessment === reassessment.n && e.approvedBy !== undefined && e.from <= dueOn && (e.to === undefined || e.to >= start));
    const ownTargets = covering.map((e) => e.revisedTarget).filter((d): d is IsoDate => d !== undefined).sort();
    return [
      decision,
      {
        kind: 'reassessmentPlan',
        name: nameOf('reassessmentPlan', reassessment.n, latest),
        periodStart: start,
        dueOn,
        met: reassessmentOutcome(facts, reassessment),
        closedOn: ceasedDuring ?? ended,
        exceptions: covering.map((e) => ({ from: e.from, to: e.to ?? null })),
        ownTarget: ownTargets.at(-1) ?? null,
      },
    ];
  });
}

function transferLimits(facts: PlanFacts, options: PlanClockOptions): Derived[] {
  if (facts.transferredInOn === undefined) return [];
  const start = facts.transferredInOn;
  // Met only by a notice: there is no other step that tells the family the plan has transferred.
  const met = facts.transferNotices.length > 0 ? notified(facts.transferNotices, start) : null;
  return [{ kind: 'transferNotice', name: 'transferNotice', periodStart: start, dueOn: due('transferNotice', start, options), met, closedOn: planEndedOn(facts) }];
}

/**
 * The day from which a cease decision can take effect: the last appeal date, plus the buffer for a
 * late-arriving appeal. The 2 months run from the notice as served (a letter two working days after
 * posting: domain 5.2), as the notice itself tells the family.
 */
export function ceaseTakesEffectAfter(cease: PlanFacts['ceases'][number]): IsoDate {
  const servedOn = cease.notices.map((n) => n.servedOn).sort().at(-1) ?? cease.on;
  return dueDate({ workingDaysAfter: ceaseAppealBuffer(cease) }, appealWindow({ noticeSentOn: servedOn }).lastAppealDate, { strictMode: false });
}

export function ceaseAppealBuffer(cease: PlanFacts['ceases'][number]): number {
  return cease.appealBufferWorkingDays ?? APPEAL_BUFFER_WORKING_DAYS;
}

function ceaseLimits(facts: PlanFacts): Derived[] {
  const latest = facts.ceases.length;
  return facts.ceases.map((cease, i) => ({
    kind: 'ceaseAppealWindow',
    name: nameOf('ceaseAppealWindow', i + 1, latest),
    periodStart: cease.on,
    dueOn: ceaseTakesEffectAfter(cease),
    met: null,
    closedOn: cease.withdrawnOn ?? planEndedOn(facts),
  }));
}

function instance(derived: Derived): LimitInstance {
  const rule = PLAN_LIMIT_RULES[derived.kind];
  return {
    name: derived.name,
    role: rule.role,
    statutory: rule.statutory,
    regulation: derived.regulation ?? rule.regulation,
    periodStart: derived.periodStart,
    dueOn: derived.dueOn,
    metOn: derived.met?.on ?? null,
    noticeAssumed: derived.met?.noticeAssumed ?? false,
    notApplicable: false,
    closedOn: derived.met ? null : derived.closedOn,
    exceptions: derived.exceptions ?? [],
    ownTarget: derived.ownTarget ?? null,
    exceptionsPending: false,
    measuredFrom: derived.measuredFrom ?? null,
  };
}

/** Every limit of the plan in a stable order; nothing here depends on today. */
export function planLimitRecords(facts: PlanFacts, options: PlanClockOptions): LimitRecord[] {
  return [
    ...annualReviewLimits(facts, options),
    ...reviewLimits(facts, options),
    ...amendmentLimits(facts, options),
    ...phaseTransferLimits(facts),
    ...reassessmentLimits(facts, options),
    ...transferLimits(facts, options),
    ...ceaseLimits(facts),
  ].map((derived) => limitRecord(instance(derived)));
}

/** The open re-assessment limit an exception can be claimed against, with its period. */
export function openReassessmentPlan(facts: PlanFacts, options: PlanClockOptions): { name: string; periodStart: IsoDate; dueOn: IsoDate } | null {
  const current = reassessmentLimits(facts, options).filter((l) => l.kind === 'reassessmentPlan').at(-1);
  if (!current || current.met !== null || current.closedOn !== null || current.name !== 'reassessmentPlan') return null;
  return { name: current.name, periodStart: current.periodStart, dueOn: current.dueOn };
}
