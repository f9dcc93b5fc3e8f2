import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { STAGE_DEADLINE, agendaFlags, conflictsForItem, followingMeetingDate, itemQuorum, type QuorumRule } from '../../workflows/panels/index.js';
import { Clock } from '../common/clock.js';
import { NotFoundError } from '../common/domain-error.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { laterScheduledDates, proposeAgenda, readAgenda, readRemovedItems, type AgendaRow } from './agenda-queries.js';
import { Attendance } from './attendance.entity.js';
import { meetingsSince, type MeetingSummary } from './meeting-list.js';
import type { PanelMember } from './panel-member.entity.js';
import { PanelMeeting } from './panel-meeting.entity.js';
import { STAFF, type PanelViewer } from './panel-viewer.js';
import { toMemberView, type AgendaItemView, type MeetingView, type MinimalAgendaItemView } from './panel-views.js';
import type { Panel } from './panel.entity.js';
import type { ScheduleMeetingDto } from './panel-meetings.dto.js';
import { PanelRequestRefusedError } from './panels.errors.js';
import { PanelsService, refuseDuplicate } from './panels.service.js';

export interface LoadedMeeting {
  meeting: PanelMeeting;
  panel: Panel;
}

export function quorumRuleOf(panel: Panel): QuorumRule {
  return { chairRequired: panel.quorumChairRequired, minSchoolMembers: panel.quorumMinSchoolMembers };
}

