import { describe, expect, it } from '@jest/globals';
import {
  EXCEPTION_KINDS,
  closureWindow,
  computeDeadlines,
  deadlinesFromEvents,
  exceptionClaimError,
  replayEvents,
  type CaseEvent,
  type ExceptionKind,
  type ExceptionRecordedEvent,
} from '../../workflows/ehc-needs-assessment/index.js';
import { INPUT, assess, decline, draft, issue, requestAdvice } from './fixtures/cases.js';

const STANDARD = { strictMode: false };

function claim(exception: ExceptionKind, from: string, to: string | undefined, limits?: string[]): ExceptionRecordedEvent {
  return { type: 'EXCEPTION_RECORDED', occurredOn: '2025-09-10', exception, from, ...(to ? { to } : {}), ...(limits ? { limits } : {}) };
}

const factsAfter = (events: CaseEvent[]) => replayEvents(INPUT, events).facts;

// In the assessment, educational advice was asked for on 18 Jul: inside the summer-closure
// window of 16 Jul to 27 Aug (domain section 4 example), so SC/EY claims can succeed.
const ASSESSING = [assess('2025-07-01'), requestAdvice('health', '2025-07-02'), requestAdvice('education', '2025-07-18')];
const SUMMER = ['2025-07-23', '2025-09-02'] as const; // closed Wed 23 Jul, reopens Wed 3 Sep

/** Per limit: a case on which it is open, and an exception period that overlaps it (>= 4 weeks). */
const SCENARIO: Record<string, { events: CaseEvent[]; period: readonly [string, string] }> = {
  decisionToAssess: { events: [], period: ['2025-06-10', '2025-07-20'] },
  issueDecision: { events: ASSESSING, period: SUMMER },
  finalPlan: { events: ASSESSING, period: SUMMER },
  'advice.health': { events: ASSESSING, period: SUMMER },
  representations: { events: [...ASSESSING, issue('2025-08-20'), draft('2025-09-01')], period: ['2025-09-01', '2025-10-01'] },
};

/** Domain document section 4, the exceptions table. */
const RELAXES: Record<string, readonly ExceptionKind[]> = {
  decisionToAssess: ['school_closure', 'early_years_closure', 'personal_circumstances', 'absence_from_area'],
  issueDecision: ['school_closure', 'early_years_closure', 'personal_circumstances', 'absence_from_area'],
  finalPlan: ['school_closure', 'early_years_closure', 'personal_circumstances', 'absence_from_area'],
  'advice.health': ['personal_circumstances', 'absence_from_area', 'missed_appointment'],
  representations: [],
};

const ROWS = Object.keys(SCENARIO).flatMap((limit) => EXCEPTION_KINDS.map((kind) => [kind, limit, RELAXES[limit]!.includes(kind)] as const));

describe('exceptionClaimError: the exceptions table, every kind against every limit', () => {
  it('has 25 rows', () => expect(ROWS).toHaveLength(25));

  it.each(ROWS)('%s against %s: allowed = %s', (kind, limit, allowed) => {
    const { events, period } = SCENARIO[limit]!;
    const error = exceptionClaimError(factsAfter(events), claim(kind, period[0], period[1], [limit]));
    if (allowed) expect(error).toBeNull();
    else expect(error).toMatch(limit === 'representations' ? /^no exception can relax representations/ : new RegExp(`^${kind} cannot relax ${limit}:`));
  });

  it('explains the missing school-closure exception for advice', () => {
    expect(exceptionClaimError(factsAfter(ASSESSING), claim('school_closure', ...SUMMER, ['advice.health']))).toBe(
      'school_closure cannot relax advice.health: SEND Regs 2014 reg 8(2) has no school-closure exception.',
    );
  });
});

