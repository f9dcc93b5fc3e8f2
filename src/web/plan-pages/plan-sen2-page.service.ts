import { Injectable } from '@nestjs/common';
import {
  DIRECT_PAYMENT_CODES, DIRECT_PAYMENT_LABELS, RESIDENTIAL_CODES, RESIDENTIAL_LABELS, SEN_SETTING_CODES, SEN_SETTING_LABELS, SEN_TYPE_CODES, SEN_TYPE_LABELS,
  WORK_BASED_LEARNING_CODES, WORK_BASED_LEARNING_LABELS,
} from '../../../workflows/sen2/index.js';
import { AccessLogService } from '../../access-log/access-log.service.js';
import { rolesGrant } from '../../auth/permissions.js';
import type { RequestContext } from '../../common/request-context.js';
import { PlanSen2Service, type PlacementView, type PlanSen2DetailView } from '../../plans/plan-sen2.service.js';
import { PlansService } from '../../plans/plans.service.js';
import { planPath } from '../format/case-summary.js';
import { formatDate } from '../format/dates.js';
import type { FormErrors } from '../format/form-errors.js';
import { codeOptions, codeOrNone } from '../format/sen2-codes.js';

/** A form shown again after a refusal: which form, what was typed and what is wrong with it. */
export interface FailedSen2Form {
  form: 'detail' | 'placement' | `leaving-${string}`;
  values: Record<string, unknown>;
  errors: FormErrors;
}

const labelled = (labels: Record<string, string>, code: string | null, none = 'Not recorded') => codeOrNone(labels, code, none);
const yesNo = (value: boolean | null) => (value === null ? 'Not recorded' : value ? 'Yes' : 'No');
const yesNoValue = (value: boolean | null) => (value === null ? '' : value ? 'yes' : 'no');

/**
 * The plan's SEN2 items as their page shows them: the named plan's items and SEN needs, and the
 * settings attended with their dates. The page names the child, so each showing is a read of the
 * plan's data in the access log.
 */
@Injectable()
export class PlanSen2Page {
  constructor(
    private readonly plans: PlansService,
    private readonly sen2: PlanSen2Service,
    private readonly accessLog: AccessLogService,
  ) {}

  async view(context: RequestContext, route: string, planId: string, failed?: FailedSen2Form) {
    const plan = await this.plans.get(context.authority, planId);
    const { detail, placements } = await this.sen2.get(context.authority, planId);
    await this.accessLog.record(context, 'plan_read', route, [planId]);
    return {
      id: plan.id,
      reference: plan.reference,
      childName: `${plan.child.givenName} ${plan.child.familyName}`,
      planHref: planPath(plan.id),
      version: detail.version,
      items: detailRows(detail),
      placements: placements.map(placementRow),
      mayChange: rolesGrant(context.user?.roles ?? [], 'cases:write'),
      detailValues: failed?.form === 'detail' ? failed.values : detailValues(detail),
      placementValues: failed?.form === 'placement' ? failed.values : { placementRank: '1' },
      leavingValues: failed?.form.startsWith('leaving-') ? failed.values : {},
      failedForm: failed?.form,
      errors: failed?.errors,
      options: {
        planRes: codeOptions(RESIDENTIAL_CODES, RESIDENTIAL_LABELS, 'Not residential, or not known'),
        planWbp: codeOptions(WORK_BASED_LEARNING_CODES, WORK_BASED_LEARNING_LABELS, 'None, or not known'),
        directPayments: codeOptions(DIRECT_PAYMENT_CODES, DIRECT_PAYMENT_LABELS, 'None, or not known'),
        needs: codeOptions(SEN_TYPE_CODES, SEN_TYPE_LABELS, 'Not yet recorded'),
        senSetting: codeOptions(SEN_SETTING_CODES, SEN_SETTING_LABELS, 'Named by its URN or UKPRN instead'),
      },
    };
  }
}

function detailRows(detail: PlanSen2DetailView) {
  return [
    { key: 'Primary need', value: labelled(SEN_TYPE_LABELS, detail.primaryNeed) },
    { key: 'Secondary need', value: labelled(SEN_TYPE_LABELS, detail.secondaryNeed, 'None recorded') },
    { key: 'Residential setting', value: labelled(RESIDENTIAL_LABELS, detail.planRes) },
    { key: 'Work-based learning', value: labelled(WORK_BASED_LEARNING_LABELS, detail.planWbp) },
    { key: 'Personal budget taken up', value: yesNo(detail.personalBudget) },
    { key: 'By organised arrangements', value: yesNo(detail.organisedArrangements) },
    { key: 'Direct payments', value: labelled(DIRECT_PAYMENT_LABELS, detail.directPayments) },
  ];
}

function detailValues(detail: PlanSen2DetailView): Record<string, string> {
  return {
    planRes: detail.planRes ?? '',
    planWbp: detail.planWbp ?? '',
    personalBudget: yesNoValue(detail.personalBudget),
    organisedArrangements: yesNoValue(detail.organisedArrangements),
    directPayments: detail.directPayments ?? '',
    primaryNeed: detail.primaryNeed ?? '',
    secondaryNeed: detail.secondaryNeed ?? '',
  };
}

function placementRow(placement: PlacementView) {
  const setting = placement.urn ? `URN ${placement.urn}` : placement.ukprn ? `UKPRN ${placement.ukprn}` : labelled(SEN_SETTING_LABELS, placement.senSetting);
  const indicators = [placement.senUnit && 'SEN unit', placement.resourcedProvision && 'resourced provision'].filter(Boolean).join(', ');
  return {
    id: placement.id,
    setting: placement.senSettingOther ? `${setting}: ${placement.senSettingOther}` : setting,
    rank: placement.placementRank === 1 ? 'Main' : 'Second',
    entryDate: formatDate(placement.entryDate),
    leavingDate: placement.leavingDate ? formatDate(placement.leavingDate) : undefined,
    indicators: indicators || 'None',
  };
}
