import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AGENDA_FLAGS, MEMBER_ROLES, PANEL_DECISIONS, PANEL_PURPOSES } from '../../workflows/panels/index.js';

const OFFICER_DECISIONS = PANEL_DECISIONS.filter((d) => d !== 'defer');

/* Response shapes for the OpenAPI document only; the services return the plain views. */

export class MemberResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role: string;
  @ApiProperty({ nullable: true, type: String }) organisation: string | null;
  @ApiProperty({ type: [String] }) schools: string[];
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) userId: string | null;
}

export class QuorumRuleResponse {
  @ApiProperty() chairRequired: boolean;
  @ApiProperty() minSchoolMembers: number;
}

export class PanelResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PANEL_PURPOSES }) purpose: string;
  @ApiProperty() cadenceDays: number;
  @ApiProperty({ type: QuorumRuleResponse }) quorum: QuorumRuleResponse;
  @ApiProperty({ type: [MemberResponse] }) members: MemberResponse[];
}

export class ConflictResponse {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: "linked to the child's school (Oak Primary)" }) why: string;
}

export class AgendaChildResponse {
  @ApiProperty() givenName: string;
  @ApiProperty() familyName: string;
  @ApiProperty({ format: 'date' }) dateOfBirth: string;
}

export class RecommenderResponse {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role: string;
}

export class OfficerDecisionResponse {
  @ApiProperty({ enum: OFFICER_DECISIONS }) decision: string;
  @ApiProperty({ nullable: true, type: String, description: 'The officer’s own reasons; null when the recommendation’s reasons stand.' }) reasons: string | null;
  @ApiProperty({ format: 'date' }) decidedOn: string;
  @ApiProperty({ description: 'The officer with delegated authority (the case trail’s actor).' }) decidedBy: string;
  @ApiProperty() departsFromRecommendation: boolean;
}

/** The panel's recommendation (`decision`, `reasons`, `decidedOn`: the meeting day, `recordedBy`) and the officer's decision. */
export class AgendaDecisionResponse {
  @ApiProperty({ enum: PANEL_DECISIONS, description: 'The panel’s recommendation.' }) decision: string;
  @ApiProperty({ nullable: true, type: String }) reasons: string | null;
  @ApiProperty({ format: 'date' }) decidedOn: string;
  @ApiProperty() recordedBy: string;
  @ApiProperty({ nullable: true, type: RecommenderResponse, description: 'The member who recorded the recommendation.' }) recommendedBy: RecommenderResponse | null;
  @ApiProperty({ nullable: true, type: OfficerDecisionResponse, description: 'Null until an officer with delegated authority decides.' }) officerDecision: OfficerDecisionResponse | null;
}

export class AgendaItemResponse {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ type: AgendaChildResponse }) child: AgendaChildResponse;
  @ApiProperty() status: string;
  @ApiProperty({ format: 'date', description: 'The statutory due date: decisionToAssess, or issueDecision for issue panels.' }) dueOn: string;
  @ApiProperty({ enum: AGENDA_FLAGS, isArray: true }) flags: string[];
  @ApiProperty({ type: [ConflictResponse], description: 'Members to step out of this item.' }) conflicts: ConflictResponse[];
  @ApiProperty({ description: 'The panel has recorded its recommendation on this item.' }) recommended: boolean;
  @ApiPropertyOptional({ description: 'Staff only.' }) deadline?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Staff only.' }) requestReceivedOn?: string;
  @ApiPropertyOptional({ enum: ['proposed', 'added', 'carried_forward'], description: 'Staff only.' }) origin?: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Staff only.' }) addedReason?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Staff only.' }) childSchool?: string | null;
  @ApiPropertyOptional({ nullable: true, type: AgendaDecisionResponse, description: 'Staff only.' }) decision?: AgendaDecisionResponse | null;
}

export class RemovedItemResponse {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty() reference: string;
  @ApiProperty() reason: string;
  @ApiProperty() removedBy: string;
  @ApiProperty({ format: 'date-time' }) removedAt: string;
}

export class MeetingQuorumResponse {
  @ApiProperty() quorate: boolean;
  @ApiProperty({ nullable: true, type: String }) shortfall: string | null;
}

