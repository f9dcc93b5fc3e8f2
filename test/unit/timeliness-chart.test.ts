import { describe, expect, it } from '@jest/globals';
import { asLimitMeasure, toPlanMeasure } from '../../src/reports/limit-measures.js';
import { percent } from '../../src/reports/report-period.js';
import type { TimelinessReport } from '../../src/reports/timeliness.service.js';
import { timelinessChart } from '../../src/web/dashboard/timeliness-chart.js';
import { lastTwelveMonths, monthlyFigures } from '../../src/web/dashboard/timeliness-months.js';

/** A month's measure of a limit: how many steps, how many on time, none with an exception. */
function measured(total: number, within: number) {
  const share = percent(within, total);
  return { ...toPlanMeasure(undefined), total, withinLimit: within, percentWithinLimit: share, totalExcludingExceptions: total, withinLimitExcludingExceptions: within, percentWithinLimitExcludingExceptions: share };
}

function report(from: string, to: string, groups: { key: string; plans?: [number, number]; decisions?: [number, number] }[]): TimelinessReport {
  return {
    from,
    to,
    plansIssued: toPlanMeasure(undefined),
    decisionsToAssess: asLimitMeasure(undefined),
    noPlanDecisions: asLimitMeasure(undefined),
    advice: { byContributor: [], byOrganisation: [] },
    exceptions: [],
    breakdown: {
      by: 'month',
      groups: groups.map((g) => ({
        key: g.key,
        plansIssued: g.plans ? measured(...g.plans) : toPlanMeasure(undefined),
        decisionsToAssess: g.decisions ? measured(...g.decisions) : asLimitMeasure(undefined),
        noPlanDecisions: asLimitMeasure(undefined),
      })),
    },
  };
}

describe('The dashboard’s timeliness months and chart', () => {
  it('reports on the twelve calendar months to today, this one included', () => {
    expect(lastTwelveMonths('2026-11-23')).toEqual({ from: '2025-12-01', to: '2026-11-23' });
    expect(lastTwelveMonths('2024-02-29')).toEqual({ from: '2023-03-01', to: '2024-02-29' });
  });

  it('has every month of the period, in order, with zeros where nothing happened', () => {
    const months = monthlyFigures(report('2025-12-01', '2026-11-23', [{ key: '2026-07', plans: [2, 1] }]));
    expect(months.map((m) => m.label)).toEqual([
      'December 2025', 'January 2026', 'February 2026', 'March 2026', 'April 2026', 'May 2026',
      'June 2026', 'July 2026', 'August 2026', 'September 2026', 'October 2026', 'November 2026',
    ]);
    expect(months[7].plans.percentWithinLimitExcludingExceptions).toBe(50);
    expect(months[0].plans.total).toBe(0);
  });

  it('draws each share as a bar of that height, and no bar for a month with nothing to measure', () => {
    const months = monthlyFigures(report('2025-12-01', '2026-11-23', [{ key: '2026-07', plans: [2, 1], decisions: [4, 4] }, { key: '2026-08', decisions: [3, 0] }]));
    const chart = timelinessChart(months);
    const plotHeight = chart.plot.bottom - chart.plot.top;
    expect(chart.columns.map((c) => c.label)).toEqual(['Dec', 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov']);
    expect(chart.columns.map((c) => c.bars.length)).toEqual([0, 0, 0, 0, 0, 0, 0, 2, 1, 0, 0, 0]);
    const [plans, decisions] = chart.columns[7].bars;
    expect(plans.height).toBe(plotHeight / 2);
    expect(decisions.height).toBe(plotHeight);
    expect(decisions.y).toBe(chart.plot.top);
    expect(chart.columns[8].bars[0].height).toBe(0);
    expect(plans.colour).not.toBe(decisions.colour);
    expect(chart.gridlines.map((g) => g.label)).toEqual(['0%', '25%', '50%', '75%', '100%']);
  });
});
