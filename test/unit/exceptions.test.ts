import { describe, expect, it } from '@jest/globals';
import {
  EXCEPTION_KINDS,
  LATEST_MACHINE,
  applyEvent,
  closureWindow,
  computeDeadlines,
  computeLimitRecords,
  isOverdue,
  planAlerts,
  deadlinesFromEvents,
  exceptionClaimError,
  replayEvents,
  type CaseEvent,
  type ExceptionKind,
  type ExceptionRecordedEvent,
} from '../../workflows/ehc-needs-assessment/index.js';
import { INPUT, MANAGER, approve, approvedException, assess, decline, draft, endException, exception, finalPlan, issue, receiveAdvice, requestAdvice } from './fixtures/cases.js';

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
  // Reg 8(2)(b): an absence needs 4 weeks inside the advice period (2 Jul to 13 Aug): 10 Jul to 13 Aug is 35 days.
  'advice.health': { events: ASSESSING, period: ['2025-07-10', '2025-09-02'] },
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
    ['a default claim nothing open can take', [], claim('personal_circumstances', '2025-11-01', '2025-11-10'), /relaxes none of this case's open deadlines \(decisionToAssess, issueDecision, finalPlan\)/],
    ['an absence with 22 days inside the advice period it is claimed against', ASSESSING, claim('absence_from_area', ...SUMMER, ['advice.health']), /within the period of advice.health \(2025-07-02 to 2025-08-13\).*22 days/],
    ['a missed appointment that names no deadline', ASSESSING, claim('missed_appointment', '2025-07-20', '2025-07-25'), /reg 8\(2\)\(c\).*name that one advice deadline/],
    ['a missed appointment against two bodies\' advice', ASSESSING, claim('missed_appointment', '2025-07-20', '2025-07-25', ['advice.health', 'advice.education']), /name that one advice deadline/],
    ['a missed appointment against the final plan', ASSESSING, claim('missed_appointment', '2025-07-20', '2025-07-25', ['finalPlan']), /^missed_appointment cannot relax finalPlan: .*reg 8\(2\)\(c\)/],
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
  const pc = (from: string, to?: string): CaseEvent => approvedException('personal_circumstances', from, to);
  const limitOf = (events: CaseEvent[], name: string, today: string) => deadlinesFromEvents(INPUT, events, today, STANDARD).find((d) => d.name === name)!;

  it('defaults a claim to every open limit it can relax and overlaps', () => {
    expect(factsAfter([...ASSESSING, claim('personal_circumstances', '2025-08-01', '2025-08-10')]).exceptions[0]?.limits).toEqual(['issueDecision', 'finalPlan', 'advice.health', 'advice.education']);
    // Ending 1 Jul, this absence overlaps neither advice period (from 2 and 18 Jul); the decision to assess is met.
    expect(factsAfter([...ASSESSING, claim('absence_from_area', '2025-06-02', '2025-07-01')]).exceptions[0]?.limits).toEqual(['issueDecision', 'finalPlan']);
  });

  it('shows a late decision to assess under an approved exception as exception, with the revised target', () => {
    const d = limitOf([pc('2025-06-10', '2025-06-30'), assess('2025-07-20')], 'decisionToAssess', '2025-08-01');
    expect(d).toMatchObject({ dueOn: '2025-07-14', metOn: '2025-07-20', status: 'exception', excepted: true, revisedTarget: '2025-08-04', targetOn: '2025-08-04' });
  });

  it('lets a proposed exception relax nothing until a manager approves it', () => {
    const proposed = [exception('personal_circumstances', '2025-06-10', '2025-06-30'), assess('2025-07-20')];
    expect(factsAfter(proposed).exceptions[0]).toMatchObject({ seq: 1, limits: ['decisionToAssess', 'issueDecision', 'finalPlan'] });
    expect(factsAfter(proposed).exceptions[0]?.approvedBy).toBeUndefined();
    expect(limitOf(proposed, 'decisionToAssess', '2025-08-01')).toMatchObject({ status: 'met_late', excepted: false, revisedTarget: null, targetOn: '2025-07-14' });
    const approved = [...proposed, approve(1, '2025-07-25')];
    expect(factsAfter(approved).exceptions[0]).toMatchObject({ approvedBy: MANAGER, approvedOn: '2025-07-25' });
    expect(limitOf(approved, 'decisionToAssess', '2025-08-01')).toMatchObject({ status: 'exception', revisedTarget: '2025-08-04' });
  });

  it('never excuses a late refusal to assess (reg 4(1) has no exceptions)', () => {
    const d = limitOf([pc('2025-06-10', '2025-06-30'), decline('2025-07-20')], 'decisionToAssess', '2025-08-01');
    expect(d).toMatchObject({ status: 'met_late', revisedTarget: null, regulation: 'SEND Regs 2014 reg 4(1) and reg 5(1)' });
  });

  it('keeps an undecided case breached on the original 6-week date whatever exception is recorded (reg 4(1))', () => {
    const ownTarget = [exception('personal_circumstances', '2025-06-10', undefined, { occurredOn: '2025-06-10' }), approve(1, '2025-06-11', '2025-11-01')];
    for (const events of [[pc('2025-06-10', '2025-06-30')], [pc('2025-06-10')], ownTarget]) {
      const d = limitOf(events, 'decisionToAssess', '2025-07-20');
      expect(d).toMatchObject({ status: 'breached', metOn: null, open: true, excepted: false, held: false, targetOn: '2025-07-14' });
      const plan = planAlerts(computeLimitRecords(factsAfter(events), STANDARD), { warningWorkingDays: [10, 5], alertTime: '08:00' }, new Date('2025-07-20T12:00:00Z'));
      expect(plan.now.filter((a) => a.deadline === 'decisionToAssess').map((a) => `${a.slot}@${a.on}`)).toEqual(['breach@2025-07-15']);
    }
    expect(limitOf([pc('2025-06-10', '2025-06-30')], 'decisionToAssess', '2025-07-20').revisedTarget).toBe('2025-08-04');
    // Once the decision is to assess, the exception applies to it (reg 5(4)).
    expect(limitOf([pc('2025-06-10', '2025-06-30'), assess('2025-07-25')], 'decisionToAssess', '2025-07-26')).toMatchObject({ status: 'exception', metOn: '2025-07-25' });
  });

  it('leaves a step met on time as met and a deadline not yet due as pending', () => {
    const all = deadlinesFromEvents(INPUT, [pc('2025-06-10', '2025-06-30'), assess('2025-07-01')], '2025-07-05', STANDARD);
    expect(all.map((d) => [d.name, d.status, d.revisedTarget])).toEqual([
      ['decisionToAssess', 'met', '2025-08-04'],
      ['issueDecision', 'exception', '2025-10-13'],
      ['finalPlan', 'exception', '2025-11-10'],
    ]);
  });

  it('holds a limit while its exception runs: no target, no alerts, never overdue, and nothing grows with today', () => {
    const events = [assess('2025-07-01'), pc('2025-07-03')];
    const early = limitOf(events, 'finalPlan', '2025-07-20');
    const late = limitOf(events, 'finalPlan', '2026-03-01');
    expect(early).toMatchObject({ status: 'exception', open: true, excepted: true, held: true, targetOn: null, revisedTarget: null });
    expect(late).toEqual(early);
    expect(isOverdue(late, '2026-03-01')).toBe(false);
    const records = computeLimitRecords(factsAfter(events), STANDARD);
    expect(planAlerts(records, { warningWorkingDays: [10, 5], alertTime: '08:00' }, new Date('2026-03-01T12:00:00Z')).later.filter((a) => a.deadline === 'finalPlan')).toEqual([]);
  });

  it('adds the days several exceptions cover, counting days they share once', () => {
    const absence = approvedException('absence_from_area', '2025-06-13', '2025-07-14'); // 32 days, all inside the 6 weeks
    const apart = factsAfter([pc('2025-06-03', '2025-06-09'), absence]); // 7 + 32 days
    expect(computeDeadlines(apart, '2025-07-20', STANDARD)[0]).toMatchObject({ revisedTarget: '2025-08-22' });
    const overlapping = factsAfter([pc('2025-06-10', '2025-06-19'), absence]); // 10 June to 14 July: 35 days
    expect(computeDeadlines(overlapping, '2025-07-20', STANDARD)[0]).toMatchObject({ revisedTarget: '2025-08-18' });
  });

  it('does not apply an exception on earlier advice to a new request for it', () => {
    const missed = approvedException('missed_appointment', '2025-07-20', '2025-07-25', { limits: ['advice.health'] });
    const events = [...ASSESSING, missed, receiveAdvice('health', '2025-08-20'), requestAdvice('health', '2025-08-25')];
    const all = deadlinesFromEvents(INPUT, events, '2025-10-20', STANDARD);
    expect(all.find((d) => d.name === 'advice.health')).toMatchObject({ status: 'met_late', metOn: '2025-08-20', revisedTarget: '2025-08-19' });
    expect(all.find((d) => d.name === 'advice.health.2')).toMatchObject({ dueOn: '2025-10-06', status: 'breached', revisedTarget: null });
    expect(all.find((d) => d.name === 'advice.education')).toMatchObject({ excepted: false, revisedTarget: null });
  });
});

