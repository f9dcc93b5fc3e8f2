import { stringify } from 'csv-stringify/sync';
import type { CaseloadReport } from './caseload.service.js';
import type { ConversionReport } from './conversion.service.js';
import type { AppealsReport, MediationsReport, OrdersReport } from './dispute-reports.service.js';
import type { EarlyWarningList } from './early-warning.service.js';
import type { AmendmentsReport, AnnualReviewsReport, CeasedReport, PhaseTransfersReport, ReviewDecisionsReport } from './plan-reports.service.js';
import type { Sen2Row } from './sen2-extract.service.js';
import type { TimelinessReport } from './timeliness.service.js';

type Cell = string | number | boolean | null;
type Figures = Record<string, Cell | object>;

/**
 * OWASP CSV injection rule: a spreadsheet runs a cell that starts with one of these as a formula
 * (`=HYPERLINK(…)` in a child's name or an organisation), so such a cell gets a leading `'`.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const formulaSafe = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);

const CSV_OPTIONS = { header: true, cast: { boolean: (value: boolean) => (value ? 'true' : 'false'), string: formulaSafe } };

/** Every CSV the engine writes goes through here, so none can skip the formula escape. */
function toCsv(rows: object[], columns?: string[]): string {
  return stringify(rows, columns ? { ...CSV_OPTIONS, columns } : CSV_OPTIONS);
}
const ALL = '(all)';
const UNASSIGNED = '(unassigned)';

/** One row per figure: easy to filter and pivot in a spreadsheet, and to reconcile by hand. */
interface FigureRow {
  from: string;
  to: string;
  /** Plan reports only: the day their statuses are as of. */
  today?: string;
  section: string;
  group: string;
  measure: string;
  value: Cell;
}

function figureRows(base: { from: string; to: string; today?: string }, section: string, group: string, figures: Figures): FigureRow[] {
  return Object.entries(figures).flatMap(([measure, value]) =>
    value !== null && typeof value === 'object' ? [] : [{ ...base, section, group, measure, value }],
  );
}

const FIGURE_COLUMNS = ['from', 'to', 'section', 'group', 'measure', 'value'];

const groupName = (key: string | null) => key ?? UNASSIGNED;

export function timelinessCsv(report: TimelinessReport): string {
  const base = { from: report.from, to: report.to };
  const measures = (group: string, f: Pick<TimelinessReport, 'plansIssued' | 'decisionsToAssess' | 'noPlanDecisions'>) => [
    ...figureRows(base, 'plansIssued', group, { ...f.plansIssued }),
    ...figureRows(base, 'decisionsToAssess', group, { ...f.decisionsToAssess }),
    ...figureRows(base, 'noPlanDecisions', group, { ...f.noPlanDecisions }),
  ];
  const rows = [
    ...measures(ALL, report),
    ...(report.breakdown?.groups ?? []).flatMap((g) => measures(`${report.breakdown!.by}:${groupName(g.key)}`, g)),
    ...report.advice.byContributor.flatMap(({ contributor, ...f }) => figureRows(base, 'adviceByContributor', contributor, f)),
    ...report.advice.byOrganisation.flatMap(({ organisation, ...f }) => figureRows(base, 'adviceByOrganisation', organisation ?? '(not recorded)', f)),
    ...report.exceptions.flatMap(({ exception, ...f }) => figureRows(base, 'exceptions', exception, f)),
  ];
  return toCsv(rows, FIGURE_COLUMNS);
}

const PLAN_FIGURE_COLUMNS = ['from', 'to', 'today', 'section', 'group', 'measure', 'value'];

interface PlanBase {
  from: string;
  to: string;
  today: string;
}

/** A plan report's figures as figure rows, with the day their statuses are as of; `cohorts` are groups `dueOn:<date>`. */
function planCsv(report: PlanBase, section: string, figures: Figures, cohorts: { dueOn: string }[] = []): string {
  const base = { from: report.from, to: report.to, today: report.today };
  const rows = [...figureRows(base, section, ALL, figures), ...cohorts.flatMap(({ dueOn, ...f }) => figureRows(base, section, `dueOn:${dueOn}`, f))];
  return toCsv(rows, PLAN_FIGURE_COLUMNS);
}

export const annualReviewsCsv = (r: AnnualReviewsReport) => planCsv(r, 'annualReviews', { ...r.annualReviews });
export const reviewDecisionsCsv = (r: ReviewDecisionsReport) => planCsv(r, 'reviewDecisions', { ...r.reviewDecisions });
export const amendmentsCsv = (r: AmendmentsReport) => planCsv(r, 'amendments', { ...r.amendments });
export const phaseTransfersCsv = (r: PhaseTransfersReport) => planCsv(r, 'phaseTransfers', { ...r.phaseTransfers }, r.byDueDate);

/** One row per SEN2 cease reason, every code listed, and the total as `(all)`. */
export function ceasedCsv(report: CeasedReport): string {
  const rows = [
    { from: report.from, to: report.to, ceaseReason: ALL, label: ALL, plans: report.ceased },
    ...report.byReason.map((r) => ({ from: report.from, to: report.to, ...r })),
  ];
  return toCsv(rows, ['from', 'to', 'ceaseReason', 'label', 'plans']);
}

