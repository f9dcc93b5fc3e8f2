/**
 * Properties of the limit model (issue 11, acceptance): for any set of exceptions the revised
 * target never precedes the due date and overlapping exceptions count once; a closed case has no
 * open limit; the status and the overdue rule agree; and the due-date arithmetic of every rule.
 */
import { describe, expect, it } from '@jest/globals';
import { LocalDate } from '@js-joda/core';
import fc from 'fast-check';
import {
  CLOSED_STATUSES,
  CONTRIBUTORS,
  EXCEPTION_KINDS,
  LATEST_MACHINE,
  NOTICES,
  SERVICE_METHODS,
  applyEvent,
  computeLimitRecords,
  isOverdue,
  limitStatus,
  startCase,
  type CaseEvent,
  type CaseFacts,
  type CaseStatus,
  type LimitRecord,
  type PersistedCaseSnapshot,
} from '../../workflows/ehc-needs-assessment/index.js';
import { daysCovered, dueDate, limitRecord, type ExceptionPeriod, type LimitInstance } from '../../workflows/limits/index.js';
import { isWorkingDay } from '../../workflows/calendar/working-days.js';

const day = (epochDay: number) => LocalDate.ofEpochDay(epochDay).toString();
const epoch = (date: string) => LocalDate.parse(date).toEpochDay();
const plus = (date: string, days: number) => day(epoch(date) + days);
const BASE = epoch('2015-01-01');
const date = fc.integer({ min: BASE, max: epoch('2090-12-31') }).map(day);

/** Exceptions relative to a period start: some begin before it, some are still running. */
const periodsAround = (start: string) =>
  fc.array(
    fc.record({ from: fc.integer({ min: -60, max: 200 }), length: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null, freq: 4 }) }),
    { maxLength: 6 },
  ).map((spans) => spans.map((s): ExceptionPeriod => ({ from: plus(start, s.from), to: s.length === null ? null : plus(start, s.from + s.length) })));

/** The days on or after `start` that some ended exception covers, counted one by one. */
function coveredByBruteForce(periods: ExceptionPeriod[], start: string): number {
  const days = new Set<number>();
  for (const p of periods) {
    if (p.to === null) continue;
    for (let d = Math.max(epoch(p.from), epoch(start)); d <= epoch(p.to); d++) days.add(d);
  }
  return days.size;
}

/** The union of the ended spans as disjoint spans (touching spans merged). */
function union(periods: ExceptionPeriod[]): ExceptionPeriod[] {
  const spans = periods.filter((p) => p.to !== null).map((p) => [epoch(p.from), epoch(p.to!)] as [number, number]).sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of spans) {
    const last = merged.at(-1);
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged.map(([from, to]) => ({ from: day(from), to: day(to) }));
}

function instance(start: string, weeks: number, exceptions: ExceptionPeriod[], ownTarget: string | null = null): LimitInstance {
  return {
    name: 'finalPlan',
    role: 'limit',
    statutory: true,
    regulation: 'SEND Regs 2014 reg 13(2)',
    periodStart: start,
    dueOn: plus(start, 7 * weeks),
    metOn: null,
    noticeAssumed: false,
    notApplicable: false,
    closedOn: null,
    exceptions,
    ownTarget,
    exceptionsPending: false,
  };
}

describe('revised targets (properties)', () => {
  const limit = date.chain((start) => fc.tuple(fc.constant(start), fc.constantFrom(6, 16, 20), periodsAround(start)));

  it('never puts the revised target before the due date, and holds a limit while any exception runs', () => {
    fc.assert(
      fc.property(limit, ([start, weeks, exceptions]) => {
        const record = limitRecord(instance(start, weeks, exceptions));
        if (record.revisedTarget !== null) expect(record.revisedTarget >= record.dueOn).toBe(true);
        if (record.targetOn !== null) expect(record.targetOn >= record.dueOn).toBe(true);
        const running = exceptions.some((e) => e.to === null);
        expect(record.held).toBe(running);
        expect(record.targetOn === null).toBe(running);
      }),
    );
  });

  it('moves the due date by exactly the days covered, counting each day once', () => {
    fc.assert(
      fc.property(limit, ([start, weeks, exceptions]) => {
        const ended = exceptions.filter((e) => e.to !== null);
        const covered = coveredByBruteForce(ended, start);
        expect(daysCovered(ended, start)).toBe(covered);
        const record = limitRecord(instance(start, weeks, ended));
        if (ended.length > 0) expect(record.revisedTarget).toBe(plus(record.dueOn, covered));
      }),
    );
  });

  it('counts a set of exceptions as its union: duplicating or reordering them changes nothing', () => {
    fc.assert(
      fc.property(date.chain((start) => fc.tuple(fc.constant(start), periodsAround(start))), ([start, exceptions]) => {
        const covered = daysCovered(exceptions, start);
        expect(daysCovered(union(exceptions), start)).toBe(covered);
        expect(daysCovered([...exceptions, ...exceptions], start)).toBe(covered);
        expect(daysCovered([...exceptions].reverse(), start)).toBe(covered);
      }),
    );
  });
});

