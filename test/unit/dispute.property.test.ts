import { describe, expect, it } from '@jest/globals';
import { LocalDate } from '@js-joda/core';
import fc from 'fast-check';
import { isWorkingDay } from '../../workflows/calendar/working-days.js';
import {
  ACTIONS_FOR_DECISION,
  DISPUTED_DECISIONS,
  ORDER_STEPS,
  allowedDisputeEvents,
  applyDisputeEvent,
  computeDisputeDeadlines,
  disputeMachines,
  pendingDuties,
  replayDisputeEvents,
  startDispute,
  type DisputeEvent,
  type DisputeEventType,
  type DisputeInput,
  type DisputeState,
  type OrderAction,
} from '../../workflows/ehc-dispute/index.js';

const FIRST = LocalDate.parse('2000-01-01').toEpochDay();
const LAST = LocalDate.parse('2090-12-31').toEpochDay();
const anyDay = fc.oneof(
  fc.integer({ min: FIRST, max: LAST }).map((d) => LocalDate.ofEpochDay(d).toString()),
  // Month ends and leap days, where month arithmetic goes wrong.
  fc.constantFrom('2026-12-31', '2027-12-31', '2027-12-30', '2024-12-31', '2025-10-31', '2026-01-31', '2023-12-29', '2028-01-31'),
);
const OPTIONS = { strictMode: false };
const input = (noticeSentOn: string, decision: DisputeInput['decision'] = 'refusal_to_assess'): DisputeInput => ({ decision, decidedOn: noticeSentOn, noticeSentOn, appealBufferWorkingDays: 10 });

/** N calendar months after a day, by hand: the same day number, or the month's last day when it has fewer. */
function monthsAfter(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

const daysFrom = (from: string, to: string) => LocalDate.parse(to).toEpochDay() - LocalDate.parse(from).toEpochDay();
const deadline = (state: DisputeState, today: string, name: string) => computeDisputeDeadlines(state.facts, today, OPTIONS).find((d) => d.name === name)!;

describe('the appeal window over month ends (properties, 2000-2090)', () => {
  it('the hand arithmetic itself: 31 December + 2 months is the last day of February', () => {
    expect(monthsAfter('2026-12-31', 2)).toBe('2027-02-28');
    expect(monthsAfter('2027-12-31', 2)).toBe('2028-02-29');
    expect(monthsAfter('2026-01-31', 1)).toBe('2026-02-28');
  });

  it('with no certificate, the appeal date is notice + 2 months, on it or the first working day after', () => {
    fc.assert(
      fc.property(anyDay, (noticeSentOn) => {
        const appeal = deadline(replayDisputeEvents(input(noticeSentOn), []), noticeSentOn, 'appeal');
        const twoMonths = monthsAfter(noticeSentOn, 2);
        expect(isWorkingDay(appeal.dueOn)).toBe(true);
        expect(appeal.dueOn >= twoMonths).toBe(true);
        // Never past the next working day: nothing between the two dates is a working day.
        for (let day = LocalDate.parse(twoMonths); day.toString() < appeal.dueOn; day = day.plusDays(1)) expect(isWorkingDay(day.toString())).toBe(false);
      }),
    );
  });

  it('with a certificate, the later of notice + 2 months and certificate + 1 month, moved to a working day', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 0, max: 120 }), (noticeSentOn, certificateAfter) => {
        const certificate = LocalDate.parse(noticeSentOn).plusDays(certificateAfter).toString();
        const state = replayDisputeEvents(input(noticeSentOn), [
          { type: 'MEDIATION_ADVICE_CONTACTED', occurredOn: certificate },
          { type: 'MEDIATION_DECLINED', occurredOn: certificate },
          { type: 'CERTIFICATE_ISSUED', occurredOn: certificate },
        ]);
        const later = [monthsAfter(noticeSentOn, 2), monthsAfter(certificate, 1)].sort()[1];
        const due = deadline(state, certificate, 'appeal').dueOn;
        expect(isWorkingDay(due)).toBe(true);
        expect(due >= later && daysFrom(later, due) <= 5).toBe(true);
      }),
    );
  });
});

