/**
 * The time limits of an EHC needs assessment and the exceptions that may relax each one
 * (domain document sections 1 and 4; design section 4), as data on the shared limit model.
 */
import type { LimitDefinition } from '../../limits/index.js';
import { CONTRIBUTORS, type ExceptionKind } from '../types.js';

export type LimitKind = 'decisionToAssess' | 'issueDecision' | 'finalPlan' | 'advice' | 'representations';

const SC_EY_PC_AB: readonly ExceptionKind[] = [
  'school_closure',
  'early_years_closure',
  'personal_circumstances',
  'absence_from_area',
];

export const LIMIT_RULES: Record<LimitKind, LimitDefinition<ExceptionKind>> = {
  // reg 5(4)(a)-(d) relax the decision; reg 4(1) (a refusal) has none, handled in case-limits.
  decisionToAssess: {
    regulation: 'SEND Regs 2014 reg 5(1)',
    exceptionsIn: 'SEND Regs 2014 reg 5(4)',
    relaxedBy: SC_EY_PC_AB,
    due: { weeks: 6 },
    role: 'limit',
    statutory: true,
  },
  // Reg 10(1) times only a notice that no plan will be issued: until the decision it is a latest date.
  issueDecision: {
    regulation: 'SEND Regs 2014 reg 10(1)',
    exceptionsIn: 'SEND Regs 2014 reg 10(4)',
    relaxedBy: SC_EY_PC_AB,
    due: { weeks: 16 },
    role: 'latest_date',
    statutory: true,
  },
  finalPlan: {
    regulation: 'SEND Regs 2014 reg 13(2)',
    exceptionsIn: 'SEND Regs 2014 reg 13(3)',
    relaxedBy: SC_EY_PC_AB,
    due: { weeks: 20 },
    role: 'limit',
    statutory: true,
  },
  // reg 8(2)(a)-(c): there is no school-closure exception for advice. Binding only on bodies
  // asked under CFA 2014 s.31 (in practice health); a target for everyone else (case-limits).
  advice: {
    regulation: 'SEND Regs 2014 reg 8(1)',
    exceptionsIn: 'SEND Regs 2014 reg 8(2)',
    relaxedBy: ['personal_circumstances', 'absence_from_area', 'missed_appointment'],
    due: { weeks: 6 },
    role: 'limit',
    statutory: true,
  },
  // A minimum period for the family, not a limit on the LA: nothing can shorten or excuse it.
  representations: {
    regulation: 'SEND Regs 2014 reg 13(1)(a)',
    exceptionsIn: 'SEND Regs 2014 reg 13(1)(a)',
    relaxedBy: [],
    due: { daysBeginningWith: 15 },
    role: 'window',
    statutory: false,
  },
};

/** Reg 13(1)(a): at least 15 days beginning with the day the draft is served: days S..S+14. */
export const REPRESENTATION_DAYS = 15;

/** `advice.health`, `advice.health.2`, … name advice limits; the rest are named by their kind. */
export function limitKindOf(name: string): LimitKind | null {
  const advice = /^advice\.([a-z_]+)(?:\.([2-9]|[1-9]\d+))?$/.exec(name);
  if (advice) return (CONTRIBUTORS as readonly string[]).includes(advice[1]) ? 'advice' : null;
  return name in LIMIT_RULES && name !== 'advice' ? (name as LimitKind) : null;
}

export function canRelax(kind: ExceptionKind, limit: LimitKind): boolean {
  return LIMIT_RULES[limit].relaxedBy.includes(kind);
}

/** Why `kind` cannot relax `name`, in words a caseworker can check against the regulations. */
export function whyCannotRelax(kind: ExceptionKind, name: string, limit: LimitKind): string {
  const rule = LIMIT_RULES[limit];
  if (limit === 'representations') {
    return `no exception can relax representations: the ${rule.regulation} window is a minimum period for the family`;
  }
  if (limit === 'advice' && (kind === 'school_closure' || kind === 'early_years_closure')) {
    const label = kind === 'school_closure' ? 'school-closure' : 'early-years-closure';
    return `${kind} cannot relax ${name}: ${rule.exceptionsIn} has no ${label} exception`;
  }
  if (kind === 'missed_appointment') {
    return `missed_appointment cannot relax ${name}: a missed examination or test appointment excuses only late advice (SEND Regs 2014 reg 8(2)(c)); ${rule.exceptionsIn} allows ${rule.relaxedBy.join(', ')}`;
  }
  return `${kind} cannot relax ${name}: ${rule.exceptionsIn} allows only ${rule.relaxedBy.join(', ')}`;
}
