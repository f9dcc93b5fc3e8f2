/**
 * Phase transfers (SEND Regs 2014 reg 18; domain document 3.3): when a child moves between
 * phases of education, and the date by which the amended plan must name the next school or
 * college. The English school year runs from 1 September to 31 August; a child starts
 * Reception in the September after their fourth birthday, so the cohort follows from the date
 * of birth, moved by whole years for a child taught out of their year group.
 */
import { addMonths, toDate, type IsoDate } from '../calendar/dates.js';
import { dueDate, type DueRule } from '../limits/due-rules.js';
import type { EducationPhase, PlanFacts } from './types.js';

/** The phases a child can move to from each (reg 2); the first is the usual one. */
export const NEXT_PHASES: Readonly<Record<EducationPhase, readonly EducationPhase[]>> = {
  early_years: ['primary', 'infant'],
  infant: ['junior'],
  junior: ['secondary'],
  primary: ['secondary', 'middle'],
  middle: ['secondary'],
  secondary: ['post16'],
  post16: ['post16'],
};

/**
 * The National Curriculum year a child enters on transferring into a phase (Reception is 0).
 * Middle schools vary by area (entry at Year 5 and exit at Year 9 are the most common); a child
 * whose area differs is recorded with a year-group offset.
 */
const ENTRY_YEAR: Readonly<Record<Exclude<EducationPhase, 'early_years'>, number>> = {
  infant: 0,
  primary: 0,
  junior: 3,
  middle: 5,
  secondary: 7,
  post16: 12,
};

export interface PhaseTransfer {
  from: EducationPhase;
  to: EducationPhase;
  /** The day the child moves: 1 September of the transfer year, or the post-16 move date. */
  transferOn: IsoDate;
  /** The 12 months before the transfer, in which reg 18 applies. */
  periodStart: IsoDate;
  rule: DueRule;
  dueOn: IsoDate;
  regulation: string;
}

/** The calendar year in which the school year of the child's birth ends (born Sep 2019 – Aug 2020: 2020). */
export function cohortYear(dateOfBirth: IsoDate, yearGroupOffset = 0): number {
  const born = toDate(dateOfBirth);
  return (born.monthValue() >= 9 ? born.year() + 1 : born.year()) + yearGroupOffset;
}

/** 1 September of the school year in which the child enters National Curriculum year `year` (Reception 0). */
export function entersYearOn(dateOfBirth: IsoDate, year: number, yearGroupOffset = 0): IsoDate {
  return `${cohortYear(dateOfBirth, yearGroupOffset) + 4 + year}-09-01`;
}

/** The phase a child of this age is usually in on `on`, in an area of primary and secondary schools. */
export function usualPhaseOn(dateOfBirth: IsoDate, on: IsoDate, yearGroupOffset = 0): EducationPhase {
  const day = toDate(on);
  const schoolYearStart = day.monthValue() >= 9 ? day.year() : day.year() - 1;
  const year = schoolYearStart - (cohortYear(dateOfBirth, yearGroupOffset) + 4);
  if (year < 0) return 'early_years';
  if (year < 7) return 'primary';
  return year < 12 ? 'secondary' : 'post16';
}

/**
 * Reg 18(1): before 15 February of the transfer year (so by 14 February), or before 31 March
 * (by 30 March) for secondary school to post-16; reg 18(2): a move between post-16 institutions
 * at another time, at least 5 months before it.
 */
export function phaseTransfer(facts: Pick<PlanFacts, 'childDateOfBirth' | 'yearGroupOffset' | 'post16MoveOn'>, from: EducationPhase, to: EducationPhase): PhaseTransfer | null {
  if (from === 'post16') return post16Move(facts.post16MoveOn);
  if (to === 'early_years') return null;
  const transferOn = entersYearOn(facts.childDateOfBirth, ENTRY_YEAR[to], facts.yearGroupOffset);
  const rule: DueRule = from === 'secondary' ? { beforeCalendarDay: '03-31' } : { beforeCalendarDay: '02-15' };
  return {
    from,
    to,
    transferOn,
    periodStart: addMonths(transferOn, -12),
    rule,
    dueOn: dueDate(rule, transferOn, { strictMode: false }),
    regulation: 'SEND Regs 2014 reg 18(1)',
  };
}

function post16Move(moveOn: IsoDate | undefined): PhaseTransfer | null {
  if (moveOn === undefined) return null;
  const rule: DueRule = { monthsBefore: 5 };
  return {
    from: 'post16',
    to: 'post16',
    transferOn: moveOn,
    periodStart: addMonths(moveOn, -12),
    rule,
    dueOn: dueDate(rule, moveOn, { strictMode: false }),
    regulation: 'SEND Regs 2014 reg 18(2)',
  };
}

/** The next transfer the plan must prepare for, to the usual next phase unless the plan says otherwise. */
export function nextPhaseTransfer(facts: PlanFacts): PhaseTransfer | null {
  return phaseTransfer(facts, facts.phase, facts.nextPhase ?? NEXT_PHASES[facts.phase][0]);
}
