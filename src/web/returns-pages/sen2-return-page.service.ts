import { Injectable } from '@nestjs/common';
import { DESIGNATED_OFFICER_CODES, DESIGNATED_OFFICER_LABELS, returnableYears, SEN2_CENSUS_DATES } from '../../../workflows/sen2/index.js';
import { Clock } from '../../common/clock.js';
import type { RequestContext } from '../../common/request-context.js';
import { Sen2ReturnService, type Sen2ValidationProblem } from '../../returns/sen2-return.service.js';
import { Sen2SettingsService, type Sen2Settings } from '../../returns/sen2-settings.service.js';
import { casePath, childPath, planPath } from '../format/case-summary.js';
import { formatDate } from '../format/dates.js';
import type { FormErrors } from '../format/form-errors.js';

/** The return page's address; `/returns/sen2` is the API's. */
export const SEN2_RETURN_PAGE = '/return/sen2';

/** A settings form shown again after a refusal: what was typed, and what is wrong with it. */
export interface FailedSettingsForm {
  values: Record<string, unknown>;
  errors: FormErrors;
}

/** The items the plan's SEN2 page records (src/web/plan-pages): a problem with one of them links there rather than to the plan. */
const PLAN_SEN2_ITEMS = ['Requests/Assessment/NamedPlan/PlanDetail', 'Requests/Assessment/NamedPlan/PB', 'Requests/ActivePlans/PlacementDetail', 'Requests/ActivePlans/SENneed'];

/** Where to go to fix a problem: the settings below for the header, the child's page for the child record, else the case or plan. */
function fixLink(problem: Sen2ValidationProblem): { text: string; href: string } {
  const { child, record } = problem;
  if (child === null) return { text: 'The return settings', href: '#settings' };
  if (record === null) return { text: 'The child’s details', href: childPath(child.id) };
  if (record.kind === 'case') return { text: record.reference, href: casePath(record.id) };
  if (PLAN_SEN2_ITEMS.some((item) => problem.item.startsWith(item))) return { text: `${record.reference} SEN2 items`, href: `${planPath(record.id)}/sen2` };
  return { text: record.reference, href: planPath(record.id) };
}

function problemRow(problem: Sen2ValidationProblem) {
  const child = problem.child && { name: problem.child.name, href: childPath(problem.child.id), dateOfBirth: formatDate(problem.child.dateOfBirth) };
  return { child, fix: fixLink(problem), item: problem.item, message: problem.message };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const officerOptions = DESIGNATED_OFFICER_CODES.map((code) => ({ value: code, text: DESIGNATED_OFFICER_LABELS[code] }));

const settingsValues = (settings: Sen2Settings): Record<string, string> => ({
  laNumber: settings.laNumber ?? '',
  dmo: settings.dmo ?? '',
  dco: settings.dco ?? '',
  dsco: settings.dsco ?? '',
});

/**
 * The SEN2 return page (issue 15 item 3): the validation of a year's return, problem by
 * problem with the page to fix each on, and the header settings. The children it names are
 * written to the access log by Sen2ReturnService.validation.
 */
@Injectable()
export class Sen2ReturnPage {
  constructor(
    private readonly returns: Sen2ReturnService,
    private readonly settings: Sen2SettingsService,
    private readonly clock: Clock,
  ) {}

  /** The years that can be returned today, latest first. */
  years(): number[] {
    return returnableYears(this.clock.today()).sort((a, b) => b - a);
  }

  /** `?year=` as asked, or the latest returnable year when none is asked. */
  yearAsked(raw: unknown): number | undefined {
    if (raw === undefined || raw === '') return this.years()[0];
    return typeof raw === 'string' && /^[0-9]{4}$/.test(raw) ? Number(raw) : undefined;
  }

  /** Why `year` (undefined: not a year at all) has no page: the years that can be returned today, named. */
  noReturnFor(year: number | undefined): string {
    return `There is no SEN2 return for ${year ?? 'that year'} yet: the years that can be returned are ${this.years().join(', ')}`;
  }

  async view(context: RequestContext, route: string, year: number | undefined, failed?: FailedSettingsForm) {
    const years = this.years();
    const settings = await this.settings.read(context.authority);
    const page = {
      year,
      yearOptions: years.map((y) => ({ value: String(y), text: `${y} (census day ${formatDate(SEN2_CENSUS_DATES[y])})`, selected: y === year })),
      values: failed?.values ?? settingsValues(settings),
      errors: failed?.errors,
      officerOptions,
    };
    if (year === undefined || !years.includes(year)) return { ...page, yearError: { text: this.noReturnFor(year) } };
    return { ...page, ...(await this.validation(context, route, year)) };
  }

  private async validation(context: RequestContext, route: string, year: number) {
    const validation = await this.returns.validation(context, route, year);
    const rows = validation.problems.map((problem) => ({ severity: problem.severity, ...problemRow(problem) }));
    return {
      referenceDate: formatDate(validation.referenceDate),
      persons: validation.persons,
      errorCount: plural(validation.errors, 'error', 'errors'),
      warningCount: plural(validation.warnings, 'warning', 'warnings'),
      hasErrors: validation.errors > 0,
      errorRows: rows.filter((row) => row.severity === 'error'),
      warningRows: rows.filter((row) => row.severity === 'warning'),
      downloadHref: `${SEN2_RETURN_PAGE}/download?year=${year}`,
    };
  }
}
