import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { CaseEvent } from '../../workflows/ehc-needs-assessment/index.js';
import { conflictsForItem, decisionRefusal, itemQuorum, type Conflict, type PanelDecision } from '../../workflows/panels/index.js';
import { CasesService } from '../cases/cases.service.js';
import { Clock } from '../common/clock.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { assertAtStage, liveItem } from './agenda.service.js';
import { carryForward, withdrawFromOtherAgendas } from './agenda-moves.js';
import { decisionLetter, type DecisionLetter } from './decision-letter.js';
import { PanelDecisionRecord } from './panel-decision.entity.js';
import type { RecordDecisionDto } from './panel-meetings.dto.js';
import { PanelMeetingsService, quorumRuleOf, type LoadedMeeting } from './panel-meetings.service.js';
import { STAFF } from './panel-viewer.js';
import { PanelDecisionAlreadyRecordedError, PanelNotQuorateError, PanelRequestRefusedError } from './panels.errors.js';
import { PanelsService } from './panels.service.js';

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
  caseStatus: string;
  /** For a deferral: the next meeting it was put on, or null until one is scheduled. */
  carriedForwardTo: string | null;
  /** For a refusal: the decision letter's content, assuming the notice goes out on the decision day. */
  letter: DecisionLetter | null;
}

/**
 * Records a panel's decision on one agenda item. The decision and its effect on the case are
 * one transaction: if the case's machine refuses the event, the decision is not recorded either.
 */
@Injectable()
export class PanelDecisionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CasesService,
    private readonly panels: PanelsService,
    private readonly meetings: PanelMeetingsService,
    private readonly clock: Clock,
  ) {}

  async record(authority: LocalAuthority, meetingId: string, body: RecordDecisionDto, actor: string): Promise<DecisionView> {
    try {
      return await this.db.transaction((tx) => this.recordIn(tx, authority, meetingId, body, actor));
    } catch (error) {
      // Two clerks recording the same item at once: the unique key keeps one; the other learns why.
      if ((error as { driverError?: { code?: string } }).driverError?.code === '23505') {
        throw new PanelDecisionAlreadyRecordedError(body.caseId, 'a decision');
      }
      throw error;
    }
  }

  private async recordIn(tx: EntityManager, authority: LocalAuthority, meetingId: string, body: RecordDecisionDto, actor: string): Promise<DecisionView> {
    const loaded = await this.meetings.load(tx, authority, meetingId, STAFF, true);
    const { meeting, panel } = loaded;
    const today = this.clock.today();
    if (meeting.meetingDate > today) {
      throw new PanelRequestRefusedError(`The meeting is on ${meeting.meetingDate}; its decisions are recorded on or after that day (today is ${today}).`);
    }
    const refusal = decisionRefusal(panel.purpose, body.decision, body.reasons);
    if (refusal) throw new PanelRequestRefusedError(refusal);
    const item = await liveItem(tx, authority, meetingId, body.caseId);
    await assertNotDecided(tx, meetingId, body.caseId);
    const found = await assertAtStage(tx, authority, body.caseId, panel.purpose);
    const conflicts = await this.quorateConflicts(tx, authority, loaded, item.childSchool, body.conflicts ?? []);
    const decided = { decision: body.decision, reasons: body.reasons?.trim() || null, decidedOn: meeting.meetingDate };
    let letter: DecisionLetter | null = null;
    if (decided.decision === 'decline' || decided.decision === 'not_issue') {
      const child = { givenName: found.childGivenName, familyName: found.childFamilyName, dateOfBirth: found.childDateOfBirth };
      const facts = { caseId: found.id, reference: found.reference, child, decision: decided.decision, decidedOn: meeting.meetingDate };
      letter = decisionLetter({ ...facts, reasons: decided.reasons!, panelMeetingId: meeting.id, panelName: panel.name, decisionRecordedBy: actor }, undefined, undefined);
    }
    const caseView = body.decision === 'defer' ? null : await this.cases.recordEventIn(tx, authority, found.id, caseEvent(loaded, decided, letter), actor);
    const record = await tx.getRepository(PanelDecisionRecord).save(
      tx.getRepository(PanelDecisionRecord).create({
        localAuthorityId: authority.id,
        meetingId,
        caseId: found.id,
        agendaItemId: item.id,
        purpose: panel.purpose,
        ...decided,
        votingMemberIds: conflicts.voting,
        conflicts: conflicts.conflicts,
        caseEventSeq: caseView?.version ?? null,
        recordedBy: actor,
      }),
    );
    const carriedForwardTo = caseView ? null : await carryForward(tx, loaded, found.id, decided.reasons!, actor);
    if (caseView) await withdrawFromOtherAgendas(tx, loaded, found.id, body.decision, actor);
    return {
      id: record.id,
      meetingId,
      caseId: found.id,
      reference: found.reference,
      ...decided,
      votingMemberIds: record.votingMemberIds,
      conflicts: record.conflicts,
      recordedBy: actor,
      caseStatus: caseView?.status ?? found.status,
      carriedForwardTo,
      letter,
    };
  }

  /** Conflicts on the item and who may vote; refuses when the item is not quorate without them. */
  private async quorateConflicts(tx: EntityManager, authority: LocalAuthority, loaded: LoadedMeeting, childSchool: string | null, declared: string[]) {
    const members = await this.panels.members(tx, authority, loaded.panel.id);
    const unknown = declared.filter((id) => !members.some((m) => m.id === id));
    if (unknown.length > 0) throw new PanelRequestRefusedError(`conflicts names people who are not members of ${loaded.panel.name}: ${unknown.join(', ')}.`);
    const present = await this.meetings.presentMembers(tx, authority, loaded.meeting, loaded.panel);
    const conflicts = conflictsForItem(members, childSchool, declared);
    const quorum = itemQuorum(quorumRuleOf(loaded.panel), present, conflicts);
    if (!quorum.quorate) throw new PanelNotQuorateError(quorum.shortfall!, quorum.votingMemberIds);
    return { voting: quorum.votingMemberIds, conflicts };
  }
}

async function assertNotDecided(tx: EntityManager, meetingId: string, caseId: string): Promise<void> {
  const existing = await tx.getRepository(PanelDecisionRecord).findOneBy({ meetingId, caseId });
  if (existing) {
    const [{ reference }] = await tx.query('SELECT reference FROM ehc_case WHERE id = $1', [caseId]);
    throw new PanelDecisionAlreadyRecordedError(reference, existing.decision);
  }
}

/**
 * The case event the decision applies, dated the meeting day and naming the meeting (domain 6.2).
 * A refusal also carries the appeal rights computed for the letter, so the trail shows them.
 */
function caseEvent({ meeting, panel }: LoadedMeeting, decided: { decision: PanelDecision; reasons: string | null }, letter: DecisionLetter | null): CaseEvent {
  const common = { occurredOn: meeting.meetingDate, panelMeetingId: meeting.id, ...(decided.reasons ? { reasons: decided.reasons } : {}) };
  const rights = letter && {
    noticeOfRights: {
      assumedNoticeSentOn: letter.noticeSentOn,
      mediationAdviserContactBy: letter.mediation.adviserContactBy,
      lastAppealDate: letter.appeal.lastAppealDate,
      tribunal: letter.appeal.tribunal,
    },
  };
  const type = panel.purpose === 'decision_to_assess' ? 'DECISION_TO_ASSESS' : 'DECISION_TO_ISSUE';
  return { type, decision: decided.decision, ...common, ...rights } as CaseEvent;
}
