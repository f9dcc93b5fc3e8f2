import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { IsoDate } from '../../workflows/ehc-needs-assessment/index.js';
import { conflictsForItem, decisionRefusal, itemQuorum, officerDecisionRefusal, recorderRefusal, type OfficerDecision } from '../../workflows/panels/index.js';
import { rolesGrant } from '../auth/permissions.js';
import { CasesService } from '../cases/cases.service.js';
import type { EhcCase } from '../cases/ehc-case.entity.js';
import { Clock } from '../common/clock.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { assertAtStage, liveItem } from './agenda.service.js';
import { carryForward, withdrawFromOtherAgendas } from './agenda-moves.js';
import { decisionLetter, type DecisionLetter } from './decision-letter.js';
import { officerCaseEvent, toDecisionView, type DecisionView } from './decision-views.js';
import { PanelDecisionRecord } from './panel-decision.entity.js';
import type { OfficerDecisionDto, RecordDecisionDto } from './panel-meetings.dto.js';
import { PanelMeetingsService, quorumRuleOf, type LoadedMeeting } from './panel-meetings.service.js';
import type { PanelMember } from './panel-member.entity.js';
import { viewerOfActor, type PanelActor } from './panel-viewer.js';
import { PanelDecisionAlreadyRecordedError, PanelNotQuorateError, PanelRecorderNotEntitledError, PanelRequestRefusedError } from './panels.errors.js';
import { PanelsService } from './panels.service.js';
import { sqlState, UNIQUE_VIOLATION } from '../database/postgres-errors.js';

export type { DecisionView } from './decision-views.js';

interface Decided {
  decision: OfficerDecision;
  /** The officer's own reasons, if any. */
  reasons: string | null;
  decidedOn: IsoDate;
}

/**
 * The panel recommends; an officer with delegated authority decides (domain 6.2). A recommendation
 * is recorded by a member who sat on the item; the decision, by an account holding
 * `decisions:make`, applies the case event in the same transaction as its record: if the case's
 * machine refuses the event, nothing is recorded. An officer who is also a sitting member records
 * both at once.
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

  record(authority: LocalAuthority, meetingId: string, body: RecordDecisionDto, by: PanelActor): Promise<DecisionView> {
    return this.once(body.caseId, () => this.db.transaction((tx) => this.recommendIn(tx, authority, meetingId, body, by)));
  }

  decide(authority: LocalAuthority, meetingId: string, caseId: string, body: OfficerDecisionDto, by: PanelActor): Promise<DecisionView> {
    return this.once(caseId, () => this.db.transaction((tx) => this.decideIn(tx, authority, meetingId, caseId, body, by)));
  }

  /** Two people recording the same item at once: the unique key keeps one; the other learns why. */
  private async once<T>(caseId: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (sqlState(error) === UNIQUE_VIOLATION) throw new PanelDecisionAlreadyRecordedError(caseId, 'a decision');
      throw error;
    }
  }

  private async recommendIn(tx: EntityManager, authority: LocalAuthority, meetingId: string, body: RecordDecisionDto, by: PanelActor): Promise<DecisionView> {
    const loaded = await this.meetings.load(tx, authority, meetingId, viewerOfActor(by), true);
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
    const sitting = await this.sittingRecorder(tx, authority, loaded, item.childSchool, body.conflicts ?? [], by);
    const record = await tx.getRepository(PanelDecisionRecord).save(
      tx.getRepository(PanelDecisionRecord).create({
        localAuthorityId: authority.id,
        meetingId,
        caseId: found.id,
        agendaItemId: item.id,
        purpose: panel.purpose,
        decision: body.decision,
        reasons: body.reasons?.trim() || null,
        decidedOn: meeting.meetingDate,
        votingMemberIds: sitting.voting,
        conflicts: sitting.conflicts,
        caseEventSeq: null,
        recordedBy: by.actor,
        recommendedByMemberId: sitting.seat.id,
      }),
    );
    return toDecisionView({ record, reference: found.reference, recommender: sitting.seat, ...(await this.afterRecommendation(tx, authority, loaded, record, found, by)) });
  }

  /**
   * A deferral goes to the next meeting. A sitting member with delegated authority (a chair who
   * holds it) adopts the recommendation as the decision, dated the meeting day; anyone else leaves it
   * for an officer.
   */
  private async afterRecommendation(tx: EntityManager, authority: LocalAuthority, loaded: LoadedMeeting, record: PanelDecisionRecord, found: EhcCase, by: PanelActor) {
    const unchanged = { caseStatus: found.status, carriedForwardTo: null, letter: null };
    if (record.decision === 'defer') return { ...unchanged, carriedForwardTo: await carryForward(tx, loaded, found.id, record.reasons!, by.actor) };
    if (!rolesGrant(by.roles, 'decisions:make')) return unchanged;
    const decided = { decision: record.decision, reasons: null, decidedOn: loaded.meeting.meetingDate };
    return { ...(await this.applyDecision(tx, authority, loaded, record, found, decided, by.actor)), carriedForwardTo: null };
  }

  private async decideIn(tx: EntityManager, authority: LocalAuthority, meetingId: string, caseId: string, body: OfficerDecisionDto, by: PanelActor): Promise<DecisionView> {
    const loaded = await this.meetings.load(tx, authority, meetingId, viewerOfActor(by), true);
    const { record, found } = await awaitingOfficer(tx, authority, caseId, loaded);
    const refusal = officerDecisionRefusal(loaded.panel.purpose, record.decision, body.decision, body.reasons);
    if (refusal) throw new PanelRequestRefusedError(refusal);
    const decided = { decision: body.decision, reasons: body.reasons?.trim() || null, decidedOn: this.decisionDate(loaded, body.decidedOn) };
    const { caseStatus, letter } = await this.applyDecision(tx, authority, loaded, record, found, decided, by.actor);
    const members = await this.panels.members(tx, authority, loaded.panel.id);
    const recommender = members.find((m) => m.id === record.recommendedByMemberId);
    return toDecisionView({ record, reference: found.reference, recommender, caseStatus, carriedForwardTo: null, letter });
  }

  /** The member recording the recommendation: on the panel, present, not conflicted; and the item must be quorate. */
  private async sittingRecorder(tx: EntityManager, authority: LocalAuthority, loaded: LoadedMeeting, childSchool: string | null, declared: string[], by: PanelActor) {
    const members = await this.panels.members(tx, authority, loaded.panel.id);
    const unknown = declared.filter((id) => !members.some((m) => m.id === id));
    if (unknown.length > 0) throw new PanelRequestRefusedError(`conflicts names people who are not members of ${loaded.panel.name}: ${unknown.join(', ')}.`);
    const present = await this.meetings.presentMembers(tx, authority, loaded.meeting, loaded.panel);
    const conflicts = conflictsForItem(members, childSchool, declared);
    const seat = by.userId ? members.find((m) => m.userId === by.userId) : undefined;
    const refusal = recorderRefusal({ seat, panelName: loaded.panel.name }, present.map((m) => m.id), conflicts);
    if (refusal) throw new PanelRecorderNotEntitledError(refusal);
    const quorum = itemQuorum(quorumRuleOf(loaded.panel), present, conflicts);
    if (!quorum.quorate) throw new PanelNotQuorateError(quorum.shortfall!, quorum.votingMemberIds);
    return { seat: seat as PanelMember, voting: quorum.votingMemberIds, conflicts };
  }

  private decisionDate({ meeting }: LoadedMeeting, decidedOn: IsoDate | undefined): IsoDate {
    const today = this.clock.today();
    const date = decidedOn ?? today;
    if (date < meeting.meetingDate || date > today) {
      throw new PanelRequestRefusedError(`decidedOn ${date} must fall between the meeting (${meeting.meetingDate}) and today (${today}).`);
    }
    return date;
  }

  /** The officer's decision: the case event, its record beside the recommendation, and the agendas it settles. */
  private async applyDecision(tx: EntityManager, authority: LocalAuthority, loaded: LoadedMeeting, record: PanelDecisionRecord, found: EhcCase, decided: Decided, actor: string) {
    const reasons = decided.reasons ?? record.reasons;
    const letter = refusalLetter(loaded, found, { ...decided, reasons }, actor);
    const caseView = await this.cases.recordEventIn(tx, authority, found.id, officerCaseEvent(loaded, record, decided.decision, reasons, decided.decidedOn), actor);
    Object.assign(record, {
      officerDecision: decided.decision,
      officerReasons: decided.reasons,
      officerDecidedOn: decided.decidedOn,
      decidedBy: actor,
      decidedAt: new Date(),
      caseEventSeq: caseView.version,
    });
    await tx.getRepository(PanelDecisionRecord).save(record);
    await withdrawFromOtherAgendas(tx, loaded, found.id, decided.decision, actor);
    return { caseStatus: caseView.status, letter };
  }
}

