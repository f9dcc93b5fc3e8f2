/** The words of panel records: purposes, member roles and the decisions each purpose allows. */

export const PANEL_PURPOSES = ['decision_to_assess', 'decision_to_issue'] as const;
export type PanelPurpose = (typeof PANEL_PURPOSES)[number];

export const MEMBER_ROLES = [
  'chair',
  'head_teacher',
  'senco',
  'trust_leader',
  'educational_psychologist',
  'health',
  'social_care',
  'sen_officer',
] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** Members who bring a school's view; the default quorum needs two of them. */
export const SCHOOL_ROLES: readonly MemberRole[] = ['head_teacher', 'senco', 'trust_leader'];

export const PANEL_DECISIONS = ['assess', 'decline', 'issue', 'not_issue', 'defer'] as const;
export type PanelDecision = (typeof PANEL_DECISIONS)[number];

export const DECISIONS_BY_PURPOSE: Record<PanelPurpose, readonly PanelDecision[]> = {
  decision_to_assess: ['assess', 'decline', 'defer'],
  decision_to_issue: ['issue', 'not_issue', 'defer'],
};

/** The case status a panel of each purpose decides on. */
export const STAGE_STATUS: Record<PanelPurpose, 'awaiting_decision' | 'assessing'> = {
  decision_to_assess: 'awaiting_decision',
  decision_to_issue: 'assessing',
};

/** The statutory limit that orders the agenda: reg 5(1) for assessment, reg 10(1) for issue. */
export const STAGE_DEADLINE: Record<PanelPurpose, 'decisionToAssess' | 'issueDecision'> = {
  decision_to_assess: 'decisionToAssess',
  decision_to_issue: 'issueDecision',
};

/** Refusals (s.36(5), reg 4(1); reg 10(1)) must give reasons; a deferral must say what is missing. */
export const REASONS_REQUIRED: readonly PanelDecision[] = ['decline', 'not_issue', 'defer'];

/** Why `decision` cannot be recorded by a panel of `purpose`, or null when it can. */
export function decisionRefusal(purpose: PanelPurpose, decision: PanelDecision, reasons: string | undefined): string | null {
  const allowed = DECISIONS_BY_PURPOSE[purpose];
  if (!allowed.includes(decision)) {
    return `A ${purpose} panel records ${allowed.join(', ')}; "${decision}" belongs to the other kind of panel.`;
  }
  if (REASONS_REQUIRED.includes(decision) && (reasons === undefined || reasons.trim() === '')) {
    return decision === 'defer'
      ? 'A deferral needs reasons: say what evidence is missing and who will seek it (the 6-week limit keeps running, CFA 2014 s.36(7)).'
      : `A decision "${decision}" needs reasons: the notice to the family must give them and they are what the authority defends at the Tribunal.`;
  }
  return null;
}
