import { Injectable } from '@nestjs/common';
import { AccessLogService } from '../../access-log/access-log.service.js';
import { CaseListService } from '../../cases/case-list.service.js';
import { Clock } from '../../common/clock.js';
import type { RequestContext } from '../../common/request-context.js';
import { CaseloadService } from '../../reports/caseload.service.js';
import { EarlyWarningService } from '../../reports/early-warning.service.js';
import { TimelinessService } from '../../reports/timeliness.service.js';
import { UsersService } from '../../users/users.service.js';
import { formatDate } from '../format/dates.js';
import { type Caseworkers, caseloadRows, earlyWarningRows, overdueRows, timelinessRow, timelinessRows } from './dashboard-sections.js';
import { CHART_SERIES, timelinessChart } from './timeliness-chart.js';
import { lastTwelveMonths, monthlyFigures } from './timeliness-months.js';

/** The dashboard shows the most urgent cases of each list; the rest are a link away. */
const LIST_SIZE = 20;
export const DASHBOARD_ROUTE = 'GET /dashboard';

/**
 * The manager's dashboard, from the services the report routes call: the overdue list (as
 * GET /api/cases?overdue=true), the early-warning list, the timeliness figures of the last 12
 * months by month with their chart, and the caseload per caseworker. The overdue list names
 * children, so every case on it goes to the access log, as the API's list does.
 */
@Injectable()
export class DashboardPage {
  constructor(
    private readonly cases: CaseListService,
    private readonly earlyWarning: EarlyWarningService,
    private readonly timeliness: TimelinessService,
    private readonly caseload: CaseloadService,
    private readonly users: UsersService,
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
  ) {}

  async view(context: RequestContext) {
    const { authority } = context;
    const today = this.clock.today();
    const period = lastTwelveMonths(today);
    const [overdue, warnings, report, caseload, caseworkers] = await Promise.all([
      this.cases.list(authority, { overdue: true, page: 1, pageSize: LIST_SIZE }),
      this.earlyWarning.list(authority, 'at_risk', { page: 1, pageSize: LIST_SIZE }),
      this.timeliness.report(authority, period, 'month'),
      this.caseload.report(authority),
      this.caseworkers(authority.id),
    ]);
    await this.accessLog.record(context, 'case_list_read', DASHBOARD_ROUTE, overdue.items.map((item) => item.id));
    const months = monthlyFigures(report);
    return {
      today: formatDate(today),
      overdue: { total: overdue.total, rows: overdueRows(overdue, today, caseworkers) },
      earlyWarning: { total: warnings.total, warningDays: warnings.warningDays, rows: earlyWarningRows(warnings, caseworkers) },
      timeliness: {
        from: formatDate(period.from),
        to: formatDate(period.to),
        chart: timelinessChart(months),
        series: CHART_SERIES,
        rows: timelinessRows(months),
        total: timelinessRow('Last 12 months', report.plansIssued, report.decisionsToAssess),
      },
      caseload: caseloadRows(caseload, caseworkers),
      listSize: LIST_SIZE,
    };
  }

  private async caseworkers(authorityId: string): Promise<Caseworkers> {
    const emails = new Map((await this.users.list(authorityId)).map((account) => [account.id, account.email]));
    return (assignee) => (assignee === null ? 'Unassigned' : (emails.get(assignee) ?? assignee));
  }
}