describe('orders (properties)', () => {
  const weeks: Record<(typeof ORDER_STEPS)[number], (actions: OrderAction[]) => number> = {
    orderNotice: () => 2,
    orderIssueDecision: () => 10,
    orderDraftPlan: () => 5,
    orderFinalPlan: (actions) => (actions.includes('issue_plan') ? 11 : 14),
    orderAmendedPlan: () => 5,
    orderSchoolNamed: () => 2,
    orderCease: () => 0,
  };
  const decisionsWithOrders = DISPUTED_DECISIONS.filter((d) => ACTIONS_FOR_DECISION[d].length > 0);

  it('every step of any order is due its weeks after the order, on any day', () => {
    fc.assert(
      fc.property(anyDay, fc.constantFrom(...decisionsWithOrders), fc.integer({ min: 1, max: 400 }), (noticeSentOn, decision, orderAfter) => {
        const orderOn = LocalDate.parse(noticeSentOn).plusDays(orderAfter + 1).toString();
        const actions = [...ACTIONS_FOR_DECISION[decision]];
        const state = replayDisputeEvents(input(noticeSentOn, decision), [
          { type: 'APPEAL_REGISTERED', occurredOn: LocalDate.parse(noticeSentOn).plusDays(1).toString() },
          { type: 'TRIBUNAL_DECIDED', occurredOn: orderOn, outcome: 'appeal_allowed', actions },
        ]);
        const steps = computeDisputeDeadlines(state.facts, orderOn, OPTIONS).filter((d) => (ORDER_STEPS as readonly string[]).includes(d.name));
        expect(steps.length).toBeGreaterThan(0);
        for (const step of steps) expect(daysFrom(orderOn, step.dueOn)).toBe(7 * weeks[step.name as (typeof ORDER_STEPS)[number]](actions));
      }),
    );
  });
});

/** A plausible event of a type on a day; the rules refuse the implausible ones, which the walk then skips. */
function eventOf(type: DisputeEventType, on: string, pick: number, decision: DisputeInput['decision']): DisputeEvent {
  const actions = ACTIONS_FOR_DECISION[decision];
  const action = actions[pick % Math.max(1, actions.length)];
  switch (type) {
    case 'MEDIATION_REQUESTED': return { type, occurredOn: on, healthMatters: pick % 2 === 0 };
    case 'MEDIATION_ENDED': return pick % 3 === 0 ? { type, occurredOn: on } : { type, occurredOn: on, agreement: { action: pick % 3 === 1 || !action ? 'other' : action, terms: 'Agreed' } };
    case 'APPEAL_CONCEDED': return { type, occurredOn: on, actions: action ? [action] : [] };
    case 'TRIBUNAL_DECIDED': return pick % 2 === 0 || !action ? { type, occurredOn: on, outcome: 'appeal_dismissed' } : { type, occurredOn: on, outcome: 'appeal_allowed', actions: [action] };
    case 'ORDER_STEP_MET': return { type, occurredOn: on, step: ORDER_STEPS[pick % ORDER_STEPS.length], decision: pick % 2 === 0 ? 'issue' : 'not_issue' };
    case 'EXCEPTION_RECORDED': {
      const step = ORDER_STEPS[pick % ORDER_STEPS.length];
      // An open absence (its end recorded later), a fortnight's absence, or a day's personal circumstances.
      if (pick % 3 === 0) return { type, occurredOn: on, exception: 'absence_from_area', step, from: on, approvedBy: 'manager-1' };
      if (pick % 3 === 1) return { type, occurredOn: on, exception: 'absence_from_area', step, from: on, to: LocalDate.parse(on).plusDays(13).toString(), approvedBy: 'manager-1' };
      return { type, occurredOn: on, exception: 'personal_circumstances', step, from: on, to: on, approvedBy: 'manager-1' };
    }
    case 'EXCEPTION_APPROVED': return { type, occurredOn: on, exceptionSeq: 1, approvedBy: 'manager-1' };
    case 'EXCEPTION_ENDED': return { type, occurredOn: on, exceptionSeq: 1, to: on };
    case 'SETTLED': return { type, occurredOn: on, terms: 'The authority will assess' };
    case 'ASSIGNED': return { type, occurredOn: on, assigneeId: 'caseworker-1' };
    default: return { type, occurredOn: on } as DisputeEvent;
  }
}

