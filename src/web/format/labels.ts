import type { CaseEngineEventType, CaseEventType, CaseStatus, Contributor, DeadlineStatus, ExceptionKind, NoticeName, RequestSource, ServiceMethod } from '../../../workflows/ehc-needs-assessment/index.js';

/** The words the pages use for the engine's codes: one table, so every page says the same. */

export const STATUS_LABELS: Record<CaseStatus, { text: string; tagClass: string }> = {
  awaiting_decision: { text: 'Awaiting decision', tagClass: '' },
  assessing: { text: 'Assessing', tagClass: 'govuk-tag--purple' },
  drafting: { text: 'Drafting plan', tagClass: 'govuk-tag--turquoise' },
  draft_issued: { text: 'Draft plan issued', tagClass: 'govuk-tag--teal' },
  plan_issued: { text: 'Plan issued', tagClass: 'govuk-tag--green' },
  declined_to_assess: { text: 'Declined to assess', tagClass: 'govuk-tag--grey' },
  declined_to_issue: { text: 'Declined to issue', tagClass: 'govuk-tag--grey' },
  withdrawn: { text: 'Withdrawn', tagClass: 'govuk-tag--grey' },
};

export const CONTRIBUTOR_LABELS: Record<Contributor, string> = {
  parent: 'Parent or young person',
  education: 'Education',
  health: 'Health',
  social_care: 'Social care',
  educational_psychology: 'Educational psychologist',
  preparing_for_adulthood: 'Preparing for adulthood',
  other: 'Other',
};

export const REQUEST_SOURCE_LABELS: Record<RequestSource, string> = {
  parent: 'Parent',
  young_person: 'Young person',
  school: 'School or college',
  health: 'Health',
  social_care: 'Social care',
  other: 'Other',
};

export const EXCEPTION_LABELS: Record<ExceptionKind, string> = {
  school_closure: 'School closure',
  early_years_closure: 'Early years provider closure',
  personal_circumstances: 'Exceptional personal circumstances',
  absence_from_area: 'Absence from the area',
  missed_appointment: 'Missed appointment',
};

export const NOTICE_LABELS: Record<NoticeName, string> = {
  decision_to_assess: 'Decision whether to assess',
  decision_to_issue: 'Decision whether to issue a plan',
  draft_plan: 'Draft plan',
  final_plan: 'Final plan',
};

export const SERVICE_METHOD_LABELS: Record<ServiceMethod, string> = {
  email: 'Email',
  portal: 'Portal',
  hand: 'By hand',
  post: 'Post',
};

export const DEADLINE_STATUS_LABELS: Record<DeadlineStatus, { text: string; tagClass: string }> = {
  pending: { text: 'Pending', tagClass: '' },
  met: { text: 'Met', tagClass: 'govuk-tag--green' },
  met_late: { text: 'Met late', tagClass: 'govuk-tag--orange' },
  breached: { text: 'Overdue', tagClass: 'govuk-tag--red' },
  exception: { text: 'Exception', tagClass: 'govuk-tag--purple' },
  not_applicable: { text: 'Not applicable', tagClass: 'govuk-tag--grey' },
};

export const EVENT_LABELS: Record<CaseEventType | CaseEngineEventType | 'REQUEST_RECEIVED' | 'MACHINE_MIGRATED' | 'EVENT_CORRECTED', string> = {
  REQUEST_RECEIVED: 'Request received',
  DECISION_TO_ASSESS: 'Decision whether to assess',
  ADVICE_REQUESTED: 'Advice requested',
  ADVICE_RECEIVED: 'Advice received',
  DECISION_TO_ISSUE: 'Decision whether to issue a plan',
  DRAFT_PLAN_ISSUED: 'Draft plan issued',
  FINAL_PLAN_ISSUED: 'Final plan issued',
  EXCEPTION_RECORDED: 'Exception recorded',
  WITHDRAWN: 'Request withdrawn',
  ASSIGNED: 'Caseworker assigned',
  EXCEPTION_APPROVED: 'Exception approved',
  EXCEPTION_ENDED: 'Exception ended',
  NOTICE_SENT: 'Notice sent to the family',
  MACHINE_MIGRATED: 'Moved to a newer version of the process',
  EVENT_CORRECTED: 'Entry corrected',
  DISPUTE_ORDERED: 'Reopened to carry out a Tribunal order',
  DRAFT_NOT_HELD: 'Draft plan not in the imported SEN2 return',
};

const DEADLINE_LABELS: Record<string, string> = {
  decisionToAssess: 'Decision whether to assess (6 weeks)',
  issueDecision: 'Notice of a decision not to issue a plan (16 weeks)',
  finalPlan: 'Final EHC plan (20 weeks)',
  representations: 'Family’s comments on the draft plan (15 days)',
};

/** `advice.health` → "Advice: Health (6 weeks)"; `advice.health.2` → "Advice: Health, request 2 (6 weeks)". */
export function deadlineLabel(name: string): string {
  const advice = /^advice\.([a-z_]+)(?:\.(\d+))?$/.exec(name);
  if (advice) {
    const contributor = advice[1] as Contributor;
    const nth = advice[2] ? `, request ${advice[2]}` : '';
    return `Advice: ${CONTRIBUTOR_LABELS[contributor] ?? contributor}${nth} (6 weeks)`;
  }
  return DEADLINE_LABELS[name] ?? name;
}

export function eventLabel(type: string): string {
  return EVENT_LABELS[type as keyof typeof EVENT_LABELS] ?? type;
}
