/**
 * The time limits of an EHC needs assessment and the exceptions that may relax each one
 * (domain document sections 1 and 4; design section 4).
 */
import { CONTRIBUTORS, type ExceptionKind } from '../types.js';

export type LimitKind = 'decisionToAssess' | 'issueDecision' | 'finalPlan' | 'advice' | 'representations';

const SC_EY_PC_AB: readonly ExceptionKind[] = [
  'school_closure',
  'early_years_closure',
  'personal_circumstances',
  'absence_from_area',
];

interface LimitRule {
  /** Where the limit comes from, shown on every deadline. */
  regulation: string;
  /** The paragraph that lists the exceptions, quoted when a claim is refused. */
  exceptionsIn: string;
  relaxedBy: readonly ExceptionKind[];
}

export const LIMIT_RULES: Record<LimitKind, LimitRule> = {
  // reg 5(4)(a)-(d) relax the decision; reg 4(1) (a refusal) has none, handled in the clock.
  decisionToAssess: { regulation: 'SEND Regs 2014 reg 5(1)', exceptionsIn: 'SEND Regs 2014 reg 5(4)', relaxedBy: SC_EY_PC_AB },
  issueDecision: { regulation: 'SEND Regs 2014 reg 10(1)', exceptionsIn: 'SEND Regs 2014 reg 10(4)', relaxedBy: SC_EY_PC_AB },
  finalPlan: { regulation: 'SEND Regs 2014 reg 13(2)', exceptionsIn: 'SEND Regs 2014 reg 13(3)', relaxedBy: SC_EY_PC_AB },
  // reg 8(2)(a)-(c): there is no school-closure exception for advice.
  advice: {
    regulation: 'SEND Regs 2014 reg 8(1)',
    exceptionsIn: 'SEND Regs 2014 reg 8(2)',
    relaxedBy: ['personal_circumstances', 'absence_from_area', 'missed_appointment'],
  },
  // A minimum period for the family, not a limit on the LA: nothing can shorten or excuse it.
  representations: { regulation: 'SEND Regs 2014 reg 13(1)(a)', exceptionsIn: 'SEND Regs 2014 reg 13(1)(a)', relaxedBy: [] },
};

/** "within N weeks of": reg 5(1) and reg 8(1) six, reg 10(1) sixteen, reg 13(2) twenty. */
export const LIMIT_WEEKS: Record<Exclude<LimitKind, 'representations'>, number> = {
  decisionToAssess: 6,
  issueDecision: 16,
  finalPlan: 20,
  advice: 6,
};

/** Reg 13(1)(a): at least 15 days beginning with the day the draft is served: days S..S+14. */
export const REPRESENTATION_DAYS = 15;

export function limitKindOf(name: string): LimitKind | null {
  if (name.startsWith('advice.')) {
    return (CONTRIBUTORS as readonly string[]).includes(name.slice('advice.'.length)) ? 'advice' : null;
  }
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
