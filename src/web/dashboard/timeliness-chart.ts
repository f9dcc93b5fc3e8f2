import type { MonthFigures } from './timeliness-months.js';

/** The chart's drawing area, in the SVG's own units (it scales to the column's width). */
const WIDTH = 720;
const HEIGHT = 300;
const PLOT = { left: 52, right: 712, top: 48, bottom: 264 };
const GRIDLINES = [0, 25, 50, 75, 100];

/**
 * Colours with at least 3:1 contrast against the white background (WCAG 2.2, 1.4.11): GOV.UK
 * blue and bright purple. The legend names them, and the table beside the chart carries every figure.
 */
export const CHART_SERIES = [
  { name: 'Final plans issued within 20 weeks', colour: '#1d70b8' },
  { name: 'Decisions whether to assess within 6 weeks', colour: '#912b88' },
] as const;

export interface ChartBar {
  x: number;
  y: number;
  width: number;
  height: number;
  colour: string;
}

export interface TimelinessChart {
  width: number;
  height: number;
  plot: typeof PLOT;
  gridlines: { y: number; label: string }[];
  columns: { labelX: number; label: string; bars: ChartBar[] }[];
  legend: { x: number; name: string; colour: string }[];
}

const round = (n: number): number => Math.round(n * 10) / 10;
const yOf = (percent: number): number => round(PLOT.bottom - (percent / 100) * (PLOT.bottom - PLOT.top));

/**
 * The geometry of the bar chart of the dashboard: per month, the share of final plans issued
 * within 20 weeks and of decisions whether to assess made within 6 weeks, both excluding
 * exceptions (the SEN2 headline measure). A month with nothing to measure has no bar.
 */
export function timelinessChart(months: MonthFigures[]): TimelinessChart {
  const band = (PLOT.right - PLOT.left) / months.length;
  const barWidth = round(band * 0.35);
  const columns = months.map((month, i) => {
    const start = PLOT.left + i * band + band * 0.15;
    const shares = [month.plans.percentWithinLimitExcludingExceptions, month.decisions.percentWithinLimitExcludingExceptions];
    const bars = shares.flatMap((share, s) =>
      share === null ? [] : [{ x: round(start + s * barWidth), y: yOf(share), width: barWidth, height: round(PLOT.bottom - yOf(share)), colour: CHART_SERIES[s].colour }],
    );
    return { labelX: round(PLOT.left + (i + 0.5) * band), label: month.shortLabel, bars };
  });
  return {
    width: WIDTH,
    height: HEIGHT,
    plot: PLOT,
    gridlines: GRIDLINES.map((percent) => ({ y: yOf(percent), label: `${percent}%` })),
    columns,
    legend: CHART_SERIES.map((series, s) => ({ x: PLOT.left + s * 300, ...series })),
  };
}