/** A dispute report as figure rows: the total as `(all)`, then one group per line, `decision:refusal_to_assess`, `step:orderNotice`, … */
function disputeCsv(report: PlanBase, section: string, total: Figures, lines: { group: string; figures: Figures }[]): string {
  const base = { from: report.from, to: report.to, today: report.today };
  const rows = [...figureRows(base, section, ALL, total), ...lines.flatMap((line) => figureRows(base, section, line.group, line.figures))];
  return toCsv(rows, PLAN_FIGURE_COLUMNS);
}

const byDecisionLines = (lines: { decision: string }[]) => lines.map(({ decision, ...figures }) => ({ group: `decision:${decision}`, figures: figures as Figures }));

export const mediationsCsv = (r: MediationsReport) => disputeCsv(r, 'mediations', { ...r.mediations }, byDecisionLines(r.byDecision));
export const appealsCsv = (r: AppealsReport) => disputeCsv(r, 'appeals', { ...r.appeals }, byDecisionLines(r.byDecision));
export const ordersCsv = (r: OrdersReport) =>
  disputeCsv(r, 'orders', { ...r.orders }, [
    ...r.byStep.map(({ step, ...figures }) => ({ group: `step:${step}`, figures })),
    ...r.bySource.map(({ source, ...figures }) => ({ group: `source:${source}`, figures })),
  ]);

export function conversionCsv(report: ConversionReport): string {
  const { from, to, breakdown, ...total } = report;
  const rows = [
    ...figureRows({ from, to }, 'conversion', ALL, total),
    ...(breakdown?.groups ?? []).flatMap(({ key, ...f }) => figureRows({ from, to }, 'conversion', `${breakdown!.by}:${groupName(key)}`, f)),
  ];
  return toCsv(rows, FIGURE_COLUMNS);
}

export function caseloadCsv(report: CaseloadReport): string {
  const rows = [{ caseworker: ALL, ...report.total }, ...report.caseworkers.map((c) => ({ ...c, caseworker: groupName(c.caseworker) }))].map((r) => ({
    today: report.today,
    caseworker: r.caseworker,
    openCases: r.openCases,
    ...r.byStatus,
    deadlinesDueNext14Days: r.deadlinesDueNext14Days,
    breachedDeadlines: r.breachedDeadlines,
    oldestOpenCaseReference: r.oldestOpenCase?.reference ?? null,
    oldestOpenCaseReceivedOn: r.oldestOpenCase?.requestReceivedOn ?? null,
    oldestOpenCaseWeeksOpen: r.oldestOpenCase?.weeksOpen ?? null,
  }));
  return toCsv(rows);
}

/** Cases per chunk of the early-warning CSV: a few hundred KB each. */
const EARLY_WARNING_CHUNK = 1000;

/**
 * A cell as csv-stringify writes it with CSV_OPTIONS (the formula escape, then RFC 4180 quoting
 * of a comma, quote or line break), for the two large CSVs: written line by line here, they skip
 * the library's per-cell option handling, most of their time at a million cases (113,000
 * early-warning rows, 128,000 SEN2 requests a year). The small reports keep the library.
 */
function csvCell(value: Cell | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  const safe = formulaSafe(value);
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const csvLine = (cells: (Cell | undefined)[]): string => `${cells.map(csvCell).join(',')}\n`;

/**
 * One row per outstanding step of each listed case, a chunk of cases at a time, so the CSV of
 * every open case (13 MB at a million cases) is written as the client takes it rather than
 * built whole first. The header comes with the first chunk.
 */
export function* earlyWarningCsvChunks(list: EarlyWarningList): Generator<string> {
  for (let start = 0; start === 0 || start < list.cases.length; start += EARLY_WARNING_CHUNK) {
    const lines = list.cases.slice(start, start + EARLY_WARNING_CHUNK).flatMap((c) => {
      // The case's cells are the same on each of its steps' lines: written once.
      const caseCells = [list.today, c.reference, c.caseId, c.status, c.caseworker, c.requestReceivedOn, c.finalPlanTarget, c.exceptionApplies].map(csvCell).join(',');
      return c.steps.map((s) => `${caseCells},${csvLine([s.step, s.latestOn, s.daysLeft, s.atRisk])}`);
    });
    yield (start === 0 ? csvLine(EARLY_WARNING_COLUMNS) : '') + lines.join('');
  }
}

const EARLY_WARNING_COLUMNS = ['today', 'reference', 'caseId', 'status', 'caseworker', 'requestReceivedOn', 'finalPlanTarget', 'exceptionApplies', 'step', 'latestOn', 'daysLeft', 'atRisk'];

export const SEN2_COLUMNS: (keyof Sen2Row)[] = [
  'Reference', 'Surname', 'Forename', 'PersonBirthDate', 'ReceivedDate', 'RequestSource', 'RequestOutcome', 'RequestOutcomeDate',
  'RequestMediation', 'RequestTribunal', 'AssessmentOutcome', 'AssessmentOutcomeDate', 'AssessmentMediation', 'AssessmentTribunal',
  'OtherMediation', 'OtherTribunal', 'Week20', 'StartDate', 'DaysToStartDate',
];

/** The extract as CSV, batch by batch: the header line with the first (or alone, for an empty extract). */
export async function* sen2CsvChunks(batches: AsyncIterable<Sen2Row[]>): AsyncGenerator<string> {
  let header = csvLine(SEN2_COLUMNS);
  for await (const rows of batches) {
    yield header + rows.map((row) => csvLine(SEN2_COLUMNS.map((column) => row[column]))).join('');
    header = '';
  }
  if (header) yield header;
}
