import type { DataSource } from 'typeorm';
import { countByDecision, counted, disputeLimitStatusSql, factSql, PERIOD_PARAMS, type ByDecision } from './dispute-figures.js';
import { percent, type Period } from './report-period.js';

const OUTCOMES = ['awaitingDecision', 'conceded', 'settled', 'withdrawn', 'appealAllowed', 'appealDismissed'] as const;
const RESPONSES = ['responsesOnTime', 'responsesLate', 'responsesOverdue', 'responsesNotYetDue', 'responsesNotNeeded'] as const;
const FIELDS = ['appeals', ...OUTCOMES, ...RESPONSES] as const;

/**
 * The appeals the Tribunal sent the authority in a period (the day the response's 30 working
 * days run from), by outcome as of today; the six outcomes add up to `appeals`, and so do the five
 * states of the response.
 */
export interface AppealFigures {
  appeals: number;
  awaitingDecision: number;
  /** Reg 45: the authority told the Tribunal it would not oppose. */
  conceded: number;
  settled: number;
  withdrawn: number;
  appealAllowed: number;
  appealDismissed: number;
  /** appealAllowed ÷ the appeals the Tribunal decided. */
  percentAllowed: number | null;
  /** The response within 30 working days after the day the Tribunal sent the appeal. */
  responsesOnTime: number;
  responsesLate: number;
  /** Not sent, and the 30 working days have passed (or the appeal ended after them without one). */
  responsesOverdue: number;
  /** Not sent, and not yet due. */
  responsesNotYetDue: number;
  /** The appeal was conceded, settled, withdrawn or decided before the response was due and none was sent. */
  responsesNotNeeded: number;
  /** responsesOnTime ÷ the responses that fell due: on time, late and overdue. */
  percentResponsesOnTime: number | null;
}

export interface AppealsFigures {
  appeals: AppealFigures;
  byDecision: ByDecision<AppealFigures>;
}

const COHORT = `
  SELECT p.decision, ${factSql(['outcome'])} AS outcome, ${disputeLimitStatusSql('responseToAppeal', '$4::date')} AS response
  FROM dispute p
  WHERE p.local_authority_id = $1 AND ${factSql(['appeal', 'sentToAuthorityOn'])} BETWEEN $2 AND $3`;

const COUNTS = `count(*) AS "appeals",
  count(*) FILTER (WHERE outcome IS NULL) AS "awaitingDecision",
  count(*) FILTER (WHERE outcome = 'conceded') AS "conceded",
  count(*) FILTER (WHERE outcome = 'settled') AS "settled",
  count(*) FILTER (WHERE outcome = 'withdrawn') AS "withdrawn",
  count(*) FILTER (WHERE outcome = 'appeal_allowed') AS "appealAllowed",
  count(*) FILTER (WHERE outcome = 'appeal_dismissed') AS "appealDismissed",
  count(*) FILTER (WHERE response = 'met') AS "responsesOnTime",
  count(*) FILTER (WHERE response = 'met_late') AS "responsesLate",
  count(*) FILTER (WHERE response = 'breached') AS "responsesOverdue",
  count(*) FILTER (WHERE response = 'pending') AS "responsesNotYetDue",
  count(*) FILTER (WHERE response = 'not_applicable') AS "responsesNotNeeded"`;

function appealFigures(row: Record<string, unknown> | undefined): AppealFigures {
  const n = counted(row, FIELDS);
  return {
    ...n,
    percentAllowed: percent(n.appealAllowed, n.appealAllowed + n.appealDismissed),
    percentResponsesOnTime: percent(n.responsesOnTime, n.responsesOnTime + n.responsesLate + n.responsesOverdue),
  };
}

export async function appealsFigures(db: DataSource, authorityId: string, period: Period, today: string): Promise<AppealsFigures> {
  const { total, byDecision } = await countByDecision(db, COHORT, COUNTS, PERIOD_PARAMS(authorityId, period, today), appealFigures);
  return { appeals: total, byDecision };
}
