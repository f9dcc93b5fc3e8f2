import type { IsoDate } from '../../workflows/calendar/dates.js';
import { longDate } from '../../workflows/calendar/dates.js';
import type { Contributor, NoticeName } from '../../workflows/ehc-needs-assessment/index.js';
import type { PlanNoticeName } from '../../workflows/ehc-plan/index.js';
import { CONTRIBUTOR_LABELS, NOTICE_LABELS } from '../web/format/labels.js';
import { PLAN_NOTICE_LABELS } from '../web/format/plan-labels.js';

/** A step of the case's trail as the family's update reads it. */
export interface TrailStep {
  type: string;
  occurredOn: IsoDate;
  payload: Record<string, unknown>;
}

/** One thing that changed, in the words the family's page uses. */
export interface ToldChange {
  on: IsoDate;
  text: string;
}

const EXCEPTION_APPLIES = 'An exception to the usual time limits now applies, so a date may be later than it was.';

const advice = (payload: Record<string, unknown>) => `${(CONTRIBUTOR_LABELS[payload.contributor as Contributor] ?? 'The').toLowerCase()} advice`;

/**
 * What the family is told of each kind of step: what the SEN team decided, asked for, received or
 * sent, and never who gave advice (design section 8). Steps that change nothing the family waits
 * on (a proposed exception, a migration of the record) are not told; a correction is, in general
 * words, since it may move a date they read.
 */
const TOLD: Record<string, (payload: Record<string, unknown>) => string | undefined> = {
  DECISION_TO_ASSESS: (p) => (p.decision === 'assess' ? 'We decided to carry out an EHC needs assessment.' : 'We decided not to carry out an EHC needs assessment. Our notice explains why and what you can do.'),
  ADVICE_REQUESTED: (p) => `We asked for ${advice(p)}.`,
  ADVICE_RECEIVED: (p) => `We received the ${advice(p)}.`,
  DECISION_TO_ISSUE: (p) => (p.decision === 'issue' ? 'We decided to make an EHC plan, and are writing the draft.' : 'We decided not to make an EHC plan. Our notice explains why and what you can do.'),
  DRAFT_PLAN_ISSUED: () => 'We sent you the draft EHC plan.',
  FINAL_PLAN_ISSUED: () => 'We issued the final EHC plan.',
  NOTICE_SENT: (p) => `We sent a letter: ${NOTICE_LABELS[p.notice as NoticeName] ?? 'a notice'}.`,
  // Recorded by a manager, an exception is approved at once; a caseworker's is a proposal until approved.
  EXCEPTION_RECORDED: (p) => (p.approvedBy ? EXCEPTION_APPLIES : undefined),
  EXCEPTION_APPROVED: () => EXCEPTION_APPLIES,
  EXCEPTION_ENDED: () => 'The exception to the usual time limits has ended.',
  WITHDRAWN: () => 'The request for an assessment was withdrawn.',
  ASSIGNED: () => 'We named your caseworker, or a new one: your page says who to contact.',
  DISPUTE_ORDERED: () => 'The assessment was reopened to carry out the Tribunal’s order or our agreement with you.',
  EVENT_CORRECTED: () => 'We corrected a date or a detail in our record.',
};

const REVIEW_DECISIONS: Record<string, string> = {
  maintain: 'We decided after the annual review to keep the EHC plan as it is.',
  amend: 'We decided after the annual review to change the EHC plan: our notice says what we propose.',
  cease: 'We decided after the annual review to stop maintaining the EHC plan. Our notice explains why and how you can appeal.',
};

/** The same for the steps of the EHC plan the assessment made (issue 11's process). */
const PLAN_TOLD: Record<string, (payload: Record<string, unknown>) => string | undefined> = {
  REVIEW_MEETING_SCHEDULED: (p) => `We arranged the annual review meeting, for ${longDate(String(p.meetingOn))}.`,
  REVIEW_MEETING_HELD: () => 'The annual review meeting was held.',
  REVIEW_DECISION: (p) => REVIEW_DECISIONS[String(p.decision)],
  AMENDMENT_NOTICE_SENT: () => 'We sent you the changes we propose to the EHC plan.',
  AMENDED_PLAN_ISSUED: () => 'We issued the amended EHC plan.',
  DECISION_NOT_TO_AMEND: () => 'We decided not to change the EHC plan after all. Our notice explains why and what you can do.',
  REASSESSMENT_REQUESTED: () => 'A re-assessment of your child’s needs was asked for.',
  REASSESSMENT_DECISION: (p) => (p.decision === 'reassess' ? 'We decided to re-assess your child’s needs.' : 'We decided not to re-assess your child’s needs. Our notice explains why and what you can do.'),
  CEASE_DECISION: () => 'We decided to stop maintaining the EHC plan. Our notice explains why and how you can appeal.',
  CEASE_DECISION_WITHDRAWN: () => 'We withdrew our decision to stop maintaining the EHC plan: it stays in place.',
  CEASED: () => 'The EHC plan has ended.',
  TRANSFERRED_OUT: () => 'The EHC plan has moved to another local authority.',
  NOTICE_SENT: (p) => `We sent a letter about the EHC plan: ${PLAN_NOTICE_LABELS[p.notice as PlanNoticeName] ?? 'a notice'}.`,
  EXCEPTION_RECORDED: (p) => (p.approvedBy ? EXCEPTION_APPLIES : undefined),
  EXCEPTION_APPROVED: () => EXCEPTION_APPLIES,
  ASSIGNED: () => TOLD.ASSIGNED({}),
  EVENT_CORRECTED: () => TOLD.EVENT_CORRECTED({}),
};

function told(steps: TrailStep[], words: typeof TOLD): ToldChange[] {
  return steps.flatMap((step) => {
    const text = Object.hasOwn(words, step.type) ? words[step.type](step.payload) : undefined;
    return text === undefined ? [] : [{ on: step.occurredOn, text }];
  });
}

/** The steps of the case the family is told of, in the order they happened. */
export function changesToTell(steps: TrailStep[]): ToldChange[] {
  return told(steps, TOLD);
}

/** The steps of the plan the family is told of, in the order they happened. */
export function planChangesToTell(steps: TrailStep[]): ToldChange[] {
  return told(steps, PLAN_TOLD);
}
