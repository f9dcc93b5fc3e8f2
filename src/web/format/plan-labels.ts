import type { CeaseReason, EducationPhase, PlanEventType, PlanNoticeName, PlanStatus, ReviewDecision } from '../../../workflows/ehc-plan/index.js';

/** The words the plan pages use for the plan process's codes, beside labels.ts for the assessment's. */

export const PLAN_STATUS_LABELS: Record<PlanStatus, { text: string; tagClass: string }> = {
  maintained: { text: 'Maintained', tagClass: 'govuk-tag--green' },
  review_scheduled: { text: 'Review arranged', tagClass: 'govuk-tag--purple' },
  review_held: { text: 'Review held', tagClass: 'govuk-tag--turquoise' },
  amendment_proposed: { text: 'Amendment proposed', tagClass: 'govuk-tag--teal' },
  reassessment_requested: { text: 'Re-assessment requested', tagClass: '' },
  reassessing: { text: 'Re-assessing', tagClass: 'govuk-tag--purple' },
  cease_pending_appeal_window: { text: 'Ceasing: appeal window open', tagClass: 'govuk-tag--orange' },
  ceased: { text: 'Ceased', tagClass: 'govuk-tag--grey' },
  transferred_out: { text: 'Transferred out', tagClass: 'govuk-tag--grey' },
};

export const PHASE_LABELS: Record<EducationPhase, string> = {
  early_years: 'Early years',
  infant: 'Infant school',
  junior: 'Junior school',
  primary: 'Primary school',
  middle: 'Middle school',
  secondary: 'Secondary school',
  post16: 'Post-16 institution',
};

export const REVIEW_DECISION_LABELS: Record<ReviewDecision, string> = {
  maintain: 'Keep the plan as it is',
  amend: 'Amend the plan',
  cease: 'Cease the plan',
};

/** SEN2 CeaseReason (../shared/sen2.md, section 1.3). */
export const CEASE_REASON_LABELS: Record<CeaseReason, string> = {
  1: 'Reached the maximum age',
  2: 'Needs met without an EHC plan',
  3: 'Moved on to higher education',
  4: 'Moved on to paid employment (not an apprenticeship)',
  5: 'Transferred to another authority in England',
  6: 'Young person no longer wishes to engage in education or training',
  7: 'Moved outside England',
  8: 'Deceased',
  9: 'Other',
};

export const PLAN_NOTICE_LABELS: Record<PlanNoticeName, string> = {
  review_decision: 'Review decision',
  amendment_notice: 'Proposed amendments',
  amended_plan: 'Amended plan',
  decision_not_to_amend: 'Decision not to amend',
  reassessment_decision: 'Decision whether to re-assess',
  cease_decision: 'Decision to cease the plan',
  transfer_notice: 'Notice of the transfer in',
};

export const REASSESSMENT_REQUESTER_LABELS: Record<string, string> = {
  parent: 'Parent',
  young_person: 'Young person',
  school: 'School or college',
  icb: 'Integrated care board',
  authority: 'The authority',
};

export const PLAN_EVENT_LABELS: Record<PlanEventType | 'PLAN_STARTED', string> = {
  PLAN_STARTED: 'Plan started',
  REVIEW_MEETING_SCHEDULED: 'Review meeting arranged',
  REVIEW_INVITATIONS_SENT: 'Review invitations sent',
  REVIEW_ADVICE_CIRCULATED: 'Advice circulated for the review',
  REVIEW_MEETING_HELD: 'Review meeting held',
  REVIEW_REPORT_RECEIVED: 'Review report received',
  REVIEW_DECISION: 'Review decision',
  AMENDMENT_NOTICE_SENT: 'Proposed amendments sent',
  AMENDED_PLAN_ISSUED: 'Amended plan issued',
  DECISION_NOT_TO_AMEND: 'Decision not to amend',
  PHASE_DETAILS_RECORDED: 'School phase details recorded',
  REASSESSMENT_REQUESTED: 'Re-assessment requested',
  REASSESSMENT_DECISION: 'Decision whether to re-assess',
  CEASE_DECISION: 'Decision to cease the plan',
  CEASE_DECISION_WITHDRAWN: 'Decision to cease withdrawn',
  CEASED: 'Plan ceased',
  TRANSFERRED_OUT: 'Plan transferred to another authority',
  EXCEPTION_RECORDED: 'Exception recorded',
  EXCEPTION_APPROVED: 'Exception approved',
  EXCEPTION_ENDED: 'Exception ended',
  NOTICE_SENT: 'Notice sent to the family',
  ASSIGNED: 'Caseworker assigned',
};

export const planEventLabel = (type: string): string => PLAN_EVENT_LABELS[type as keyof typeof PLAN_EVENT_LABELS] ?? type;

/** Each plan limit in words, and what an earlier one of its series is numbered by. */
const PLAN_DEADLINES: Record<string, { label: string; series: string }> = {
  annualReview: { label: 'Annual review (within 12 months)', series: 'review' },
  reviewInvitations: { label: 'Review invitations (2 weeks before the meeting)', series: 'review' },
  reviewAdvice: { label: 'Advice circulated (2 weeks before the meeting)', series: 'review' },
  reviewReport: { label: 'Review report (2 weeks after the meeting)', series: 'review' },
  reviewDecision: { label: 'Review decision notified (4 weeks after the meeting)', series: 'review' },
  amendmentRepresentations: { label: 'Family’s comments on the proposed amendments (15 days)', series: 'amendment' },
  amendedPlan: { label: 'Amended plan or decision not to amend (8 weeks)', series: 'amendment' },
  phaseTransfer: { label: 'Next school or college named (phase transfer)', series: 'transfer' },
  reassessmentDecision: { label: 'Decision whether to re-assess (15 days)', series: 're-assessment' },
  reassessmentPlan: { label: 'Plan after the re-assessment (14 weeks)', series: 're-assessment' },
  transferNotice: { label: 'Notice of the transfer in (6 weeks)', series: 'transfer' },
  ceaseAppealWindow: { label: 'Time to appeal before the plan ceases', series: 'decision to cease' },
};

/** `annualReview` → "Annual review (within 12 months)"; `annualReview.1` → "Annual review (within 12 months), review 1". */
export function planDeadlineLabel(name: string): string {
  const [kind, n] = name.split('.');
  const known = PLAN_DEADLINES[kind];
  if (!known) return name;
  return n ? `${known.label}, ${known.series} ${n}` : known.label;
}
