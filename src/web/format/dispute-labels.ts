import type { DisputedDecision, DisputeEventType, DisputeOutcome, DisputeStatus, OrderAction, OrderStep } from '../../../workflows/ehc-dispute/index.js';

/** The words the dispute pages use for the dispute process's codes, beside labels.ts and plan-labels.ts. */

export const DISPUTE_STATUS_LABELS: Record<DisputeStatus, { text: string; tagClass: string }> = {
  notice_sent: { text: 'Notice sent', tagClass: '' },
  mediation_considered: { text: 'Considering mediation', tagClass: 'govuk-tag--light-blue' },
  mediating: { text: 'In mediation', tagClass: 'govuk-tag--purple' },
  certificate_awaited: { text: 'Certificate awaited', tagClass: 'govuk-tag--yellow' },
  certificate_issued: { text: 'Certificate issued', tagClass: 'govuk-tag--turquoise' },
  appealed: { text: 'Appealed to the Tribunal', tagClass: 'govuk-tag--orange' },
  complying: { text: 'Carrying out the outcome', tagClass: 'govuk-tag--pink' },
  closed: { text: 'Closed', tagClass: 'govuk-tag--grey' },
};

export const DISPUTED_DECISION_LABELS: Record<DisputedDecision, string> = {
  refusal_to_assess: 'Refusal to assess',
  decision_not_to_issue: 'Decision not to issue a plan',
  plan_contents: 'Contents of the plan',
  refusal_to_reassess: 'Refusal to re-assess',
  decision_not_to_amend: 'Decision not to amend the plan',
  decision_to_cease: 'Decision to cease the plan',
};

export const DISPUTE_OUTCOME_LABELS: Record<DisputeOutcome, string> = {
  not_appealed: 'Not appealed',
  withdrawn: 'Withdrawn by the family',
  settled: 'Settled',
  mediation_agreement: 'Mediation agreement carried out',
  conceded: 'Appeal conceded',
  appeal_dismissed: 'Appeal dismissed',
  appeal_allowed: 'Appeal allowed',
};

export const ORDER_ACTION_LABELS: Record<OrderAction, string> = {
  assess: 'Assess the child’s needs',
  reassess: 'Re-assess the child’s needs',
  issue_plan: 'Make and maintain a plan',
  amend_plan: 'Amend the plan',
  change_school: 'Change the school or setting named',
  cease: 'Cease the plan',
};

export const DISPUTE_EVENT_LABELS: Record<DisputeEventType | 'DISPUTE_STARTED', string> = {
  DISPUTE_STARTED: 'Dispute recorded',
  MEDIATION_ADVICE_CONTACTED: 'Family contacted the mediation adviser',
  MEDIATION_DECLINED: 'Mediation declined',
  MEDIATION_REQUESTED: 'Mediation requested',
  HEALTH_MATTERS_REFERRED: 'Health matters referred',
  MEDIATION_HELD: 'Mediation held',
  MEDIATION_ENDED: 'Mediation ended',
  CERTIFICATE_ISSUED: 'Mediation certificate issued',
  AGREEMENT_CARRIED_OUT: 'Mediation agreement carried out',
  APPEAL_REGISTERED: 'Appeal registered',
  RESPONSE_SUBMITTED: 'Response to the appeal submitted',
  APPEAL_CONCEDED: 'Appeal conceded',
  TRIBUNAL_DECIDED: 'Tribunal decided',
  ORDER_STEP_MET: 'Order step met',
  EXCEPTION_RECORDED: 'Exception recorded',
  EXCEPTION_APPROVED: 'Exception approved',
  EXCEPTION_ENDED: 'Exception ended',
  SETTLED: 'Settled',
  WITHDRAWN: 'Withdrawn by the family',
  CLOSED_NOT_APPEALED: 'Closed: not appealed',
  ASSIGNED: 'Caseworker assigned',
};

export const disputeEventLabel = (type: string): string => DISPUTE_EVENT_LABELS[type as keyof typeof DISPUTE_EVENT_LABELS] ?? type;

const DISPUTE_DEADLINES: Record<OrderStep | string, string> = {
  mediationAdvice: 'Family contacts a mediation adviser (2 months)',
  mediationCertificate: 'Mediation certificate (3 working days)',
  mediationMeeting: 'Mediation held (30 days)',
  mediationHealthReferral: 'Health matters referred (3 working days)',
  mediationAgreement: 'Mediation agreement carried out',
  appeal: 'Family’s appeal to the Tribunal',
  responseToAppeal: 'Response to the appeal (30 working days)',
  orderNotice: 'Order: notice of the decision (2 weeks)',
  orderIssueDecision: 'Order: decision whether to issue a plan (10 weeks)',
  orderDraftPlan: 'Order: draft plan (5 weeks)',
  orderFinalPlan: 'Order: final plan',
  orderAmendedPlan: 'Order: amended plan',
  orderSchoolNamed: 'Order: school or setting named',
  orderCease: 'Order: plan ceased',
};

/** `orderNotice` → "Order: notice of the decision (2 weeks)"; `orderNotice.1`, an earlier order's, says so. */
export function disputeDeadlineLabel(name: string): string {
  const [kind, n] = name.split('.');
  const known = DISPUTE_DEADLINES[kind];
  if (!known) return name;
  return n ? `${known}, earlier order ${n}` : known;
}