describe('status and the overdue rule (properties)', () => {
  const record: fc.Arbitrary<LimitRecord> = fc
    .record({
      role: fc.constantFrom('limit', 'latest_date', 'window' as const),
      due: fc.integer({ min: BASE, max: BASE + 3000 }),
      target: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
      excepted: fc.boolean(),
    })
    .map(({ role, due, target, excepted }) => ({
      name: 'finalPlan',
      role,
      dueOn: day(due),
      metOn: null,
      open: true,
      closedOn: null,
      excepted: excepted || target === null,
      held: target === null,
      revisedTarget: target === null ? null : day(due + target),
      targetOn: target === null ? null : excepted ? day(due + target) : day(due),
      statutory: true,
      regulation: 'SEND Regs 2014 reg 13(2)',
      noticeAssumed: false,
      measuredFrom: null,
    }));

  it('calls an open limit breached exactly when it is overdue, and nothing else ever overdue', () => {
    fc.assert(
      fc.property(record, fc.integer({ min: BASE - 100, max: BASE + 3300 }), (limit, today) => {
        const status = limitStatus(limit, day(today));
        if (limit.role === 'limit') expect(status === 'breached').toBe(isOverdue(limit, day(today)));
        else expect(isOverdue(limit, day(today))).toBe(false);
        if (limit.role === 'latest_date') expect(status).not.toBe('breached');
      }),
    );
  });
});

/**
 * Random histories: each step proposes an event built from the case as it stands; the ones
 * the rules refuse are dropped, so every history that remains is one the engine accepts.
 */
const step = fc.record({
  gap: fc.integer({ min: 0, max: 25 }),
  // Weighted so that histories reach every status, closing ones included, through plans and exceptions.
  type: fc.oneof(
    ...([
      ['assess', 12], ['decline', 2], ['request', 15], ['receive', 12], ['issue', 9], ['notIssue', 2], ['draft', 9],
      ['final', 12], ['exception', 15], ['approve', 12], ['end', 12], ['notice', 9], ['withdraw', 1],
    ] as const).map(([type, weight]) => ({ weight, arbitrary: fc.constant(type) })),
  ),
  pick: fc.nat(20),
  back: fc.integer({ min: 0, max: 60 }),
  length: fc.option(fc.integer({ min: 0, max: 70 }), { nil: undefined }),
  method: fc.constantFrom(...SERVICE_METHODS),
  flag: fc.boolean(),
});
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

const BODIES = [undefined, 'Paediatrics', 'Speech and language therapy', 'Occupational therapy'];

