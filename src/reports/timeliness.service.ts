import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { adviceTimeliness, exceptionsByType, type AdviceByContributor, type AdviceByOrganisation, type ExceptionCount } from './advice-timeliness.js';
import { asLimitMeasure, measureLimit, toPlanMeasure, type LimitMeasure, type LimitSpec, type PlanMeasure } from './limit-measures.js';
import { limitDays, type Period } from './report-period.js';
import type { Breakdown } from './report-query.dto.js';

const PLANS: LimitSpec = { deadline: 'finalPlan', withDays: true };
const DECISIONS: LimitSpec = { deadline: 'decisionToAssess', withDays: false };
const NO_PLAN: LimitSpec = { deadline: 'issueDecision', withDays: false };
/** SEND Regs 2014 reg 8(1): advice within 6 weeks of the request. */
const ADVICE_WEEKS = 6;

export interface TimelinessFigures {
  /** Reg 13(2): final plans issued in the period, within 20 weeks of the request. */
  plansIssued: PlanMeasure;
  /** Reg 5(1): decisions whether to assess made in the period, within 6 weeks. */
  decisionsToAssess: LimitMeasure;
  /** Reg 10(1): notices that no plan will be issued, within 16 weeks. */
  noPlanDecisions: LimitMeasure;
}

export interface TimelinessGroup extends TimelinessFigures {
  key: string | null;
}

export interface TimelinessReport extends TimelinessFigures {
  from: string;
  to: string;
  advice: { byContributor: AdviceByContributor[]; byOrganisation: AdviceByOrganisation[] };
  exceptions: ExceptionCount[];
  breakdown?: { by: Breakdown; groups: TimelinessGroup[] };
}

@Injectable()
export class TimelinessService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async report(authority: LocalAuthority, period: Period, by?: Breakdown): Promise<TimelinessReport> {
    const db = this.db;
    const id = authority.id;
    const [plans, decisions, noPlan, advice, exceptions] = await Promise.all([
      measureLimit(db, id, period, PLANS, by, toPlanMeasure),
      measureLimit(db, id, period, DECISIONS, by, asLimitMeasure),
      measureLimit(db, id, period, NO_PLAN, by, asLimitMeasure),
      adviceTimeliness(db, id, period),
      exceptionsByType(db, id, period),
    ]);
    const report: TimelinessReport = {
      ...period,
      plansIssued: plans.total,
      decisionsToAssess: decisions.total,
      noPlanDecisions: noPlan.total,
      advice,
      exceptions,
    };
    if (by) {
      const keys = [...new Set([...plans.groups.keys(), ...decisions.groups.keys(), ...noPlan.groups.keys()])].sort(byKey);
      const groups = keys.map((key) => ({
        key,
        plansIssued: plans.groups.get(key) ?? toPlanMeasure(undefined),
        decisionsToAssess: decisions.groups.get(key) ?? asLimitMeasure(undefined),
        noPlanDecisions: noPlan.groups.get(key) ?? asLimitMeasure(undefined),
      }));
      report.breakdown = { by, groups };
    }
    return report;
  }
}

/** Months in order; caseworkers by name, the unassigned (null) last. */
export function byKey(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
