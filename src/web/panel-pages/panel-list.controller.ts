import { Body, Get, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RequirePermission } from '../../auth/permissions.js';
import { PanelMeetingsService } from '../../panels/panel-meetings.service.js';
import { fieldErrorOfRefusal, formErrors } from '../format/form-errors.js';
import { PageController } from '../page-controller.decorator.js';
import { requestContextOf } from '../page-locals.js';
import { meetingPath } from './meeting.page.js';
import { SCHEDULE_ANCHORS, ScheduleMeetingForm, toScheduleMeeting } from './panel-forms.js';
import { PanelListPage } from './panel-list.page.js';
import { submitForm } from './submit-form.js';

const VIEW = 'panels/panels.njk';

/** The service's refusals name the meeting date; on the form they read as its label does. */
const SCHEDULE_REFUSALS = { meetingDate: { field: 'meetingDate', message: 'Date of the meeting must be today or in the future' } };

@PageController()
export class PanelListController {
  constructor(
    private readonly page: PanelListPage,
    private readonly meetings: PanelMeetingsService,
  ) {}

  @Get('meetings')
  @RequirePermission('panels:read')
  @Render(VIEW)
  list(@Req() req: Request) {
    return this.page.view(requestContextOf(req));
  }

  /** Scheduling proposes the agenda: every case waiting at the panel's stage (PanelMeetingsService.schedule). */
  @Post('meetings')
  @RequirePermission('panels:manage')
  schedule(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = requestContextOf(req);
    return submitForm(res, {
      form: ScheduleMeetingForm,
      body,
      save: async (form) => meetingPath((await this.meetings.schedule(context.authority, form.panelId, toScheduleMeeting(form), context.actor)).id),
      refusalField: (error) => fieldErrorOfRefusal(error, SCHEDULE_REFUSALS, 'meetingDate'),
      refuse: async (status, problems) => {
        res.status(status).render(VIEW, await this.page.view(context, { values: body, errors: formErrors(problems, SCHEDULE_ANCHORS) }));
      },
    });
  }
}