/** Meetings: scheduling (which proposes the agenda), attendance, and the meeting with its agenda. */
@Injectable()
export class PanelMeetingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly panels: PanelsService,
    private readonly clock: Clock,
  ) {}

  async schedule(authority: LocalAuthority, panelId: string, body: ScheduleMeetingDto, actor: string): Promise<MeetingView> {
    const today = this.clock.today();
    if (body.meetingDate < today) {
      throw new PanelRequestRefusedError(`meetingDate ${body.meetingDate} is in the past (today is ${today}); schedule meetings for today or later.`);
    }
    const id = await this.db.transaction(async (tx) => {
      const panel = await this.panels.panel(tx, authority, panelId);
      const meeting = tx.getRepository(PanelMeeting).create({
        localAuthorityId: authority.id,
        panelId,
        meetingDate: body.meetingDate,
        kind: body.adHoc ? 'ad_hoc' : 'scheduled',
        createdBy: actor,
      });
      const saved = await refuseDuplicate(tx.getRepository(PanelMeeting).save(meeting), `${panel.name} already meets on ${body.meetingDate}.`);
      await proposeAgenda(tx, saved, panel.purpose, today, actor);
      return saved.id;
    });
    return this.view(authority, id, STAFF);
  }

  async recordAttendance(authority: LocalAuthority, meetingId: string, present: string[], actor: string): Promise<MeetingView> {
    await this.db.transaction(async (tx) => {
      const { meeting, panel } = await this.load(tx, authority, meetingId, STAFF, true);
      if (meeting.meetingDate > this.clock.today()) {
        throw new PanelRequestRefusedError(`The meeting is on ${meeting.meetingDate}; attendance is recorded on or after that day.`);
      }
      const members = await this.panels.members(tx, authority, panel.id);
      const unknown = present.filter((id) => !members.some((m) => m.id === id));
      if (unknown.length > 0) throw new PanelRequestRefusedError(`Not members of ${panel.name}: ${unknown.join(', ')}. Add them to the panel first.`);
      await tx.getRepository(Attendance).delete({ meetingId });
      const rows = [...new Set(present)].map((memberId) => ({ meetingId, memberId, localAuthorityId: authority.id, recordedBy: actor }));
      if (rows.length > 0) await tx.getRepository(Attendance).insert(rows);
    });
    return this.view(authority, meetingId, STAFF);
  }

  /** Meetings from `since` on, soonest first, of the panels the viewer may see. */
  list(authority: LocalAuthority, since: string, viewer: PanelViewer): Promise<MeetingSummary[]> {
    return meetingsSince(this.db.manager, authority.id, since, viewer);
  }

  async view(authority: LocalAuthority, meetingId: string, viewer: PanelViewer): Promise<MeetingView> {
    const db = this.db.manager;
    const { meeting, panel } = await this.load(db, authority, meetingId, viewer);
    const present = await this.presentMembers(db, authority, meeting, panel);
    const following = followingMeetingDate(meeting.meetingDate, await laterScheduledDates(db, panel.id, meeting.meetingDate), panel.cadenceDays);
    const members = await this.panels.members(db, authority, panel.id);
    const rows = await readAgenda(db, authority.id, meeting.id, panel.purpose);
    const items = rows.map((row) => toAgendaItem(row, members, meeting.meetingDate, following, STAGE_DEADLINE[panel.purpose]));
    const quorum = itemQuorum(quorumRuleOf(panel), present, []);
    return {
      id: meeting.id,
      panelId: panel.id,
      panelName: panel.name,
      purpose: panel.purpose,
      meetingDate: meeting.meetingDate,
      kind: meeting.kind,
      followingMeetingDate: following,
      present: present.map(toMemberView),
      quorum: { quorate: quorum.quorate, shortfall: quorum.shortfall },
      agenda: viewer.kind === 'staff' ? items : items.map(minimal),
      removed: viewer.kind === 'staff' ? await this.removed(db, authority, meeting.id) : [],
    };
  }

  /** The meeting and its panel, scoped to the authority and the viewer; `lock` serialises writers. */
  async load(db: EntityManager, authority: LocalAuthority, meetingId: string, viewer: PanelViewer, lock = false): Promise<LoadedMeeting> {
    const meeting = await db.getRepository(PanelMeeting).findOne({
      where: { id: meetingId, localAuthorityId: authority.id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!meeting) throw new NotFoundError('panel meeting', meetingId);
    const panel = await this.panels.panel(db, authority, meeting.panelId, viewer).catch((error: unknown) => {
      // A panel member who does not sit on this panel learns nothing, not even that it exists.
      throw error instanceof NotFoundError ? new NotFoundError('panel meeting', meetingId) : error;
    });
    return { meeting, panel };
  }

  async presentMembers(db: EntityManager, authority: LocalAuthority, meeting: PanelMeeting, panel: Panel): Promise<PanelMember[]> {
    const attending = await db.getRepository(Attendance).findBy({ meetingId: meeting.id, localAuthorityId: authority.id });
    const members = await this.panels.members(db, authority, panel.id);
    return members.filter((m) => attending.some((a) => a.memberId === m.id));
  }

  private async removed(db: EntityManager, authority: LocalAuthority, meetingId: string) {
    const rows = await readRemovedItems(db, authority.id, meetingId);
    return rows.map((r) => ({ ...r, removedAt: new Date(r.removedAt).toISOString() }));
  }
}

function toAgendaItem(row: AgendaRow, members: PanelMember[], meetingDate: string, following: string, deadline: string): AgendaItemView {
  return {
    caseId: row.caseId,
    reference: row.reference,
    child: { givenName: row.givenName, familyName: row.familyName, dateOfBirth: row.dateOfBirth },
    status: row.status,
    dueOn: row.dueOn,
    flags: settled(row) ? [] : agendaFlags(row.dueOn, meetingDate, following),
    conflicts: row.conflicts ?? conflictsForItem(members, row.childSchool, []),
    recommended: row.decision !== null,
    deadline,
    requestReceivedOn: row.requestReceivedOn,
    origin: row.origin,
    addedReason: row.addedReason,
    childSchool: row.childSchool,
    decision: row.decision ? { decision: row.decision, reasons: row.reasons, decidedOn: row.decidedOn!, recordedBy: row.recordedBy!, ...officerOf(row) } : null,
  };
}

/** Deferred, or decided by the officer: the flags about deciding in time no longer apply to this meeting. */
const settled = (row: AgendaRow): boolean => row.decision === 'defer' || row.officerDecision !== null;

function officerOf(row: AgendaRow) {
  return {
    recommendedBy: row.recommenderId ? { memberId: row.recommenderId, name: row.recommenderName!, role: row.recommenderRole! } : null,
    officerDecision: row.officerDecision
      ? { decision: row.officerDecision, reasons: row.officerReasons, decidedOn: row.officerDecidedOn!, decidedBy: row.decidedBy!, departsFromRecommendation: row.officerDecision !== row.decision }
      : null,
  };
}

function minimal(item: AgendaItemView): MinimalAgendaItemView {
  const { caseId, reference, child, status, dueOn, flags, conflicts, recommended } = item;
  return { caseId, reference, child, status, dueOn, flags, conflicts, recommended };
}
