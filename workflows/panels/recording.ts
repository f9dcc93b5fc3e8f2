/**
 * Who may record what (domain document 6.2): the panel only recommends, through a member who sat
 * on the item; the authority's decision is an officer's, with delegated authority, and a decision
 * that departs from the panel's view says why (6.3 item 6: dissent and why it was not followed).
 */
import type { Conflict, PanelMemberFacts } from './quorum.js';
import { DECISIONS_BY_PURPOSE, type PanelDecision, type PanelPurpose } from './vocabulary.js';

/** The decisions an officer makes on a case: a deferral is only ever the panel's recommendation. */
export type OfficerDecision = Exclude<PanelDecision, 'defer'>;

/** The account recording the panel's recommendation, as a seat on the panel (or none). */
export interface Recorder {
  seat: PanelMemberFacts | undefined;
  panelName: string;
}

/** Why this account may not record the panel's recommendation on the item, or null when it may. */
export function recorderRefusal({ seat, panelName }: Recorder, presentIds: readonly string[], conflicts: readonly Conflict[]): string | null {
  if (!seat) return `Only members of ${panelName} record its recommendation, and your account does not sit on it.`;
  if (!presentIds.includes(seat.id)) {
    return `${seat.name} is not recorded as present at this meeting; only members who were present record the panel's recommendation.`;
  }
  const conflict = conflicts.find((c) => c.memberId === seat.id);
  if (conflict) return `${seat.name} steps out of this item (${conflict.why}); another member present records the panel's recommendation.`;
  return null;
}

/** Why an officer's decision cannot follow this recommendation, or null when it can. */
export function officerDecisionRefusal(purpose: PanelPurpose, recommendation: PanelDecision, decision: PanelDecision, reasons: string | undefined): string | null {
  const allowed: readonly PanelDecision[] = DECISIONS_BY_PURPOSE[purpose].filter((d) => d !== 'defer');
  if (!allowed.includes(decision)) return `The decision after a ${purpose} panel is one of ${allowed.join(', ')}.`;
  if (recommendation === 'defer') {
    return 'The panel deferred this item: it has made no recommendation to decide on here. Decide it at the meeting it was carried to (the 6-week limit keeps running, CFA 2014 s.36(7)).';
  }
  if (decision !== recommendation && (reasons === undefined || reasons.trim() === '')) {
    return `The panel recommended "${recommendation}": a decision of "${decision}" departs from it and needs reasons saying why the panel's view was not followed.`;
  }
  return null;
}