describe('exceptions: proposed, approved, ended', () => {
  // A caseworker records personal circumstances running from 1 Jul (seq 1); a manager approves it.
  const PROPOSED = [assess('2025-07-01'), requestAdvice('health', '2025-07-02'), exception('personal_circumstances', '2025-07-01', undefined, { occurredOn: '2025-07-05' })];
  const APPROVED = [...PROPOSED, approve(1, '2025-07-07')];
  const ENDED = [...APPROVED, endException(1, '2025-07-21', '2025-07-22')];
  const finalOf = (events: CaseEvent[], today: string) => deadlinesFromEvents(INPUT, events, today, STANDARD).find((d) => d.name === 'finalPlan')!;
  const refusalOf = (events: CaseEvent[], event: CaseEvent): string => {
    const result = applyEvent(LATEST_MACHINE, replayEvents(INPUT, events).snapshot, event);
    if (result.ok) throw new Error(`${event.type} was accepted`);
    expect(result.code).toBe('CASE_EVENT_REFUSED');
    return result.message;
  };

  it('relaxes nothing while proposed, holds the limit once approved, and gives a revised target once ended', () => {
    expect(finalOf(PROPOSED, '2025-07-06')).toMatchObject({ status: 'pending', excepted: false, held: false, targetOn: '2025-10-20' });
    expect(finalOf(APPROVED, '2025-07-08')).toMatchObject({ status: 'exception', excepted: true, held: true, targetOn: null });
    // 1 to 21 July is 21 days of the 20-week period; the advice period starts on 2 July, so 20 of its days.
    const ended = deadlinesFromEvents(INPUT, ENDED, '2025-07-22', STANDARD);
    expect(ended.map((d) => [d.name, d.held, d.revisedTarget, d.targetOn])).toEqual([
      ['decisionToAssess', false, null, '2025-07-14'],
      ['issueDecision', false, '2025-10-13', '2025-10-13'],
      ['finalPlan', false, '2025-11-10', '2025-11-10'],
      ['advice.health', false, '2025-09-02', '2025-09-02'],
    ]);
    expect(factsAfter(ENDED).exceptions[0]).toMatchObject({ to: '2025-07-21', approvedBy: MANAGER, approvedOn: '2025-07-07' });
  });

  it('alerts on the revised target and is breached, and overdue, once it passes', () => {
    expect(finalOf(ENDED, '2025-11-10')).toMatchObject({ status: 'exception', open: true });
    expect(isOverdue(finalOf(ENDED, '2025-11-10'), '2025-11-10')).toBe(false);
    expect(finalOf(ENDED, '2025-11-11')).toMatchObject({ status: 'breached', open: true });
    expect(isOverdue(finalOf(ENDED, '2025-11-11'), '2025-11-11')).toBe(true);
    const records = computeLimitRecords(factsAfter(ENDED), STANDARD).filter((r) => r.name === 'finalPlan');
    const plan = planAlerts(records, { warningWorkingDays: [10, 5], alertTime: '08:00' }, new Date('2025-07-22T12:00:00Z'));
    expect(plan.later.map((a) => `${a.kind}:${a.slot}@${a.on}`)).toEqual([
      'deadline_warning:w10@2025-10-27',
      'deadline_warning:w5@2025-11-03',
      'deadline_warning:due@2025-11-10',
      'deadline_breach:breach@2025-11-11',
    ]);
  });

  it('counts a plan by the revised target as exception, and one after it as met_late', () => {
    const plan = (on: string) => [...ENDED, issue('2025-08-20'), draft('2025-09-01'), finalPlan(on)];
    expect(finalOf(plan('2025-11-05'), '2025-12-01')).toMatchObject({ status: 'exception', metOn: '2025-11-05', open: false });
    expect(finalOf(plan('2025-11-10'), '2025-12-01')).toMatchObject({ status: 'exception' });
    expect(finalOf(plan('2025-11-11'), '2025-12-01')).toMatchObject({ status: 'met_late' });
  });

  it('takes the authority\'s own revised target at once, even while the exception runs', () => {
    const own = [...PROPOSED, approve(1, '2025-07-07', '2025-12-01')];
    expect(finalOf(own, '2025-12-01')).toMatchObject({ status: 'exception', held: false, revisedTarget: '2025-12-01', targetOn: '2025-12-01' });
    expect(finalOf(own, '2025-12-02')).toMatchObject({ status: 'breached' });
    // An own target given when it ends replaces the default one.
    expect(finalOf([...APPROVED, endException(1, '2025-07-21', '2025-07-22', '2025-12-15')], '2025-12-01')).toMatchObject({ revisedTarget: '2025-12-15', targetOn: '2025-12-15' });
  });

  it.each<[string, CaseEvent[], CaseEvent, RegExp]>([
    ['an approval of an exception that was never recorded', PROPOSED, approve(9, '2025-07-07'), /No exception was recorded as event 9 of this case; its exceptions are events 1/],
    ['a second approval', APPROVED, approve(1, '2025-07-08'), /already approved on 2025-07-07/],
    ['an approval by an account without delegated authority', PROPOSED, { type: 'EXCEPTION_APPROVED', occurredOn: '2025-07-07', exceptionSeq: 1 }, /Only a manager with delegated authority/],
    ['an approval dated before the exception was recorded', PROPOSED, approve(1, '2025-07-04'), /cannot be dated 2025-07-04, before the exception was recorded on 2025-07-05/],
    ['an own target before the due date it revises', PROPOSED, approve(1, '2025-07-07', '2025-10-01'), /revised target \(2025-10-01\) cannot come before the due date it revises \(2025-10-20\)/],
    ['an end before the exception started', APPROVED, endException(1, '2025-06-30', '2025-07-22'), /cannot end \(2025-06-30\) before it started \(2025-07-01\)/],
    ['an end of an exception that has already ended', ENDED, endException(1, '2025-07-25', '2025-07-26'), /already ends on 2025-07-21.*corrections/],
    ['an end recorded before it happens', APPROVED, endException(1, '2025-07-30', '2025-07-22'), /cannot be recorded before it happens/],
    ['an end of an exception that was never recorded', APPROVED, endException(2, '2025-07-21', '2025-07-22'), /No exception was recorded as event 2/],
  ])('refuses %s', (_, history, event, message) => {
    expect(refusalOf(history, event)).toMatch(message);
  });

  it('lapses an ended absence for the limits within whose period it lasted under 4 weeks (reg 8(2)(b), reg 10(4)(d))', () => {
    const absent = [assess('2025-07-01'), requestAdvice('health', '2025-07-02'), approvedException('absence_from_area', '2025-07-20', undefined, { occurredOn: '2025-07-20' })];
    expect(factsAfter(absent).exceptions[0]?.limits).toEqual(['issueDecision', 'finalPlan', 'advice.health']);
    const ended = [...absent, endException(1, '2025-09-10', '2025-09-11')];
    // 20 Jul to 13 Aug is 25 days of the advice period; 20 Jul to 10 Sep is 53 days of the 16 and 20 weeks.
    expect(factsAfter(ended).exceptions[0]?.lapsed).toEqual([{ limit: 'advice.health', reason: expect.stringMatching(/advice.health \(2025-07-02 to 2025-08-13\).*25 days/) }]);
    const all = deadlinesFromEvents(INPUT, ended, '2025-09-11', STANDARD);
    expect(all.map((d) => [d.name, d.excepted, d.targetOn, d.status])).toEqual([
      ['decisionToAssess', false, '2025-07-14', 'met'],
      ['issueDecision', true, '2025-11-14', 'exception'],
      ['finalPlan', true, '2025-12-12', 'exception'],
      ['advice.health', false, '2025-08-13', 'breached'],
    ]);
  });

  it('checks a closure recorded before the decision to assess against the educational advice request window', () => {
    // Summer closure 23 Jul to 2 Sep: advice requested 16 Jul to 27 Aug qualifies (domain section 4).
    const closure = approvedException('school_closure', ...SUMMER, { occurredOn: '2025-07-10' });
    expect(exceptionClaimError(factsAfter([]), closure)).toBeNull();
    const inWindow = [closure, assess('2025-07-11'), requestAdvice('education', '2025-07-18')];
    const tooEarly = [closure, assess('2025-07-11'), requestAdvice('education', '2025-07-14')];
    expect(factsAfter(inWindow).exceptions[0]?.limits).toEqual(['issueDecision', 'finalPlan']);
    expect(finalOf([closure, assess('2025-07-11')], '2025-07-12')).toMatchObject({ excepted: false, targetOn: '2025-10-20' });
    expect(finalOf(inWindow, '2025-09-03')).toMatchObject({ excepted: true, revisedTarget: '2025-12-01' }); // + 42 days
    expect(finalOf(tooEarly, '2025-09-03')).toMatchObject({ excepted: false, revisedTarget: null, targetOn: '2025-10-20' });
  });
});
