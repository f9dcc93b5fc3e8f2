import type { AlertKind, PlannedAlert } from '../../workflows/ehc-needs-assessment/index.js';

const DEADLINE_LABELS: Record<string, string> = {
  decisionToAssess: 'the decision whether to assess (SEND Regs 2014 reg 5(1))',
  issueDecision: 'a notice that no plan will be issued (SEND Regs 2014 reg 10(1))',
  finalPlan: 'the final EHC plan (SEND Regs 2014 reg 13(2))',
};

export function deadlineLabel(deadline: string): string {
  if (deadline.startsWith('advice.')) return `${deadline.slice('advice.'.length).replace(/_/g, ' ')} advice (SEND Regs 2014 reg 8(1))`;
  return DEADLINE_LABELS[deadline] ?? deadline;
}

const PHRASES: Record<AlertKind, (label: string, dueOn: string, slot: string) => string> = {
  deadline_warning: (label, dueOn, slot) => (slot === 'due' ? `${label} is due today (${dueOn}).` : `${label} is due on ${dueOn}.`),
  deadline_breach: (label, dueOn) => `${label} was due on ${dueOn} and has not been recorded: the statutory limit is breached.`,
  advice_reminder: (label, dueOn, slot) => (slot === 'due' ? `${label} is due today (${dueOn}).` : `${label} is due on ${dueOn}.`),
  advice_escalation: (label, dueOn) => `${label} was due on ${dueOn} and has not been received.`,
};

/** One sentence a manager or contributor can act on, led by the case reference. */
export function alertMessage(reference: string, alert: PlannedAlert): string {
  const text = PHRASES[alert.kind](deadlineLabel(alert.deadline), alert.dueOn, alert.slot);
  return `${reference}: ${text[0].toUpperCase()}${text.slice(1)}`;
}
