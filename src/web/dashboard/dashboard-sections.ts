import type { IsoDate, OutstandingStep } from '../../../workflows/ehc-needs-assessment/index.js';
import type { CasePage } from '../../cases/case-list.service.js';
import type { CaseloadFigures, CaseloadReport } from '../../reports/caseload.service.js';
import type { EarlyWarningList } from '../../reports/early-warning.service.js';
import type { LimitMeasure } from '../../reports/limit-measures.js';
import { casePath, childName, mostOverdue, statusTag } from '../format/case-summary.js';
import { formatDate } from '../format/dates.js';
import { deadlineLabel, STATUS_LABELS } from '../format/labels.js';
import { daysLeftText } from '../format/urgency.js';
import type { MonthFigures } from './timeliness-months.js';

/** Account ids to emails: a case is assigned by account id (the case page) or by email (the API). */
export type Caseworkers = (assignee: string | null) => string;

const STEP_LABELS: Record<string, string> = {
  finalPlan: 'Final plan',
  draftPlan: 'Draft plan',
  decisionToIssue: 'Decision whether to issue a plan',
};

function stepLabel(step: OutstandingStep): string {
  // `advice.health.2` is the second request to health: the deadline's own label, without its length.
  return step.startsWith('advice.') ? deadlineLabel(step).replace(/ \(6 weeks\)$/, '') : STEP_LABELS[step];
}

/** Cases with a limit past its target (workflows/limits, isOverdue): what GET /api/cases?overdue=true lists. */
export function overdueRows(page: CasePage, today: IsoDate, caseworkers: Caseworkers) {
  return page.items.map((item) => ({
    href: casePath(item.id),
    reference: item.reference,
    childName: childName(item),
    status: statusTag(item),
    overdue: mostOverdue(item, today),
    caseworker: caseworkers(item.assignee),
  }));
}

/** Open cases whose remaining steps must happen within 7 days (or already should have) for the plan to be on time. */
export function earlyWarningRows(list: EarlyWarningList, caseworkers: Caseworkers) {
  return list.cases.map((item) => ({
    href: casePath(item.caseId),
    reference: item.reference,
    status: STATUS_LABELS[item.status],
    caseworker: caseworkers(item.caseworker),
    finalPlanTarget: formatDate(item.finalPlanTarget),
    exceptionApplies: item.exceptionApplies,
    steps: item.steps
      .filter((step) => step.atRisk)
      .map((step) => ({ label: stepLabel(step.step), latestOn: formatDate(step.latestOn), daysLeftText: daysLeftText(step.daysLeft), past: step.daysLeft < 0 })),
  }));
}

const share = (measure: LimitMeasure) => (measure.percentWithinLimitExcludingExceptions === null ? '–' : `${measure.percentWithinLimitExcludingExceptions}%`);

/** A line of the table beside the chart: a month's figures, or the twelve months' together. */
export function timelinessRow(label: string, plans: LimitMeasure, decisions: LimitMeasure) {
  return {
    label,
    plans: plans.total,
    plansWithin: plans.withinLimitExcludingExceptions,
    plansExcepted: plans.withException,
    plansShare: share(plans),
    decisions: decisions.total,
    decisionsWithin: decisions.withinLimitExcludingExceptions,
    decisionsShare: share(decisions),
  };
}

export const timelinessRows = (months: MonthFigures[]) => months.map((month) => timelinessRow(month.label, month.plans, month.decisions));

/** Open cases per caseworker, by status, with the deadlines due soon and overdue; the authority's total last. */
export function caseloadRows(report: CaseloadReport, caseworkers: Caseworkers) {
  const row = (name: string, figures: CaseloadFigures) => ({
    name,
    openCases: figures.openCases,
    ...figures.byStatus,
    dueSoon: figures.deadlinesDueNext14Days,
    breached: figures.breachedDeadlines,
    oldest: figures.oldestOpenCase,
  });
  return {
    caseworkers: report.caseworkers.map((group) => row(caseworkers(group.caseworker), group)),
    total: row('All caseworkers', report.total),
  };
}
