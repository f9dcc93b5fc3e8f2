import { LocalDate } from '@js-joda/core';
import type { IsoDate } from '../../../workflows/ehc-needs-assessment/index.js';
import { asLimitMeasure, type LimitMeasure, type PlanMeasure, toPlanMeasure } from '../../reports/limit-measures.js';
import type { Period } from '../../reports/report-period.js';
import type { TimelinessReport } from '../../reports/timeliness.service.js';

const MONTHS = 12;
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The last 12 calendar months, this one included (to today): what the dashboard reports on. */
export function lastTwelveMonths(today: IsoDate): Period {
  const first = LocalDate.parse(today).withDayOfMonth(1).minusMonths(MONTHS - 1);
  return { from: first.toString(), to: today };
}

export interface MonthFigures {
  /** `2026-03` */
  month: string;
  /** "March 2026" */
  label: string;
  /** "Mar" */
  shortLabel: string;
  plans: PlanMeasure;
  decisions: LimitMeasure;
}

/**
 * One entry per month of the period, in order, from a report broken down `by=month`: a month in
 * which no plan was issued and no decision made is there too, with zeros, so the chart and the
 * table always show twelve months.
 */
export function monthlyFigures(report: TimelinessReport): MonthFigures[] {
  const groups = new Map((report.breakdown?.groups ?? []).map((group) => [group.key, group]));
  const months: MonthFigures[] = [];
  for (let month = LocalDate.parse(report.from).withDayOfMonth(1); !month.isAfter(LocalDate.parse(report.to)); month = month.plusMonths(1)) {
    const key = month.toString().slice(0, 7);
    const name = MONTH_NAMES[month.monthValue() - 1];
    const group = groups.get(key);
    months.push({
      month: key,
      label: `${name} ${month.year()}`,
      shortLabel: name.slice(0, 3),
      plans: group?.plansIssued ?? toPlanMeasure(undefined),
      decisions: group?.decisionsToAssess ?? asLimitMeasure(undefined),
    });
  }
  return months;
}
