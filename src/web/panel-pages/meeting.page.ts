import { Injectable } from '@nestjs/common';
import { AccessLogService } from '../../access-log/access-log.service.js';
import { rolesGrant } from '../../auth/permissions.js';
import { Clock } from '../../common/clock.js';
import type { RequestContext } from '../../common/request-context.js';
import { PanelMeetingsService } from '../../panels/panel-meetings.service.js';
import { panelViewerOf, STAFF } from '../../panels/panel-viewer.js';
import type { MeetingView } from '../../panels/panel-views.js';
import { PanelsService } from '../../panels/panels.service.js';
import { formatDate, formatDateTime } from '../format/dates.js';
import { agendaItem, type MeetingAbilities, memberText, type RefusedForm } from './agenda-items.js';
import { PURPOSE_LABELS } from './panel-labels.js';

/** What the page was redirected with after a form saved something (post, redirect, get). */
export interface MeetingNotice {
  decided?: string;
  officerDecided?: string;
  attendance?: string;
  school?: string;
}

export const meetingPath = (id: string): string => `/meetings/${id}`;

/**
 * The panel meeting page: the agenda, soonest statutory due date first, with the flags of the
 * cases that cannot wait for the next meeting; attendance and quorum; conflicts; and per item
 * the decision form. What it shows of each case is what GET /api/panel-meetings/:id shows the
 * same account: a panel member sees the minimal agenda of the panels they sit on. Like that
 * route, it shows each child's name and date of birth, so every showing is in the access log.
 */
@Injectable()
export class MeetingPage {
  constructor(
    private readonly meetings: PanelMeetingsService,
    private readonly panels: PanelsService,
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
  ) {}

  /** `route`: the page route that shows it (the meeting, or the meeting again after a refused form); each agenda child's read is logged under it. */
  async view(context: RequestContext, route: string, meetingId: string, notice: MeetingNotice = {}, refused?: RefusedForm) {
    const meeting = await this.meetings.view(context.authority, meetingId, panelViewerOf(context.user));
    await this.accessLog.record(context, 'panel_meeting_read', route, meeting.agenda.map((item) => item.caseId));
    const today = this.clock.today();
    const started = meeting.meetingDate <= today;
    const roles = context.user?.roles ?? [];
    const may: MeetingAbilities = {
      clerk: rolesGrant(roles, 'panels:manage') && started,
      manageAgenda: rolesGrant(roles, 'panels:manage'),
      recommend: rolesGrant(roles, 'panels:decide') && started,
      seatPresent: meeting.present.find((member) => member.userId !== null && member.userId === context.user?.id),
      decideAsOfficer: rolesGrant(roles, 'decisions:make'),
      openCases: rolesGrant(roles, 'cases:read'),
    };
    const agenda = meeting.agenda.map((item) => agendaItem(item, meeting, may, today, refused));
    return {
      meeting: {
        panelName: meeting.panelName,
        purpose: PURPOSE_LABELS[meeting.purpose],
        meetingDate: formatDate(meeting.meetingDate),
        kind: meeting.kind,
        followingMeetingDate: formatDate(meeting.followingMeetingDate),
        quorum: meeting.quorum,
      },
      path: meetingPath(meeting.id),
      started,
      present: meeting.present.map(memberText),
      attendance: may.clerk ? await this.attendance(context, meeting, refused) : undefined,
      agenda,
      removed: meeting.removed.map((item) => ({ ...item, removedAt: formatDateTime(item.removedAt) })),
      notices: notices(notice, agenda),
      errors: refused?.errors,
    };
  }

  /** Every member of the panel, ticked when present (or as the refused form had them). */
  private async attendance(context: RequestContext, meeting: MeetingView, refused?: RefusedForm) {
    const panel = (await this.panels.list(context.authority, STAFF)).find((p) => p.id === meeting.panelId);
    const present = refused?.form === 'attendance' ? [refused.values.present ?? []].flat() : meeting.present.map((m) => m.id);
    return {
      items: (panel?.members ?? []).map((member) => ({ value: member.id, text: memberText(member), checked: present.includes(member.id) })),
      error: refused?.form === 'attendance' ? refused.errors.fields.present : undefined,
    };
  }
}

type NoticedItem = { caseId: string; reference: string; staff?: { decision: { officer: unknown } | null } };

function notices(notice: MeetingNotice, agenda: NoticedItem[]): string[] {
  const reference = (caseId: string | undefined) => agenda.find((item) => item.caseId === caseId)?.reference;
  // A sitting member with delegated authority records the decision with the recommendation.
  const decidedWithIt = agenda.some((item) => item.caseId === notice.decided && item.staff?.decision?.officer);
  const decided = reference(notice.decided);
  const officerDecided = reference(notice.officerDecided);
  const school = reference(notice.school);
  return [
    ...(notice.attendance === 'recorded' ? ['Attendance recorded.'] : []),
    ...(decided ? [`The panel’s recommendation on ${decided} is recorded${decidedWithIt ? ', and your decision with it' : ''}.`] : []),
    ...(officerDecided ? [`The decision on ${officerDecided} is recorded.`] : []),
    ...(school ? [`The child’s school on ${school} is recorded; members linked to it step out of the item.`] : []),
  ];
}
