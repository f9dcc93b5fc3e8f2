import { Body, Get, Param, ParseUUIDPipe, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { loggedRoute, LogsChildData } from '../../access-log/logs-child-data.decorator.js';
import { RequirePermission } from '../../auth/permissions.js';
import { DomainError, NotFoundError, ValidationFailedError } from '../../common/domain-error.js';
import { PlanSen2RefusedError } from '../../plans/plan-sen2.errors.js';
import { PlanSen2Service } from '../../plans/plan-sen2.service.js';
import { type FieldError, formErrors, readForm } from '../format/form-errors.js';
import { PageController } from '../page-controller.decorator.js';
import { requestContextOf } from '../page-locals.js';
import { LeavingForm, PlacementForm, PlanSen2DetailForm } from './plan-sen2.forms.js';
import { type FailedSen2Form, PlanSen2Page } from './plan-sen2-page.service.js';

/** An id that is not a plan's (or a placement's) shows the same "Page not found" as another authority's. */
const uuid = (what: string) => new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError(what, 'given') });

const STALE = 'Someone else changed these items since you opened this page, so nothing was saved. Check them as they are now below, then make your change again.';
const yesNo = (value: string | undefined): boolean | null => (value === 'yes' ? true : value === 'no' ? false : null);
const blankIsNull = (value: string | undefined): string | null => (value === undefined || value.trim() === '' ? null : value);

/** The service's refusals, each on the box it concerns; a conflict on the whole form. */
function problemsOf(error: unknown, form: FailedSen2Form['form']): { status: number; problems: FieldError[] } | undefined {
  if (error instanceof PlanSen2RefusedError) return { status: 400, problems: Object.entries(error.fields).map(([field, message]) => ({ field, message })) };
  if (!(error instanceof DomainError)) return undefined;
  if (error.code === 'PLAN_SEN2_VERSION_CONFLICT') return { status: 409, problems: [{ field: 'form', message: STALE }] };
  if (error.code === 'PLACEMENT_ALREADY_OPEN') return { status: 409, problems: [{ field: 'placementRank', message: 'The child already has an open setting of this rank: record the day they left it first' }] };
  if (error.code === 'PLACEMENT_ALREADY_LEFT') return { status: 409, problems: [{ field: form === 'placement' ? 'form' : 'leavingDate', message: error.message }] };
  return undefined;
}

/** The plan's SEN2 items at /plan/:id/sen2: /plans/:id/sen2 is the API's route. */
@PageController('plan')
export class PlanSen2PageController {
  constructor(
    private readonly page: PlanSen2Page,
    private readonly sen2: PlanSen2Service,
  ) {}

  @Get(':id/sen2')
  @RequirePermission('cases:read')
  @LogsChildData('plan_read')
  @Render('plan-sen2.njk')
  async show(@Param('id', uuid('plan')) id: string, @Query('saved') saved: unknown, @Req() req: Request) {
    return { ...(await this.page.view(requestContextOf(req), loggedRoute(req), id)), banner: saved === '1' ? 'Saved.' : undefined };
  }

  @Post(':id/sen2/detail')
  @RequirePermission('cases:write')
  @LogsChildData('plan_read')
  async saveDetail(@Param('id', uuid('plan')) id: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const version = Number(body.version);
    if (!Number.isInteger(version)) throw new ValidationFailedError('The form does not name the version of the plan’s SEN2 items it was shown with.');
    const { value, errors } = readForm(PlanSen2DetailForm, body);
    await this.change(req, res, id, 'detail', body, errors, () =>
      this.sen2.updateDetail(requestContextOf(req), id, {
        planRes: blankIsNull(value.planRes),
        planWbp: blankIsNull(value.planWbp),
        personalBudget: yesNo(value.personalBudget),
        organisedArrangements: yesNo(value.organisedArrangements),
        directPayments: blankIsNull(value.directPayments),
        primaryNeed: blankIsNull(value.primaryNeed),
        secondaryNeed: blankIsNull(value.secondaryNeed),
      }, version),
    );
  }

  @Post(':id/sen2/placements')
  @RequirePermission('cases:write')
  @LogsChildData('plan_read')
  async addPlacement(@Param('id', uuid('plan')) id: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { value, errors } = readForm(PlacementForm, body);
    await this.change(req, res, id, 'placement', body, errors, () =>
      this.sen2.addPlacement(requestContextOf(req), id, {
        urn: value.urn,
        ukprn: value.ukprn,
        senSetting: value.senSetting,
        senSettingOther: value.senSettingOther,
        placementRank: Number(value.placementRank),
        entryDate: value.entryDate,
        senUnit: value.senUnit === 'yes',
        resourcedProvision: value.resourcedProvision === 'yes',
        residential: value.residential,
        workBased: value.workBased,
      }),
    );
  }

  @Post(':id/sen2/placements/:placementId/leaving')
  @RequirePermission('cases:write')
  @LogsChildData('plan_read')
  async recordLeaving(
    @Param('id', uuid('plan')) id: string,
    @Param('placementId', uuid('placement')) placementId: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { value, errors } = readForm(LeavingForm, body);
    await this.change(req, res, id, `leaving-${placementId}`, body, errors, () => this.sen2.recordLeaving(requestContextOf(req), id, placementId, value.leavingDate));
  }

  /** Makes one change, or shows the page again with the form as typed and what is wrong with it: nothing is stored then. */
  private async change(req: Request, res: Response, id: string, form: FailedSen2Form['form'], body: Record<string, unknown>, errors: FieldError[], make: () => Promise<unknown>): Promise<void> {
    const refuse = async (status: number, problems: FieldError[]) => {
      const anchors = { form: `form-${form}`, entryDate: 'entryDate-day', leavingDate: `leavingDate-${form}-day` };
      const failed: FailedSen2Form = { form, values: body, errors: formErrors(problems, anchors) };
      res.status(status).render('plan-sen2.njk', await this.page.view(requestContextOf(req), loggedRoute(req), id, failed));
    };
    if (errors.length > 0) return refuse(400, errors);
    try {
      await make();
    } catch (error) {
      const refused = problemsOf(error, form);
      if (!refused) throw error;
      return refuse(refused.status, refused.problems);
    }
    res.redirect(303, `/plan/${id}/sen2?saved=1`);
  }
}
