import { Body, Get, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { loggedRoute, LogsChildData } from '../../access-log/logs-child-data.decorator.js';
import { RequirePermission } from '../../auth/permissions.js';
import { ValidationFailedError } from '../../common/domain-error.js';
import type { DesignatedOfficerCode } from '../../../workflows/sen2/index.js';
import { sendReturnHeaders } from '../../returns/sen2-return-headers.js';
import { Sen2ReturnService } from '../../returns/sen2-return.service.js';
import { Sen2SettingsService } from '../../returns/sen2-settings.service.js';
import { formErrors, readForm } from '../format/form-errors.js';
import { PageController } from '../page-controller.decorator.js';
import { requestContextOf } from '../page-locals.js';
import { Sen2SettingsForm } from './sen2-settings.form.js';
import { SEN2_RETURN_PAGE, Sen2ReturnPage } from './sen2-return-page.service.js';

const officer = (value: string | undefined) => (value ?? null) as DesignatedOfficerCode | null;

/** The SEN2 return page at /return/sen2, for the SEN team before they submit: /returns/sen2 is the API's route. */
@PageController('return/sen2')
export class Sen2ReturnPageController {
  constructor(
    private readonly page: Sen2ReturnPage,
    private readonly returns: Sen2ReturnService,
    private readonly settings: Sen2SettingsService,
  ) {}

  /** A year that cannot be returned is the page with the years that can, not an error page: the SEN team picks another. */
  @Get()
  @RequirePermission('returns:sen2')
  @LogsChildData('sen2_validation')
  async show(@Query('year') year: unknown, @Query('saved') saved: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const view = await this.page.view(requestContextOf(req), loggedRoute(req), this.page.yearAsked(year));
    res.status('yearError' in view ? 400 : 200).render('returns/sen2.njk', { ...view, banner: saved === '1' ? 'The return settings have been saved.' : undefined });
  }

  /** The return as the API produces it (the API takes a bearer token, which a page session has not): numbered, recorded and logged alike. */
  @Get('download')
  @RequirePermission('returns:sen2')
  @LogsChildData('sen2_return')
  async download(@Query('year') year: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const asked = this.page.yearAsked(year);
    if (asked === undefined || !this.page.years().includes(asked)) throw new ValidationFailedError(this.page.noReturnFor(asked));
    await this.returns.produce(requestContextOf(req), loggedRoute(req), asked, res, (produced) => sendReturnHeaders(res, produced));
    res.end();
  }

  /** Saves the header settings; a refused value shows the page again with the value as typed, and nothing is stored. */
  @Post('settings')
  @RequirePermission('returns:sen2')
  @LogsChildData('sen2_validation')
  async saveSettings(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = requestContextOf(req);
    const year = this.page.yearAsked(body.year);
    const { value, errors } = readForm(Sen2SettingsForm, body);
    if (errors.length > 0) {
      const failed = { values: body, errors: formErrors(errors) };
      return res.status(400).render('returns/sen2.njk', await this.page.view(context, loggedRoute(req), year, failed));
    }
    // Every item is on the form: one left empty is not set.
    await this.settings.update(context, { laNumber: value.laNumber ?? null, dmo: officer(value.dmo), dco: officer(value.dco), dsco: officer(value.dsco) });
    res.redirect(303, `${SEN2_RETURN_PAGE}?${new URLSearchParams({ ...(year === undefined ? {} : { year: String(year) }), saved: '1' })}`);
  }
}
