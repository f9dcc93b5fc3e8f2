/**
 * Panel figures (issue 4, item 6): what was considered and decided, and how long families
 * waited from the request (T0) to a decision. A deferral is not a decision (domain 6.2), so it
 * counts as considered but not in the waiting times.
 */
import { LocalDate } from '@js-joda/core';
import type { IsoDate } from '../ehc-needs-assessment/index.js';
import type { PanelDecision } from './vocabulary.js';

export interface DecisionFact {
  decision: PanelDecision;
  decidedOn: IsoDate;
  requestReceivedOn: IsoDate;
}

export interface DaysToDecision {
  count: number;
  mean: number | null;
  median: number | null;
  max: number | null;
}

export interface PanelFigures {
  considered: number;
  agreed: number;
  declined: number;
  deferred: number;
  daysFromRequestToDecision: DaysToDecision;
}

const AGREED: readonly PanelDecision[] = ['assess', 'issue'];
const DECLINED: readonly PanelDecision[] = ['decline', 'not_issue'];

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return LocalDate.parse(to).toEpochDay() - LocalDate.parse(from).toEpochDay();
}

export function panelFigures(decisions: readonly DecisionFact[]): PanelFigures {
  const count = (kinds: readonly PanelDecision[]) => decisions.filter((d) => kinds.includes(d.decision)).length;
  const decided = decisions.filter((d) => d.decision !== 'defer');
  return {
    considered: decisions.length,
    agreed: count(AGREED),
    declined: count(DECLINED),
    deferred: count(['defer']),
    daysFromRequestToDecision: summariseDays(decided.map((d) => daysBetween(d.requestReceivedOn, d.decidedOn))),
  };
}

function summariseDays(days: number[]): DaysToDecision {
  if (days.length === 0) return { count: 0, mean: null, median: null, max: null };
  const sorted = [...days].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  const mean = sorted.reduce((sum, d) => sum + d, 0) / sorted.length;
  return {
    count: sorted.length,
    mean: Math.round(mean * 10) / 10,
    median,
    max: sorted[sorted.length - 1],
  };
}
