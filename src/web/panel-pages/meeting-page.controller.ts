import { Body, Get, Param, ParseUUIDPipe, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { loggedRoute, LogsChildData } from '../../access-log/logs-child-data.decorator.js';
import { RequirePermission } from '../../auth/permissions.js';
import { AgendaService } from '../../panels/agenda.service.js';
import { PanelDecisionsService } from '../../panels/panel-decisions.service.js';
import { PanelMeetingsService } from '../../panels/panel-meetings.service.js';
import { panelActorOf } from '../../panels/panel-viewer.js';
import { type FieldError, fieldErrorOfRefusal, formErrors } from '../format/form-errors.js';
import { PageController } from '../page-controller.decorator.js';
import { requestContextOf } from '../page-locals.js';
import type { RefusedForm } from './agenda-items.js';
import { MeetingPage, type MeetingNotice, meetingPath } from './meeting.page.js';
import { AttendanceForm, ChildSchoolForm, DecisionForm, OfficerDecisionForm, toOfficerDecision, toRecordDecision } from './panel-forms.js';
import { submitForm } from './submit-form.js';

const VIEW = 'panels/meeting.njk';

/** The meeting page and its forms; each form saves through the service its API route calls. */
@PageController('meetings')
export class MeetingPageController {
  constructor(
    private readonly page: MeetingPage,
    private readonly meetings: PanelMeetingsService,
    private readonly agenda: AgendaService,
    private readonly decisions: PanelDecisionsService,
  ) {}

  @Get(':id')
  @RequirePermission('panels:read')
  @LogsChildData('panel_meeting_read')
  @Render(VIEW)
  show(@Param('id', ParseUUIDPipe) id: string, @Query() query: Record<string, unknown>, @Req() req: Request) {
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    const notice: MeetingNotice = { decided: text(query.decided), officerDecided: text(query.officerDecided), attendance: text(query.attendance), school: text(query.school) };
    return this.page.view(requestContextOf(req), loggedRoute(req), id, notice);
  }

  @Post(':id/attendance')
  @RequirePermission('panels:manage')
  @LogsChildData('panel_meeting_read')
  attendance(@Param('id', ParseUUIDPipe) id: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { authority, actor } = requestContextOf(req);
    return submitForm(res, {
      form: AttendanceForm,
      body,
      save: async (form) => {
        await this.meetings.recordAttendance(authority, id, form.present, actor);
        return `${meetingPath(id)}?attendance=recorded#attendance`;
      },
      refusalField: (error) => ({ field: 'present', message: error.message }),
      refuse: this.refuse(req, res, id, { form: 'attendance', values: body }, { present: 'present' }),
    });
  }

  @Post(':id/decisions')
  @RequirePermission('panels:decide')
  @LogsChildData('panel_meeting_read')
  decide(@Param('id', ParseUUIDPipe) id: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = requestContextOf(req);
    const caseId = String(body.caseId ?? '');
    return submitForm(res, {
      form: DecisionForm,
      body,
      save: async (form) => {
        await this.decisions.record(context.authority, id, toRecordDecision(form), panelActorOf(context));
        return `${meetingPath(id)}?decided=${form.caseId}#item-${form.caseId}`;
      },
      refusalField: (error) => fieldErrorOfRefusal(error, { conflicts: { field: 'conflicts', message: 'Select only members of this panel' } }, 'decision'),
      refuse: this.refuse(req, res, id, { form: 'decision', caseId, values: body }, {
        decision: `decision-${caseId}`,
        reasons: `reasons-${caseId}`,
        conflicts: `conflicts-${caseId}`,
      }),
    });
  }

  @Post(':id/officer-decisions')
  @RequirePermission('decisions:make')
  @LogsChildData('panel_meeting_read')
  decideAsOfficer(@Param('id', ParseUUIDPipe) id: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = requestContextOf(req);
    const caseId = String(body.caseId ?? '');
    return submitForm(res, {
      form: OfficerDecisionForm,
      body,
      save: async (form) => {
        await this.decisions.decide(context.authority, id, form.caseId, toOfficerDecision(form), panelActorOf(context));
        return `${meetingPath(id)}?officerDecided=${form.caseId}#item-${form.caseId}`;
      },
      // A departure without reasons is about the reasons; every other refusal is about the decision itself.
      refusalField: (error) => ({ field: /departs from it/.test(error.message) ? 'reasons' : 'decision', message: error.message }),
      refuse: this.refuse(req, res, id, { form: 'officer', caseId, values: body }, {
        decision: `officerDecision-${caseId}`,
        reasons: `officerReasons-${caseId}`,
      }),
    });
  }

  @Post(':id/schools')
  @RequirePermission('panels:manage')
  @LogsChildData('panel_meeting_read')
  childSchool(@Param('id', ParseUUIDPipe) id: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { authority } = requestContextOf(req);
    const caseId = String(body.caseId ?? '');
    return submitForm(res, {
      form: ChildSchoolForm,
      body,
      save: async (form) => {
        await this.agenda.setChildSchool(authority, id, form.caseId, form.childSchool);
        return `${meetingPath(id)}?school=${form.caseId}#item-${form.caseId}`;
      },
      refusalField: (error) => ({ field: 'childSchool', message: error.message }),
      refuse: this.refuse(req, res, id, { form: 'school', caseId, values: body }, { childSchool: `childSchool-${caseId}` }),
    });
  }

  /** The meeting page again, with the refused form's answers and its problems beside its fields. */
  private refuse(req: Request, res: Response, id: string, form: Omit<RefusedForm, 'errors'>, anchors: Record<string, string>) {
    return async (status: number, problems: FieldError[]) => {
      const view = await this.page.view(requestContextOf(req), loggedRoute(req), id, {}, { ...form, errors: formErrors(problems, anchors) });
      res.status(status).render(VIEW, view);
    };
  }
}
