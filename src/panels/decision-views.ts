import type { IsoDate } from '../../workflows/ehc-needs-assessment/index.js';
import type { CaseEvent } from '../../workflows/ehc-needs-assessment/index.js';
import type { Conflict, MemberRole, OfficerDecision, PanelDecision } from '../../workflows/panels/index.js';
import type { DecisionLetter } from './decision-letter.js';
import type { PanelDecisionRecord } from './panel-decision.entity.js';
import type { LoadedMeeting } from './panel-meetings.service.js';
import type { PanelMember } from './panel-member.entity.js';

export interface RecommenderView {
  memberId: string;
  name: string;
  role: MemberRole;
}

export interface OfficerDecisionView {
  decision: OfficerDecision;
  /** The officer's own reasons; null when the recommendation's reasons stand. */
  reasons: string | null;
  decidedOn: IsoDate;
  decidedBy: string;
  departsFromRecommendation: boolean;
}

/** The panel's recommendation on an item (`decision`, `reasons`, `recordedBy`) and the officer's decision after it. */
export interface DecisionView {
  id: string;
  meetingId: string;
  caseId: string;
  reference: string;
  decision: PanelDecision;
  reasons: string | null;
  decidedOn: string;
  votingMemberIds: string[];
  conflicts: Conflict[];
  recordedBy: string;
  recommendedBy: RecommenderView | null;
  /** Null until an officer with delegated authority decides (domain 6.2). */
  officerDecision: OfficerDecisionView | null;
  caseStatus: string;
  /** For a deferral: the next meeting it was put on, or null until one is scheduled. */
  carriedForwardTo: string | null;
  /** For a refusal decided now: the decision letter's content, assuming the notice goes out on the decision day. */
  letter: DecisionLetter | null;
}

export function toRecommender(member: PanelMember | undefined): RecommenderView | null {
  return member ? { memberId: member.id, name: member.name, role: member.role } : null;
}

export function toOfficerDecision(record: PanelDecisionRecord): OfficerDecisionView | null {
  if (!record.officerDecision) return null;
  return {
    decision: record.officerDecision,
    reasons: record.officerReasons,
    decidedOn: record.officerDecidedOn!,
    decidedBy: record.decidedBy!,
    departsFromRecommendation: record.officerDecision !== record.decision,
  };
}

interface DecisionFacts {
  record: PanelDecisionRecord;
  reference: string;
  recommender: PanelMember | undefined;
  caseStatus: string;
  carriedForwardTo: string | null;
  letter: DecisionLetter | null;
}

export function toDecisionView({ record, reference, recommender, caseStatus, carriedForwardTo, letter }: DecisionFacts): DecisionView {
  return {
    id: record.id,
    meetingId: record.meetingId,
    caseId: record.caseId,
    reference,
    decision: record.decision,
    reasons: record.reasons,
    decidedOn: record.decidedOn,
    votingMemberIds: record.votingMemberIds,
    conflicts: record.conflicts,
    recordedBy: record.recordedBy,
    recommendedBy: toRecommender(recommender),
    officerDecision: toOfficerDecision(record),
    caseStatus,
    carriedForwardTo,
    letter,
  };
}

/**
 * The case event of the officer's decision: dated the day it was made, naming the meeting and
 * the panel's recommendation it follows or departs from (domain 6.2). The actor of the trail's
 * line is the officer. The notice to the family is a later fact of its own: nothing here says it
 * was sent (issue 11 item 4).
 */
export function officerCaseEvent({ meeting, panel }: LoadedMeeting, record: PanelDecisionRecord, decision: OfficerDecision, reasons: string | null, decidedOn: IsoDate): CaseEvent {
  const type = panel.purpose === 'decision_to_assess' ? 'DECISION_TO_ASSESS' : 'DECISION_TO_ISSUE';
  return {
    type,
    decision,
    occurredOn: decidedOn,
    panelMeetingId: meeting.id,
    ...(reasons ? { reasons } : {}),
    panelRecommendation: { id: record.id, decision: record.decision, recordedBy: record.recordedBy },
  } as CaseEvent;
}