describe('random accepted histories (properties)', () => {
  it('closed exactly when nothing is owed, and a closed dispute has no open limit', () => {
    fc.assert(
      fc.property(
        anyDay,
        fc.constantFrom(...DISPUTED_DECISIONS),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 60 }), fc.nat()), { maxLength: 25 }),
        (noticeSentOn, decision, moves) => {
          let state: DisputeState = startDispute(input(noticeSentOn, decision));
          let on = noticeSentOn;
          for (const [choice, gap, pick] of moves) {
            const allowed = allowedDisputeEvents(disputeMachines.latest, state.snapshot);
            if (allowed.length === 0) break;
            on = LocalDate.parse(on).plusDays(gap).toString();
            const result = applyDisputeEvent(disputeMachines.latest, state.snapshot, eventOf(allowed[choice % allowed.length], on, pick, decision));
            if (!result.ok) {
              expect(result.code).toBe('DISPUTE_EVENT_REFUSED');
              continue;
            }
            state = result;
            const owed = pendingDuties(state.facts);
            if (state.status === 'closed') {
              expect(owed).toEqual([]);
              expect(state.facts.closedOn).toBeDefined();
              expect(computeDisputeDeadlines(state.facts, on, OPTIONS).filter((d) => d.open)).toEqual([]);
            }
            if (state.status === 'complying') expect(owed.length).toBeGreaterThan(0);
            if (state.status !== 'closed') expect(state.facts.closedOn).toBeUndefined();
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Where each limit's period starts, read from the facts by hand: an order step's name carries its order's place when not the latest. */
function periodStartOf(facts: DisputeState['facts'], name: string): string {
  const [kind, n] = name.split('.');
  const m = facts.mediation;
  if ((ORDER_STEPS as readonly string[]).includes(kind)) return facts.orders[n === undefined ? facts.orders.length - 1 : Number(n) - 1].on;
  switch (kind) {
    case 'mediationAgreement': return m.agreement!.on;
    case 'mediationCertificate': return (m.endedOn ?? m.declinedOn)!;
    case 'mediationMeeting':
    case 'mediationHealthReferral': return m.requestedOn!;
    case 'responseToAppeal': return facts.appeal!.sentToAuthorityOn;
    default: return facts.noticeSentOn;
  }
}

describe('random valid histories, as a manager reads them (properties)', () => {
  const plain = new Set<string>([...ORDER_STEPS, 'mediationAgreement']);

  it('no limit met before its period starts, none open once closed, one set of plainly-named steps, and the same limits on replay', () => {
    fc.assert(
      fc.property(
        anyDay,
        fc.constantFrom(...DISPUTED_DECISIONS),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 45 }), fc.nat()), { maxLength: 30 }),
        (noticeSentOn, decision, moves) => {
          const start = input(noticeSentOn, decision);
          let state: DisputeState = startDispute(start);
          const trail: DisputeEvent[] = [];
          let on = noticeSentOn;
          for (const [choice, gap, pick] of moves) {
            const allowed = allowedDisputeEvents(disputeMachines.latest, state.snapshot);
            if (allowed.length === 0) break;
            on = LocalDate.parse(on).plusDays(gap).toString();
            const event = eventOf(allowed[choice % allowed.length], on, pick, decision);
            const result = applyDisputeEvent(disputeMachines.latest, state.snapshot, event);
            if (!result.ok) continue;
            state = result;
            trail.push(event);
          }
          const limits = computeDisputeDeadlines(state.facts, on, OPTIONS);
          for (const limit of limits) {
            const from = periodStartOf(state.facts, limit.name);
            if (limit.metOn !== null) expect({ name: limit.name, metBeforeStart: limit.metOn < from }).toEqual({ name: limit.name, metBeforeStart: false });
          }
          if (state.status === 'closed') expect(limits.filter((d) => d.open).map((d) => d.name)).toEqual([]);
          const plainNames = limits.map((d) => d.name).filter((name) => plain.has(name));
          expect(new Set(plainNames).size).toBe(plainNames.length);
          // The plainly-named order steps are all of one order: the one in force.
          const plainSteps = limits.map((d) => d.name).filter((name) => (ORDER_STEPS as readonly string[]).includes(name)).sort();
          expect(plainSteps).toEqual((state.facts.orders.at(-1)?.steps.map((step) => step.step) ?? []).sort());
          expect(computeDisputeDeadlines(replayDisputeEvents(start, trail).facts, on, OPTIONS)).toEqual(limits);
        },
      ),
      { numRuns: 500 },
    );
  });
});
