import { Injectable } from '@nestjs/common';
import { rolesGrant } from '../../auth/permissions.js';
import { Clock } from '../../common/clock.js';
import type { RequestContext } from '../../common/request-context.js';
import type { MeetingSummary } from '../../panels/meeting-list.js';
import { PanelMeetingsService } from '../../panels/panel-meetings.service.js';
import { panelViewerOf } from '../../panels/panel-viewer.js';
import { PanelsService } from '../../panels/panels.service.js';
import { daysFrom } from '../../reports/open-cases.js';
import { formatDate } from '../format/dates.js';
import type { FormErrors } from '../format/form-errors.js';
import { meetingPath } from './meeting.page.js';
import { PURPOSE_LABELS } from './panel-labels.js';

/**
 * Decisions are recorded on or after the meeting day, so the meetings of the last four weeks
 * stay listed for the clerk and the members to finish their record.
 */
const RECENT_DAYS = 28;

export interface ScheduleFormState {
  values: Record<string, unknown>;
  errors: FormErrors;
}

/** The panel meetings the signed-in account may see, upcoming and recent, and (for clerks) the form to schedule one. */
@Injectable()
export class PanelListPage {
  constructor(
    private readonly panels: PanelsService,
    private readonly meetings: PanelMeetingsService,
    private readonly clock: Clock,
  ) {}

  async view(context: RequestContext, refused?: ScheduleFormState) {
    const today = this.clock.today();
    const viewer = panelViewerOf(context.user);
    const [panels, meetings] = await Promise.all([
      this.panels.list(context.authority, viewer),
      this.meetings.list(context.authority, daysFrom(today, -RECENT_DAYS), viewer),
    ]);
    const values = refused?.values ?? {};
    return {
      upcoming: meetings.filter((m) => m.meetingDate >= today).map(row),
      recent: meetings.filter((m) => m.meetingDate < today).reverse().map(row),
      hasPanels: panels.length > 0,
      schedule: rolesGrant(context.user?.roles ?? [], 'panels:manage') && {
        panels: [{ value: '', text: 'Select a panel' }, ...panels.map((p) => ({ value: p.id, text: `${p.name} (${PURPOSE_LABELS[p.purpose]})`, selected: values.panelId === p.id }))],
        values,
      },
      errors: refused?.errors,
    };
  }
}

function row(meeting: MeetingSummary) {
  return {
    href: meetingPath(meeting.id),
    date: formatDate(meeting.meetingDate),
    panelName: meeting.panelName,
    purpose: PURPOSE_LABELS[meeting.purpose],
    adHoc: meeting.kind === 'ad_hoc',
    items: meeting.items,
    undecided: meeting.items - meeting.decided,
  };
}
