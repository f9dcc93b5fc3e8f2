import type { AlertKind, PlannedAlert } from '../../workflows/ehc-needs-assessment/index.js';
import { ANSWER_LIMIT_PREFIX, ANSWER_REGULATION } from '../../workflows/family-messages/answer-target.js';

const DEADLINE_LABELS: Record<string, string> = {
  decisionToAssess: 'the decision whether to assess (SEND Regs 2014 reg 5(1))',
  issueDecision: 'a notice that no plan will be issued (SEND Regs 2014 reg 10(1))',
  finalPlan: 'the final EHC plan (SEND Regs 2014 reg 13(2))',
};

/** A maintained plan's limits: what is due, and the rule and law that time it. */
const PLAN_DEADLINES: Record<string, { what: string; law: string }> = {
  annualReview: { what: 'the annual review of the EHC plan', law: 'CFA 2014 s.44(1)' },
  reviewInvitations: { what: 'the invitations to the review meeting', law: '2 weeks before it, SEND Regs 2014 reg 20(3)' },
  reviewAdvice: { what: 'the advice for the review meeting', law: 'circulated 2 weeks before it, SEND Regs 2014 reg 20(4)' },
  reviewReport: { what: 'the review report', law: 'within 2 weeks of the meeting, SEND Regs 2014 reg 20(7)' },
  reviewDecision: { what: 'the review decision', law: 'within 4 weeks of the meeting, R (L, M and P) v Devon CC [2022]' },
  amendmentRepresentations: { what: 'the family’s representations on the proposed amendments', law: 'SEND Regs 2014 reg 22(2)(c)' },
  amendedPlan: { what: 'the amended plan or a notice not to amend', law: 'SEND Regs 2014 reg 22(3)' },
  phaseTransfer: { what: 'the amended plan naming the next school or college for the phase transfer', law: 'SEND Regs 2014 reg 18' },
  reassessmentDecision: { what: 'the decision whether to re-assess', law: 'SEND Regs 2014 reg 25' },
  reassessmentPlan: { what: 'the plan after re-assessment', law: 'SEND Regs 2014 reg 27(2)' },
  transferNotice: { what: 'the notice to the family after the transfer from another authority', law: 'SEND Regs 2014 reg 15(4)' },
  ceaseAppealWindow: { what: 'the family’s time to appeal the decision to cease the plan', law: 'SEND Regs 2014 reg 33' },
  // A dispute's limits (issue 14); the family's windows never alert.
  mediationCertificate: { what: 'the mediation certificate', law: 'SEND Regs 2014 regs 34, 39' },
  mediationMeeting: { what: 'the mediation meeting', law: 'within 30 days, SEND Regs 2014 regs 35–37' },
  mediationHealthReferral: { what: 'the referral of health matters to the ICB for mediation', law: 'SEND Regs 2014 reg 36' },
  mediationAgreement: { what: 'the mediation agreement carried out', law: 'SEND Regs 2014 reg 42' },
  responseToAppeal: { what: 'the authority’s response to the appeal', law: 'HESC Rules 2008 r.21' },
  orderNotice: { what: 'the notice under the Tribunal’s order or the concession', law: 'SEND Regs 2014 reg 44' },
  orderIssueDecision: { what: 'the decision whether to issue a plan under the order', law: 'SEND Regs 2014 reg 44(2)' },
  orderDraftPlan: { what: 'the draft plan under the order', law: 'SEND Regs 2014 reg 44(2)' },
  orderFinalPlan: { what: 'the final plan under the order', law: 'SEND Regs 2014 reg 44(2)' },
  orderAmendedPlan: { what: 'the amended plan under the order', law: 'SEND Regs 2014 reg 44(2)' },
  orderSchoolNamed: { what: 'the plan naming the school under the order', law: 'SEND Regs 2014 reg 44(2)' },
  orderCease: { what: 'the plan ceasing after the dismissed appeal', law: 'SEND Regs 2014 reg 44(2)(g)' },
};

export function deadlineLabel(deadline: string): string {
  if (isAuthorityTarget(deadline)) return `the answer to the family’s message (${ANSWER_REGULATION})`;
  if (deadline.startsWith('advice.')) return `${deadline.slice('advice.'.length).replace(/_/g, ' ')} advice (SEND Regs 2014 reg 8(1))`;
  if (Object.hasOwn(DEADLINE_LABELS, deadline)) return DEADLINE_LABELS[deadline];
  return planDeadlineLabel(deadline) ?? deadline;
}

/**
 * `annualReview` → "the annual review of the EHC plan (CFA 2014 s.44(1))"; an earlier cycle's
 * `annualReview.1` names its cycle, and an earlier order's step (`orderNotice.1`) its order.
 */
function planDeadlineLabel(deadline: string): string | undefined {
  const [, name, n] = /^([A-Za-z]+)(?:\.(\d+))?$/.exec(deadline) ?? [];
  if (name === undefined || !Object.hasOwn(PLAN_DEADLINES, name)) return undefined;
  const { what, law } = PLAN_DEADLINES[name];
  return `${what} (${n === undefined ? '' : `${name.startsWith('order') ? 'order' : 'cycle'} ${n}; `}${law})`;
}

/** The answer to a family's message has the authority's own target, not a statutory limit: missing it breaches no regulation. */
const isAuthorityTarget = (deadline: string) => deadline.startsWith(ANSWER_LIMIT_PREFIX);

const PHRASES: Record<AlertKind, (label: string, dueOn: string, slot: string, deadline: string) => string> = {
  deadline_warning: (label, dueOn, slot) => (slot === 'due' ? `${label} is due today (${dueOn}).` : `${label} is due on ${dueOn}.`),
  deadline_breach: (label, dueOn, _, deadline) => `${label} was due on ${dueOn} and has not been recorded: ${isAuthorityTarget(deadline) ? 'the target is missed' : 'the statutory limit is breached'}.`,
  advice_reminder: (label, dueOn, slot) => (slot === 'due' ? `${label} is due today (${dueOn}).` : `${label} is due on ${dueOn}.`),
  advice_escalation: (label, dueOn) => `${label} was due on ${dueOn} and has not been received.`,
  advice_received: (label, dueOn) => `${label}, due on ${dueOn}, was received through the advice link: record what follows from it.`,
  family_message: (_, dueOn) => `the family sent a message on the family pages: answer it by ${dueOn}, and record the answer on the case page.`,
};

/** One sentence a manager or contributor can act on, led by the case's or plan's reference. */
export function alertMessage(reference: string, alert: PlannedAlert): string {
  const text = PHRASES[alert.kind](deadlineLabel(alert.deadline), alert.dueOn, alert.slot, alert.deadline);
  return `${reference}: ${text[0].toUpperCase()}${text.slice(1)}`;
}