function eventFor(s: Step, on: string, facts: CaseFacts): CaseEvent {
  const notice = s.flag ? { notice: { sentOn: plus(on, s.pick % 3), method: s.method } } : {};
  const contributor = CONTRIBUTORS[s.pick % 3 === 0 ? 2 : s.pick % CONTRIBUTORS.length];
  const seqs = facts.exceptions.map((e) => e.seq);
  const seq = seqs.length === 0 ? 1 : seqs[s.pick % seqs.length];
  switch (s.type) {
    case 'assess': return { type: 'DECISION_TO_ASSESS', occurredOn: on, decision: 'assess', ...notice };
    case 'decline': return { type: 'DECISION_TO_ASSESS', occurredOn: on, decision: 'decline', reasons: 'Needs met by the graduated response', ...notice };
    case 'request': return { type: 'ADVICE_REQUESTED', occurredOn: on, contributor, method: s.method, ...(BODIES[s.pick % 4] ? { body: BODIES[s.pick % 4] } : {}) };
    case 'receive': {
      const outstanding = facts.advice.filter((a) => a.receivedOn === undefined);
      const request = outstanding[s.pick % Math.max(1, outstanding.length)];
      return { type: 'ADVICE_RECEIVED', occurredOn: on, contributor: request?.contributor ?? contributor, ...(request && s.flag ? { request: request.name } : {}) };
    }
    case 'issue': return { type: 'DECISION_TO_ISSUE', occurredOn: on, decision: 'issue', ...notice };
    case 'notIssue': return { type: 'DECISION_TO_ISSUE', occurredOn: on, decision: 'not_issue', reasons: 'Needs met without a plan', ...notice };
    case 'draft': return { type: 'DRAFT_PLAN_ISSUED', occurredOn: on, ...notice };
    case 'final': return { type: 'FINAL_PLAN_ISSUED', occurredOn: on, ...notice, ...(s.pick % 2 === 0 ? { representationsWaivedOn: on } : {}) };
    case 'exception': {
      const from = plus(on, -s.back);
      const to = s.length === undefined ? {} : { to: plus(from, Math.min(s.length, s.back)) };
      return { type: 'EXCEPTION_RECORDED', occurredOn: on, exception: EXCEPTION_KINDS[s.pick % EXCEPTION_KINDS.length], from, ...to, ...(s.flag ? { approvedBy: 'manager-1' } : {}) };
    }
    case 'approve': return { type: 'EXCEPTION_APPROVED', occurredOn: on, exceptionSeq: seq, approvedBy: 'manager-1', ...(s.length !== undefined && s.length > 50 ? { revisedTarget: plus(on, 200) } : {}) };
    case 'end': return { type: 'EXCEPTION_ENDED', occurredOn: on, exceptionSeq: seq, to: plus(on, -Math.min(s.back, 10)) };
    case 'notice': return { type: 'NOTICE_SENT', occurredOn: on, notice: NOTICES[s.pick % NOTICES.length], sentOn: on, method: s.method, ...(s.flag ? { recipient: 'ICB' } : {}) };
    case 'withdraw': return { type: 'WITHDRAWN', occurredOn: on, reason: 'Parent withdrew the request' };
  }
}

interface Run {
  status: CaseStatus;
  facts: CaseFacts;
  accepted: CaseEvent[];
  lastOn: string;
}

function run(t0: string, steps: Step[]): Run {
  const started = startCase({ requestReceivedOn: t0, requestSource: 'parent' });
  let snapshot: PersistedCaseSnapshot = started.snapshot;
  let state: Run = { status: started.status, facts: started.facts, accepted: [], lastOn: t0 };
  let on = t0;
  for (const s of steps) {
    on = plus(on, s.gap);
    const event = eventFor(s, on, state.facts);
    const result = applyEvent(LATEST_MACHINE, snapshot, event);
    if (!result.ok) continue;
    snapshot = result.snapshot;
    state = { status: result.status, facts: result.facts, accepted: [...state.accepted, event], lastOn: on };
  }
  return state;
}

const history = fc.tuple(fc.integer({ min: epoch('2020-01-01'), max: epoch('2035-12-31') }).map(day), fc.array(step, { minLength: 10, maxLength: 60 }));