export class MeetingResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) panelId: string;
  @ApiProperty() panelName: string;
  @ApiProperty({ enum: PANEL_PURPOSES }) purpose: string;
  @ApiProperty({ format: 'date' }) meetingDate: string;
  @ApiProperty({ enum: ['scheduled', 'ad_hoc'] }) kind: string;
  @ApiProperty({ format: 'date', description: 'The next scheduled meeting, or this one + the cadence.' }) followingMeetingDate: string;
  @ApiProperty({ type: [MemberResponse] }) present: MemberResponse[];
  @ApiProperty({ type: MeetingQuorumResponse }) quorum: MeetingQuorumResponse;
  @ApiProperty({ type: [AgendaItemResponse], description: 'Ordered by due date, soonest first.' }) agenda: AgendaItemResponse[];
  @ApiProperty({ type: [RemovedItemResponse] }) removed: RemovedItemResponse[];
}

export class DecisionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ enum: PANEL_DECISIONS, description: 'The panel’s recommendation.' }) decision: string;
  @ApiProperty({ nullable: true, type: String }) reasons: string | null;
  @ApiProperty({ format: 'date', description: 'The meeting day.' }) decidedOn: string;
  @ApiProperty({ type: [String], format: 'uuid' }) votingMemberIds: string[];
  @ApiProperty({ type: [ConflictResponse] }) conflicts: ConflictResponse[];
  @ApiProperty({ description: 'Who recorded the recommendation.' }) recordedBy: string;
  @ApiProperty({ nullable: true, type: RecommenderResponse, description: 'Their seat on the panel.' }) recommendedBy: RecommenderResponse | null;
  @ApiProperty({ nullable: true, type: OfficerDecisionResponse, description: 'Null until an officer with delegated authority decides.' }) officerDecision: OfficerDecisionResponse | null;
  @ApiProperty({ description: 'Unchanged until the officer’s decision.' }) caseStatus: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) carriedForwardTo: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: 'For decline / not_issue: the letter data.' })
  letter: Record<string, unknown> | null;
}

export class DaysToDecisionResponse {
  @ApiProperty() count: number;
  @ApiProperty({ nullable: true, type: Number }) mean: number | null;
  @ApiProperty({ nullable: true, type: Number }) median: number | null;
  @ApiProperty({ nullable: true, type: Number }) max: number | null;
}

export class FiguresResponse {
  @ApiProperty() considered: number;
  @ApiProperty() agreed: number;
  @ApiProperty() declined: number;
  @ApiProperty() deferred: number;
  @ApiProperty({ type: DaysToDecisionResponse, description: 'Request (T0) to decision, deferrals excluded.' })
  daysFromRequestToDecision: DaysToDecisionResponse;
}

export class MeetingFiguresResponse extends FiguresResponse {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ format: 'date' }) meetingDate: string;
}

export class PanelFiguresResponse {
  @ApiProperty({ format: 'uuid' }) panelId: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: FiguresResponse }) period: FiguresResponse;
  @ApiProperty({ type: [MeetingFiguresResponse] }) meetings: MeetingFiguresResponse[];
}

export class LetterMediationResponse {
  @ApiProperty({ format: 'date', description: 'Notice + 2 months (reg 33).' }) adviserContactBy: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) certificateIssuedOn: string | null;
  @ApiProperty() requirement: string;
}

export class LetterAppealResponse {
  @ApiProperty() tribunal: string;
  @ApiProperty({ format: 'date', description: 'max(notice + 2 months, certificate + 1 month), next working day (HESC r.12).' }) lastAppealDate: string;
  @ApiProperty({ description: 'True until a mediation certificate exists.' }) mayMoveLater: boolean;
  @ApiProperty() rule: string;
}

export class DecisionLetterResponse {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ type: AgendaChildResponse }) child: AgendaChildResponse;
  @ApiProperty({ enum: ['decline', 'not_issue'] }) decision: string;
  @ApiProperty() decisionInWords: string;
  @ApiProperty({ format: 'date' }) decidedOn: string;
  @ApiProperty() reasons: string;
  @ApiProperty({ format: 'uuid' }) panelMeetingId: string;
  @ApiProperty() panelName: string;
  @ApiProperty() decisionRecordedBy: string;
  @ApiProperty({ format: 'date' }) noticeSentOn: string;
  @ApiProperty({ description: 'True when noticeSentOn was not given and the decision date was assumed.' }) noticeSentOnAssumed: boolean;
  @ApiProperty({ type: LetterMediationResponse }) mediation: LetterMediationResponse;
  @ApiProperty({ type: LetterAppealResponse }) appeal: LetterAppealResponse;
  @ApiProperty() disagreementResolution: string;
  @ApiProperty() informationAdviceAndSupport: string;
  @ApiProperty({ type: [String] }) law: string[];
}