function refusalLetter({ meeting, panel }: LoadedMeeting, found: EhcCase, decided: { decision: OfficerDecision; reasons: string | null; decidedOn: IsoDate }, actor: string): DecisionLetter | null {
  if (decided.decision !== 'decline' && decided.decision !== 'not_issue') return null;
  const child = { givenName: found.childGivenName, familyName: found.childFamilyName, dateOfBirth: found.childDateOfBirth };
  const facts = { caseId: found.id, reference: found.reference, child, decision: decided.decision, decidedOn: decided.decidedOn, reasons: decided.reasons! };
  return decisionLetter({ ...facts, panelMeetingId: meeting.id, panelName: panel.name, decisionRecordedBy: actor }, undefined, undefined);
}

async function assertNotDecided(tx: EntityManager, meetingId: string, caseId: string): Promise<void> {
  const existing = await tx.getRepository(PanelDecisionRecord).findOneBy({ meetingId, caseId });
  if (existing) {
    const [{ reference }] = await tx.query('SELECT reference FROM ehc_case WHERE id = $1', [caseId]);
    throw new PanelDecisionAlreadyRecordedError(reference, existing.decision);
  }
}

/** The recommendation an officer decides on, and its case: recommended, not yet decided, and still waiting at the stage. */
async function awaitingOfficer(tx: EntityManager, authority: LocalAuthority, caseId: string, loaded: LoadedMeeting) {
  const record = await tx.getRepository(PanelDecisionRecord).findOneBy({ meetingId: loaded.meeting.id, caseId, localAuthorityId: authority.id });
  if (!record) {
    await liveItem(tx, authority, loaded.meeting.id, caseId);
    throw new PanelRequestRefusedError(`${loaded.panel.name} has not recorded its recommendation on this item yet; the decision follows it.`);
  }
  if (record.officerDecision) {
    const [{ reference }] = await tx.query('SELECT reference FROM ehc_case WHERE id = $1', [caseId]);
    throw new PanelDecisionAlreadyRecordedError(reference, record.officerDecision, 'officer');
  }
  return { record, found: await assertAtStage(tx, authority, caseId, loaded.panel.purpose) };
}
