import type { IsoDate } from '../../workflows/ehc-needs-assessment/index.js';
import type { AgendaFlag, Conflict, MemberRole, PanelDecision, PanelPurpose } from '../../workflows/panels/index.js';
import type { OfficerDecisionView, RecommenderView } from './decision-views.js';
import type { PanelMember } from './panel-member.entity.js';
import type { Panel } from './panel.entity.js';

export interface MemberView {
  id: string;
  name: string;
  role: MemberRole;
  organisation: string | null;
  schools: string[];
  userId: string | null;
}

export interface PanelView {
  id: string;
  name: string;
  purpose: PanelPurpose;
  cadenceDays: number;
  quorum: { chairRequired: boolean; minSchoolMembers: number };
  members: MemberView[];
}

export interface ChildView {
  givenName: string;
  familyName: string;
  dateOfBirth: IsoDate;
}

/** What a panel member sees of a case: enough to decide, nothing more (issue 4 item 7). */
export interface MinimalAgendaItemView {
  caseId: string;
  reference: string;
  child: ChildView;
  status: string;
  dueOn: IsoDate;
  flags: AgendaFlag[];
  conflicts: Conflict[];
  /** The panel has recorded its recommendation: the item needs no other member's. */
  recommended: boolean;
}

export interface AgendaItemView extends MinimalAgendaItemView {
  deadline: string;
  requestReceivedOn: IsoDate;
  origin: string;
  addedReason: string | null;
  childSchool: string | null;
  /** The panel's recommendation, who recorded it, and the officer's decision after it. */
  decision: {
    decision: PanelDecision;
    reasons: string | null;
    decidedOn: IsoDate;
    recordedBy: string;
    recommendedBy: RecommenderView | null;
    officerDecision: OfficerDecisionView | null;
  } | null;
}

export interface RemovedAgendaItemView {
  caseId: string;
  reference: string;
  reason: string;
  removedBy: string;
  removedAt: string;
}

export interface MeetingView {
  id: string;
  panelId: string;
  panelName: string;
  purpose: PanelPurpose;
  meetingDate: IsoDate;
  kind: string;
  followingMeetingDate: IsoDate;
  present: MemberView[];
  /** Quorum before any conflicts on individual items. */
  quorum: { quorate: boolean; shortfall: string | null };
  agenda: Array<AgendaItemView | MinimalAgendaItemView>;
  removed: RemovedAgendaItemView[];
}

export function toMemberView(m: PanelMember): MemberView {
  return { id: m.id, name: m.name, role: m.role, organisation: m.organisation, schools: m.schools, userId: m.userId };
}

export function toPanelView(panel: Panel, members: PanelMember[]): PanelView {
  return {
    id: panel.id,
    name: panel.name,
    purpose: panel.purpose,
    cadenceDays: panel.cadenceDays,
    quorum: { chairRequired: panel.quorumChairRequired, minSchoolMembers: panel.quorumMinSchoolMembers },
    members: members.map(toMemberView),
  };
}