describe('random accepted histories (properties)', () => {
  it('leave no open limit once the case is closed, in both counting modes', () => {
    fc.assert(
      fc.property(history, ([t0, steps]) => {
        const { status, facts } = run(t0, steps);
        for (const strictMode of [false, true]) {
          const records = computeLimitRecords(facts, { strictMode });
          if (CLOSED_STATUSES.includes(status)) expect(records.filter((r) => r.open)).toEqual([]);
          for (const r of records) {
            // Facts only: an open limit has neither its step nor a closing day.
            if (r.open) expect([r.metOn, r.closedOn]).toEqual([null, null]);
            if (r.revisedTarget !== null) expect(r.revisedTarget >= r.dueOn).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('reach the closed statuses often enough to mean something', () => {
    const statuses = fc.sample(history, { numRuns: 150, seed: 11 }).map(([t0, steps]) => run(t0, steps).status);
    expect(statuses.filter((s) => CLOSED_STATUSES.includes(s)).length).toBeGreaterThan(30);
    expect(new Set(statuses).size).toBeGreaterThanOrEqual(6);
  });

  it('agree on breached and overdue for every open limit, on any day', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: 400 }), ([t0, steps], offset) => {
        const { facts } = run(t0, steps);
        const today = plus(t0, offset);
        for (const r of computeLimitRecords(facts, { strictMode: false })) {
          if (r.open && r.role === 'limit') expect(limitStatus(r, today) === 'breached').toBe(isOverdue(r, today));
          if (!r.open) expect(isOverdue(r, today)).toBe(false);
        }
      }),
      { numRuns: 100 },
    );
  });
});

/** England's bank holidays 2025-2027 (gov.uk), substitute days included. */
const BANK_HOLIDAYS = new Set([
  '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26',
  '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
  '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28',
]);
const workingByHand = (d: string) => LocalDate.parse(d).dayOfWeek().value() <= 5 && !BANK_HOLIDAYS.has(d);
const daysInMonth = (year: number, month: number) => LocalDate.of(year, month, 1).lengthOfMonth();
/** The corresponding date N months on, or that month's last day (domain 5.2), by hand. */
function monthsByHand(start: string, n: number): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return LocalDate.of(year, month, Math.min(d, daysInMonth(year, month))).toString();
}

describe('due-rules arithmetic (properties)', () => {
  const strictMode = fc.boolean();

  it('puts "within N weeks" at +7N days, one day earlier in strict mode', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 52 }), strictMode, (start, weeks, strict) => {
        expect(dueDate({ weeks }, start, { strictMode: strict })).toBe(plus(start, 7 * weeks - (strict ? 1 : 0)));
      }),
    );
  });

  it('counts "N days beginning with" from day 1, so the last day is +N-1, in either mode', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 60 }), strictMode, (start, n, strict) => {
        expect(dueDate({ daysBeginningWith: n }, start, { strictMode: strict })).toBe(plus(start, n - 1));
      }),
    );
  });

  it('ends "12 months starting with" the day before the corresponding date, with the month-end rule', () => {
    fc.assert(
      fc.property(fc.oneof(date, fc.constantFrom('2024-02-29', '2023-03-31', '2024-08-31', '2025-01-31')), (start) => {
        expect(dueDate({ monthsStartingWith: 12 }, start, { strictMode: false })).toBe(plus(monthsByHand(start, 12), -1));
        expect(dueDate({ months: 2 }, start, { strictMode: false })).toBe(monthsByHand(start, 2));
      }),
    );
    expect(dueDate({ monthsStartingWith: 12 }, '2026-02-02', { strictMode: false })).toBe('2027-02-01');
    expect(dueDate({ monthsStartingWith: 12 }, '2024-02-29', { strictMode: false })).toBe('2025-02-27');
    expect(dueDate({ months: 1 }, '2025-01-31', { strictMode: false })).toBe('2025-02-28');
  });

  const day2025to2027 = fc.integer({ min: epoch('2025-01-01'), max: epoch('2027-10-31') }).map(day);

  it('skips weekends and England\'s bank holidays (and nothing else) in working days', () => {
    fc.assert(fc.property(fc.integer({ min: epoch('2025-01-01'), max: epoch('2027-12-31') }).map(day), (d) => expect(isWorkingDay(d)).toBe(workingByHand(d))));
  });

  it('counts "N working days after" from the next working day, and "beginning with" from the day itself', () => {
    fc.assert(
      fc.property(day2025to2027, fc.integer({ min: 1, max: 30 }), (start, n) => {
        const after = dueDate({ workingDaysAfter: n }, start, { strictMode: false });
        const beginning = dueDate({ workingDaysBeginningWith: n }, start, { strictMode: false });
        let count = 0;
        let d = start;
        while (count < n) {
          d = plus(d, 1);
          if (workingByHand(d)) count++;
        }
        expect(after).toBe(d);
        let first = start;
        while (!workingByHand(first)) first = plus(first, 1);
        let end = first;
        for (let left = n - 1; left > 0; ) {
          end = plus(end, 1);
          if (workingByHand(end)) left--;
        }
        expect(beginning).toBe(end);
      }),
    );
  });
});