describe('exceptionClaimError: other refusals', () => {
  it.each<[string, CaseEvent[], ExceptionRecordedEvent, RegExp]>([
    ['"to" before "from"', [], claim('personal_circumstances', '2025-06-20', '2025-06-10'), /ends \(2025-06-10\) before it starts/],
    ['a start before the request', [], claim('personal_circumstances', '2025-05-20', '2025-06-10'), /before the request was received on 2025-06-02/],
    ['no overlap with the named limit', [], claim('personal_circumstances', '2025-07-15', '2025-08-20', ['decisionToAssess']), /does not overlap the period of decisionToAssess \(2025-06-02 to 2025-07-14\)/],
    ['a limit that is already met', ASSESSING, claim('personal_circumstances', '2025-06-10', '2025-07-20', ['decisionToAssess']), /decisionToAssess is not open.*2025-07-01/],
    ['a limit the case does not have', ASSESSING, claim('personal_circumstances', '2025-07-10', '2025-08-20', ['advice.social_care']), /advice.social_care is not a deadline of this case/],
    ['an absence shorter than 4 weeks', [], claim('absence_from_area', '2025-06-10', '2025-06-30'), /at least 4 weeks.*21 days/],
    ['a closure shorter than 4 weeks (half-term)', [], claim('school_closure', '2025-06-10', '2025-06-16'), /lasts 7 days.*at least 4 continuous weeks/],
    ['a closure without its end', [], claim('school_closure', '2025-06-10', undefined), /needs "to"/],
    ['a default claim nothing open can take', [], claim('missed_appointment', '2025-06-10', '2025-06-20'), /relaxes none of this case's open deadlines \(decisionToAssess, issueDecision, finalPlan\)/],
  ])('refuses %s', (_, events, event, message) => {
    expect(exceptionClaimError(factsAfter(events), event)).toMatch(message);
  });
});

describe('closureWindow: the school-closure example of domain section 4', () => {
  it('opens one week before the first closed day and closes one week before reopening', () => {
    expect(closureWindow(...SUMMER)).toEqual({ from: '2025-07-16', to: '2025-08-27' });
  });

  it('is null for a closure shorter than 28 days, and exists at exactly 28', () => {
    expect(closureWindow('2025-12-20', '2026-01-04')).toBeNull();
    expect(closureWindow('2025-07-23', '2025-08-19')).toEqual({ from: '2025-07-16', to: '2025-08-13' });
  });

  it('accepts advice requested on 18 Jul and refuses advice requested on 10 Jul', () => {
    const onTime = [assess('2025-07-01'), requestAdvice('education', '2025-07-18')];
    const tooEarly = [assess('2025-07-01'), requestAdvice('education', '2025-07-10')];
    expect(exceptionClaimError(factsAfter(onTime), claim('school_closure', ...SUMMER, ['finalPlan']))).toBeNull();
    expect(exceptionClaimError(factsAfter(tooEarly), claim('school_closure', ...SUMMER, ['finalPlan']))).toMatch(/requested on 2025-07-10, outside 2025-07-16 to 2025-08-27/);
  });

  it('asks for the educational advice request first once the case is being assessed', () => {
    expect(exceptionClaimError(factsAfter([assess('2025-07-01')]), claim('school_closure', ...SUMMER))).toMatch(/ADVICE_REQUESTED, contributor education/);
  });
});

describe('computeDeadlines with exceptions', () => {
  const pc = (from: string, to?: string): CaseEvent => claim('personal_circumstances', from, to);

  it('defaults a claim to every open limit it can relax and overlaps', () => {
    const facts = factsAfter([...ASSESSING, claim('missed_appointment', '2025-07-20', '2025-07-25')]);
    expect(facts.exceptions[0]?.limits).toEqual(['advice.education', 'advice.health']);
    expect(factsAfter([...ASSESSING, pc('2025-08-01', '2025-08-10')]).exceptions[0]?.limits).toEqual(['issueDecision', 'finalPlan', 'advice.education', 'advice.health']);
    // Ending 1 Jul, this absence overlaps neither advice period (from 2 and 18 Jul); the decision to assess is met.
    expect(factsAfter([...ASSESSING, claim('absence_from_area', '2025-06-02', '2025-07-01')]).exceptions[0]?.limits).toEqual(['issueDecision', 'finalPlan']);
  });

  it('shows a late decision to assess as exception, with the revised target', () => {
    const d = deadlinesFromEvents(INPUT, [pc('2025-06-10', '2025-06-30'), assess('2025-07-20')], '2025-08-01', STANDARD)[0];
    expect(d).toMatchObject({ name: 'decisionToAssess', dueOn: '2025-07-14', metOn: '2025-07-20', status: 'exception', revisedTarget: '2025-08-04' });
  });

  it('never excuses a late refusal to assess (reg 4(1) has no exceptions)', () => {
    const d = deadlinesFromEvents(INPUT, [pc('2025-06-10', '2025-06-30'), decline('2025-07-20')], '2025-08-01', STANDARD)[0];
    expect(d).toMatchObject({ status: 'met_late', revisedTarget: null, regulation: 'SEND Regs 2014 reg 4(1) and reg 5(1)' });
  });

  it('shows an undecided, overdue case under exception rather than breached', () => {
    expect(deadlinesFromEvents(INPUT, [pc('2025-06-10', '2025-06-30')], '2025-07-20', STANDARD)[0]).toMatchObject({ status: 'exception', metOn: null });
  });

  it('leaves a step met on time as met and a deadline not yet due as pending', () => {
    const all = deadlinesFromEvents(INPUT, [pc('2025-06-10', '2025-06-30'), assess('2025-07-01')], '2025-07-05', STANDARD);
    expect(all.map((d) => [d.name, d.status, d.revisedTarget])).toEqual([
      ['decisionToAssess', 'met', '2025-08-04'],
      ['issueDecision', 'pending', '2025-10-13'],
      ['finalPlan', 'pending', '2025-11-10'],
    ]);
  });

  it('extends an open exception to today, and adds the lengths of several', () => {
    const open = factsAfter([pc('2025-07-01')]);
    expect(computeDeadlines(open, '2025-07-20', STANDARD)[0]).toMatchObject({ status: 'exception', revisedTarget: '2025-08-03' });
    const two = factsAfter([pc('2025-06-10', '2025-06-19'), claim('absence_from_area', '2025-06-20', '2025-07-17')]);
    expect(computeDeadlines(two, '2025-07-20', STANDARD)[0]).toMatchObject({ revisedTarget: '2025-08-21' }); // 10 + 28 days
  });

  it('does not apply an exception on earlier advice to a new request for it', () => {
    const events = [...ASSESSING, claim('missed_appointment', '2025-07-20', '2025-07-25'), { type: 'ADVICE_RECEIVED', occurredOn: '2025-08-20', contributor: 'health' } as CaseEvent, requestAdvice('health', '2025-08-25')];
    expect(deadlinesFromEvents(INPUT, events, '2025-10-20', STANDARD).find((d) => d.name === 'advice.health')).toMatchObject({ status: 'breached', revisedTarget: null });
  });
});
