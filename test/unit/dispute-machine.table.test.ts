import { afterAll, describe, expect, it } from '@jest/globals';
import {
  DISPUTE_EVENT_TYPES,
  DISPUTE_STATUSES,
  allowedDisputeEvents,
  applyDisputeEvent,
  computeDisputeDeadlines,
  disputeMachines,
  replayDisputeEvents,
  type DisputeEvent,
  type DisputeEventType,
  type DisputeInput,
  type DisputeStatus,
} from '../../workflows/ehc-dispute/index.js';

/** A refusal to assess notified on Tuesday 3 November 2026. */
const INPUT: DisputeInput = { decision: 'refusal_to_assess', decidedOn: '2026-11-02', noticeSentOn: '2026-11-03', appealBufferWorkingDays: 10 };
/** After every step of every history, and after the last appeal date (4 January 2027) and its 10 working days. */
const ON = '2027-03-10';

const contacted: DisputeEvent = { type: 'MEDIATION_ADVICE_CONTACTED', occurredOn: '2026-11-20' };
const declined: DisputeEvent = { type: 'MEDIATION_DECLINED', occurredOn: '2026-11-23' };
const certificate: DisputeEvent = { type: 'CERTIFICATE_ISSUED', occurredOn: '2026-11-25' };
const appealed: DisputeEvent = { type: 'APPEAL_REGISTERED', occurredOn: '2026-12-10' };

const HISTORY: Record<DisputeStatus, DisputeEvent[]> = {
  notice_sent: [],
  mediation_considered: [contacted],
  mediating: [contacted, { type: 'MEDIATION_REQUESTED', occurredOn: '2026-11-20', healthMatters: true }],
  certificate_awaited: [contacted, declined],
  certificate_issued: [contacted, declined, certificate],
  appealed: [contacted, declined, certificate, appealed],
  complying: [contacted, declined, certificate, appealed, { type: 'TRIBUNAL_DECIDED', occurredOn: '2027-03-01', outcome: 'appeal_allowed', actions: ['assess'] }],
  closed: [{ type: 'WITHDRAWN', occurredOn: '2026-11-10', reason: 'The family no longer disagrees' }],
};

/** A well-formed event of each type. */
const EVENT: Record<DisputeEventType, DisputeEvent> = {
  MEDIATION_ADVICE_CONTACTED: { type: 'MEDIATION_ADVICE_CONTACTED', occurredOn: ON },
  MEDIATION_DECLINED: { type: 'MEDIATION_DECLINED', occurredOn: ON },
  MEDIATION_REQUESTED: { type: 'MEDIATION_REQUESTED', occurredOn: ON },
  HEALTH_MATTERS_REFERRED: { type: 'HEALTH_MATTERS_REFERRED', occurredOn: ON },
  MEDIATION_HELD: { type: 'MEDIATION_HELD', occurredOn: ON },
  MEDIATION_ENDED: { type: 'MEDIATION_ENDED', occurredOn: ON },
  CERTIFICATE_ISSUED: { type: 'CERTIFICATE_ISSUED', occurredOn: ON },
  AGREEMENT_CARRIED_OUT: { type: 'AGREEMENT_CARRIED_OUT', occurredOn: ON },
  APPEAL_REGISTERED: { type: 'APPEAL_REGISTERED', occurredOn: ON, tribunalReference: 'EH123/27/00001' },
  RESPONSE_SUBMITTED: { type: 'RESPONSE_SUBMITTED', occurredOn: ON },
  APPEAL_CONCEDED: { type: 'APPEAL_CONCEDED', occurredOn: ON, actions: ['assess'] },
  TRIBUNAL_DECIDED: { type: 'TRIBUNAL_DECIDED', occurredOn: ON, outcome: 'appeal_allowed', actions: ['assess'] },
  ORDER_STEP_MET: { type: 'ORDER_STEP_MET', occurredOn: ON, step: 'orderNotice', method: 'email' },
  EXCEPTION_RECORDED: { type: 'EXCEPTION_RECORDED', occurredOn: ON, exception: 'personal_circumstances', step: 'orderFinalPlan', from: '2027-03-02', to: '2027-03-05', approvedBy: 'manager-1' },
  EXCEPTION_APPROVED: { type: 'EXCEPTION_APPROVED', occurredOn: ON, exceptionSeq: 99, approvedBy: 'manager-1' },
  EXCEPTION_ENDED: { type: 'EXCEPTION_ENDED', occurredOn: ON, exceptionSeq: 99, to: ON },
  SETTLED: { type: 'SETTLED', occurredOn: ON, terms: 'The authority will assess after all' },
  WITHDRAWN: { type: 'WITHDRAWN', occurredOn: ON },
  CLOSED_NOT_APPEALED: { type: 'CLOSED_NOT_APPEALED', occurredOn: ON },
  ASSIGNED: { type: 'ASSIGNED', occurredOn: ON, assigneeId: 'caseworker-7' },
};

const UNDECIDED: DisputeEventType[] = ['SETTLED', 'WITHDRAWN', 'ASSIGNED'];
const AGREED: DisputeEventType[] = ['AGREEMENT_CARRIED_OUT', 'ORDER_STEP_MET', 'EXCEPTION_RECORDED', 'EXCEPTION_APPROVED', 'EXCEPTION_ENDED'];

/** What a caseworker may record in each status: the rest is refused with the list. */
const ALLOWED: Record<DisputeStatus, DisputeEventType[]> = {
  notice_sent: ['MEDIATION_ADVICE_CONTACTED', 'APPEAL_REGISTERED', 'CLOSED_NOT_APPEALED', ...UNDECIDED],
  mediation_considered: ['MEDIATION_DECLINED', 'MEDIATION_REQUESTED', 'CERTIFICATE_ISSUED', 'APPEAL_REGISTERED', ...UNDECIDED],
  mediating: ['HEALTH_MATTERS_REFERRED', 'MEDIATION_HELD', 'MEDIATION_ENDED', ...UNDECIDED],
  certificate_awaited: ['CERTIFICATE_ISSUED', 'APPEAL_REGISTERED', ...AGREED, ...UNDECIDED],
  certificate_issued: ['APPEAL_REGISTERED', 'CLOSED_NOT_APPEALED', ...AGREED, ...UNDECIDED],
  appealed: ['RESPONSE_SUBMITTED', 'APPEAL_CONCEDED', 'TRIBUNAL_DECIDED', ...AGREED, ...UNDECIDED],
  complying: [...AGREED, 'ASSIGNED'],
  closed: [],
};

/** Where an allowed event moves the dispute. */
const TARGET: Partial<Record<DisputeStatus, Partial<Record<DisputeEventType, DisputeStatus>>>> = {
  notice_sent: { MEDIATION_ADVICE_CONTACTED: 'mediation_considered', APPEAL_REGISTERED: 'appealed', CLOSED_NOT_APPEALED: 'closed', SETTLED: 'closed', WITHDRAWN: 'closed' },
  mediation_considered: { MEDIATION_DECLINED: 'certificate_awaited', MEDIATION_REQUESTED: 'mediating', CERTIFICATE_ISSUED: 'certificate_issued', APPEAL_REGISTERED: 'appealed', SETTLED: 'closed', WITHDRAWN: 'closed' },
  mediating: { MEDIATION_ENDED: 'certificate_awaited', SETTLED: 'closed', WITHDRAWN: 'closed' },
  certificate_awaited: { CERTIFICATE_ISSUED: 'certificate_issued', APPEAL_REGISTERED: 'appealed', SETTLED: 'closed', WITHDRAWN: 'closed' },
  certificate_issued: { APPEAL_REGISTERED: 'appealed', CLOSED_NOT_APPEALED: 'closed', SETTLED: 'closed', WITHDRAWN: 'closed' },
  appealed: { APPEAL_CONCEDED: 'complying', TRIBUNAL_DECIDED: 'complying', SETTLED: 'closed', WITHDRAWN: 'closed' },
};

const ordered = (types: DisputeEventType[]) => DISPUTE_EVENT_TYPES.filter((t) => types.includes(t));
const refused: string[] = [];

describe('ehc-dispute v1: every (status, event) pair', () => {
  // Run last: what the rules refused among allowed events, and why.
  afterAll(() => {
    const reasons = new Set(refused.map((line) => line.replace(/^[a-z_]+\+/, '')));
    expect([...reasons].sort()).toEqual([
      'AGREEMENT_CARRIED_OUT: There is no mediation agreement on this dispute.',
      'EXCEPTION_APPROVED: There is no exception recorded at trail place 99; exceptions: none.',
      'EXCEPTION_ENDED: There is no exception recorded at trail place 99; exceptions: none.',
      'EXCEPTION_RECORDED: step must be a step of the order in force: there is none.',
      'ORDER_STEP_MET: There is no order, concession or mediation agreement to carry out on this dispute.',
    ]);
  });
  for (const status of DISPUTE_STATUSES) {
    const state = replayDisputeEvents(INPUT, HISTORY[status]);

    it(`the history reaches ${status}, which allows exactly its events`, () => {
      expect(state.status).toBe(status);
      expect(allowedDisputeEvents(disputeMachines.latest, state.snapshot)).toEqual(ordered(ALLOWED[status]));
    });

    for (const type of DISPUTE_EVENT_TYPES) {
      const allowed = ALLOWED[status].includes(type);
      it(`${status} + ${type}: ${allowed ? 'considered by the rules' : 'refused as not allowed, changing nothing'}`, () => {
        const result = applyDisputeEvent(disputeMachines.latest, state.snapshot, EVENT[type]);
        if (!allowed) {
          expect(result).toEqual({ ok: false, code: 'DISPUTE_TRANSITION_NOT_ALLOWED', message: expect.stringContaining(`not allowed while the dispute is ${status}`), allowedEvents: ordered(ALLOWED[status]) });
          return;
        }
        if (!result.ok) {
          refused.push(`${status}+${type}: ${result.message}`);
          expect(result.code).toBe('DISPUTE_EVENT_REFUSED');
          return;
        }
        expect(result.status).toBe(TARGET[status]?.[type] ?? status);
      });
    }
  }

  it('the rules accept the table’s transitions that move a dispute (so the table tests moves, not only refusals)', () => {
    const moved = DISPUTE_STATUSES.flatMap((status) =>
      Object.keys(TARGET[status] ?? {})
        .filter((type) => applyDisputeEvent(disputeMachines.latest, replayDisputeEvents(INPUT, HISTORY[status]).snapshot, EVENT[type as DisputeEventType]).ok)
        .map((type) => `${status}+${type}`),
    );
    expect(moved).toEqual(DISPUTE_STATUSES.flatMap((status) => Object.keys(TARGET[status] ?? {}).map((type) => `${status}+${type}`)));
  });

  it('an order with no appeal registered is refused with the step that is missing', () => {
    const result = applyDisputeEvent(disputeMachines.latest, replayDisputeEvents(INPUT, HISTORY.certificate_issued).snapshot, EVENT.TRIBUNAL_DECIDED);
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('No appeal has been registered on this dispute: record APPEAL_REGISTERED') });
  });

  it('the last step of an order closes the dispute, with the Tribunal’s outcome kept', () => {
    const steps: DisputeEvent[] = [
      { type: 'ORDER_STEP_MET', occurredOn: '2027-03-08', step: 'orderNotice' },
      { type: 'ORDER_STEP_MET', occurredOn: '2027-04-20', step: 'orderIssueDecision', decision: 'not_issue' },
    ];
    const state = replayDisputeEvents(INPUT, [...HISTORY.complying, ...steps]);
    expect(state.status).toBe('closed');
    expect(state.facts).toMatchObject({ outcome: 'appeal_allowed', outcomeOn: '2027-03-01', closedOn: '2027-04-20' });
  });
});

/**
 * The allowed pairs the fixtures above can only see refused (no agreement, no order before
 * complying, no exception), each accepted on a history that has what it needs. Dates by hand:
 *
 * Both disputes: decided Mon 2 Nov 2026, notice Tue 3 Nov. The family contacts the adviser and
 * asks for mediation on Fri 20 Nov (meeting due Sun 20 Dec); it is held and ends with a written
 * agreement on Tue 8 Dec. The certificate is due 3 working days after (Wed 9, Thu 10, Fri 11 Dec)
 * and issued Thu 10 Dec; the Tribunal sends an appeal of what was not agreed on Thu 17 Dec.
 *
 * - On appealable matters (a decision not to amend, agreed as amend_plan): carried out as an order
 *   (reg 42), so its one step orderAmendedPlan is due 5 weeks after Tue 8 Dec, Tue 12 Jan 2027.
 *   Its notice posted Tue 5 Jan is served on the second working day, Thu 7 Jan (domain 5.2).
 *   An exception of personal circumstances is recorded open on Mon 21 Dec (trail place 1 of the
 *   exceptions), approved Tue 22 Dec, and ended on Mon 4 Jan 2027 as of Thu 31 Dec.
 * - On other matters (a refusal to assess): 2 weeks, due Tue 22 Dec; carried out Fri 18 Dec. Not
 *   appealed, the last appeal date is the later of 3 Jan (a Sunday: Mon 4 Jan) and 1 month after
 *   the certificate, 10 Jan (a Sunday: Mon 11 Jan); with the 10 working days (12–15, 18–22, 25
 *   Jan) the dispute can be closed from Tue 26 Jan, and is, on that day — but the agreement is
 *   still owed, so it stays complying until carried out (late) on Wed 27 Jan.
 * - Complying under the Tribunal's order to assess of Mon 1 Mar 2027 (HISTORY.complying above):
 *   its notice is due Mon 15 Mar; personal circumstances recorded open Wed 3 Mar, approved Thu
 *   4 Mar, ended on Tue 9 Mar as of Mon 8 Mar.
 */
describe('ehc-dispute v1: agreements, orders and exceptions where the table’s fixtures had none', () => {
  const PLAN_INPUT: DisputeInput = { ...INPUT, decision: 'decision_not_to_amend' };
  const requested: DisputeEvent = { type: 'MEDIATION_REQUESTED', occurredOn: '2026-11-20' };
  const held: DisputeEvent = { type: 'MEDIATION_HELD', occurredOn: '2026-12-08' };
  const ended = (action: 'amend_plan' | 'other', terms: string): DisputeEvent => ({ type: 'MEDIATION_ENDED', occurredOn: '2026-12-08', agreement: { action, terms } });
  const certified: DisputeEvent = { type: 'CERTIFICATE_ISSUED', occurredOn: '2026-12-10' };
  const appealedRest: DisputeEvent = { type: 'APPEAL_REGISTERED', occurredOn: '2026-12-17', tribunalReference: 'EH123/26/00042' };

  const amendAgreed = [contacted, requested, held, ended('amend_plan', 'Section F: 10 hours of speech and language therapy a term')];
  const otherAgreed = [contacted, requested, held, ended('other', 'The educational psychologist will advise the school on a support plan')];
  const AMEND: Partial<Record<DisputeStatus, DisputeEvent[]>> = {
    certificate_awaited: amendAgreed,
    certificate_issued: [...amendAgreed, certified],
    appealed: [...amendAgreed, certified, appealedRest],
  };
  const OTHER: Partial<Record<DisputeStatus, DisputeEvent[]>> = {
    certificate_awaited: otherAgreed,
    certificate_issued: [...otherAgreed, certified],
    appealed: [...otherAgreed, certified, appealedRest],
    complying: [...otherAgreed, certified, { type: 'CLOSED_NOT_APPEALED', occurredOn: '2027-01-26' }],
  };
  const amendClaim: DisputeEvent = { type: 'EXCEPTION_RECORDED', occurredOn: '2026-12-21', exception: 'personal_circumstances', step: 'orderAmendedPlan', from: '2026-12-21', note: 'Parent in hospital' };
  const noticeClaim: DisputeEvent = { type: 'EXCEPTION_RECORDED', occurredOn: '2027-03-03', exception: 'personal_circumstances', step: 'orderNotice', from: '2027-03-03', note: 'Parent in hospital' };
  const CLAIMED: Partial<Record<DisputeStatus, { input: DisputeInput; history: DisputeEvent[]; approvedOn: string; ended: { on: string; to: string } }>> = {
    certificate_awaited: { input: PLAN_INPUT, history: [...AMEND.certificate_awaited!, amendClaim], approvedOn: '2026-12-22', ended: { on: '2027-01-04', to: '2026-12-31' } },
    certificate_issued: { input: PLAN_INPUT, history: [...AMEND.certificate_issued!, amendClaim], approvedOn: '2026-12-22', ended: { on: '2027-01-04', to: '2026-12-31' } },
    appealed: { input: PLAN_INPUT, history: [...AMEND.appealed!, amendClaim], approvedOn: '2026-12-22', ended: { on: '2027-01-04', to: '2026-12-31' } },
    complying: { input: INPUT, history: [...HISTORY.complying, noticeClaim], approvedOn: '2027-03-04', ended: { on: '2027-03-09', to: '2027-03-08' } },
  };

  interface Case {
    status: DisputeStatus;
    type: DisputeEventType;
    input: DisputeInput;
    history: DisputeEvent[];
    event: DisputeEvent;
    /** The status the dispute is in afterwards. */
    then: DisputeStatus;
    /** What the caseworker sees recorded. */
    facts: (facts: ReturnType<typeof replayDisputeEvents>['facts']) => unknown;
    expected: unknown;
  }
  const cases: Case[] = [];
  for (const status of ['certificate_awaited', 'certificate_issued', 'appealed', 'complying'] as const) {
    const carriedOn = status === 'complying' ? '2027-01-27' : '2026-12-18';
    cases.push({
      status,
      type: 'AGREEMENT_CARRIED_OUT',
      input: INPUT,
      history: OTHER[status]!,
      event: { type: 'AGREEMENT_CARRIED_OUT', occurredOn: carriedOn },
      // Complying only for the agreement, the dispute closes on it with the outcome of its closing kept.
      then: status === 'complying' ? 'closed' : status,
      facts: (f) => ({ agreement: f.mediation.agreement, outcome: f.outcome, outcomeOn: f.outcomeOn, closedOn: f.closedOn }),
      expected: {
        agreement: { on: '2026-12-08', action: 'other', terms: 'The educational psychologist will advise the school on a support plan', carriedOutOn: carriedOn },
        ...(status === 'complying' ? { outcome: 'mediation_agreement', outcomeOn: '2027-01-26', closedOn: '2027-01-27' } : { outcome: undefined, outcomeOn: undefined, closedOn: undefined }),
      },
    });
    const claimed = CLAIMED[status]!;
    const step = status === 'complying' ? 'orderNotice' : 'orderAmendedPlan';
    const claim = { seq: 1, exception: 'personal_circumstances', order: 1, step, from: claimed.history.at(-1)!.occurredOn, note: 'Parent in hospital', recordedOn: claimed.history.at(-1)!.occurredOn };
    cases.push({
      status,
      type: 'EXCEPTION_APPROVED',
      input: claimed.input,
      history: claimed.history,
      event: { type: 'EXCEPTION_APPROVED', occurredOn: claimed.approvedOn, exceptionSeq: 1, approvedBy: 'manager-1' },
      then: status,
      facts: (f) => f.exceptions,
      expected: [{ ...claim, approvedBy: 'manager-1', approvedOn: claimed.approvedOn }],
    });
    cases.push({
      status,
      type: 'EXCEPTION_ENDED',
      input: claimed.input,
      history: claimed.history,
      event: { type: 'EXCEPTION_ENDED', occurredOn: claimed.ended.on, exceptionSeq: 1, to: claimed.ended.to },
      then: status,
      facts: (f) => f.exceptions,
      expected: [{ ...claim, to: claimed.ended.to, endedOn: claimed.ended.on }],
    });
  }
  for (const status of ['certificate_awaited', 'certificate_issued', 'appealed'] as const) {
    cases.push({
      status,
      type: 'ORDER_STEP_MET',
      input: PLAN_INPUT,
      history: AMEND[status]!,
      event: { type: 'ORDER_STEP_MET', occurredOn: '2027-01-05', step: 'orderAmendedPlan', method: 'post' },
      // The agreement is carried out; the dispute goes on with what was not agreed (or awaits its certificate).
      then: status,
      facts: (f) => f.orders,
      expected: [{ n: 1, on: '2026-12-08', source: 'mediation', actions: ['amend_plan'], steps: [{ step: 'orderAmendedPlan', metOn: '2027-01-07' }] }],
    });
    cases.push({
      status,
      type: 'EXCEPTION_RECORDED',
      input: PLAN_INPUT,
      history: AMEND[status]!,
      event: amendClaim,
      then: status,
      facts: (f) => f.exceptions,
      expected: [{ seq: 1, exception: 'personal_circumstances', order: 1, step: 'orderAmendedPlan', from: '2026-12-21', note: 'Parent in hospital', recordedOn: '2026-12-21' }],
    });
  }

  it('covers exactly the allowed pairs the table’s fixtures could only see refused', () => {
    const onlyRefused = DISPUTE_STATUSES.flatMap((status) =>
      ALLOWED[status]
        .filter((type) => !applyDisputeEvent(disputeMachines.latest, replayDisputeEvents(INPUT, HISTORY[status]).snapshot, EVENT[type]).ok)
        .map((type) => `${status}+${type}`),
    );
    expect(cases.map((c) => `${c.status}+${c.type}`).sort()).toEqual(onlyRefused.sort());
    expect(cases).toHaveLength(18);
  });

  for (const c of cases) {
    it(`${c.status} + ${c.type} (${c.event.occurredOn}): accepted, the dispute ${c.then === c.status ? `stays ${c.status}` : `becomes ${c.then}`}`, () => {
      const before = replayDisputeEvents(c.input, c.history);
      expect(before.status).toBe(c.status);
      const result = applyDisputeEvent(disputeMachines.latest, before.snapshot, c.event);
      if (!result.ok) throw new Error(result.message);
      expect(result.status).toBe(c.then);
      expect(c.facts(result.facts)).toEqual(c.expected);
    });
  }

  it('the agreement on appealable matters is the mediationAgreement deadline, met on the served day of its one step', () => {
    const result = applyDisputeEvent(disputeMachines.latest, replayDisputeEvents(PLAN_INPUT, AMEND.appealed!).snapshot, { type: 'ORDER_STEP_MET', occurredOn: '2027-01-05', step: 'orderAmendedPlan', method: 'post' });
    if (!result.ok) throw new Error(result.message);
    const deadlines = Object.fromEntries(computeDisputeDeadlines(result.facts, '2027-01-08', { strictMode: false }).map((d) => [d.name, d]));
    expect(deadlines.orderAmendedPlan).toMatchObject({ dueOn: '2027-01-12', metOn: '2027-01-07', status: 'met' });
    expect(deadlines.mediationAgreement).toMatchObject({ dueOn: '2027-01-12', metOn: '2027-01-07', status: 'met' });
  });
});

/**
 * The outcomes besides withdrawal, on the table's appealed history (the Tribunal sent the appeal
 * Thu 10 Dec 2026). Its response is due 30 working days after, over Christmas (Fri 25 Dec, Mon
 * 28 Dec for Boxing Day, Fri 1 Jan not counted): 11 Dec (1), 14–18 (6), 21–24 (10), 29–31
 * (13), 4–8 Jan (18), 11–15 (23), 18–22 (28), 25 (29), Tue 26 Jan 2027 (30).
 */
describe('ehc-dispute v1: settled and conceded, as the dispute records them', () => {
  const appealedState = () => replayDisputeEvents(INPUT, HISTORY.appealed);
  const deadlinesOn = (facts: ReturnType<typeof replayDisputeEvents>['facts'], today: string) =>
    Object.fromEntries(computeDisputeDeadlines(facts, today, { strictMode: false }).map((d) => [d.name, { dueOn: d.dueOn, status: d.status }]));

  it('SETTLED on Fri 15 Jan 2027 closes the dispute that day, outcome settled, with its terms; the response is no longer owed', () => {
    const result = applyDisputeEvent(disputeMachines.latest, appealedState().snapshot, { type: 'SETTLED', occurredOn: '2027-01-15', terms: 'The authority will assess after all' });
    if (!result.ok) throw new Error(result.message);
    expect(result.status).toBe('closed');
    expect(result.facts).toMatchObject({ outcome: 'settled', outcomeOn: '2027-01-15', closedOn: '2027-01-15', settlementTerms: 'The authority will assess after all', orders: [] });
    expect(allowedDisputeEvents(disputeMachines.latest, result.snapshot)).toEqual([]);
    expect(deadlinesOn(result.facts, '2027-02-01').responseToAppeal).toEqual({ dueOn: '2027-01-26', status: 'not_applicable' });
  });

  it('APPEAL_CONCEDED on Fri 15 Jan 2027 (before the response, Tue 26 Jan) is outcome conceded that day, and the dispute complies with reg 45', () => {
    const result = applyDisputeEvent(disputeMachines.latest, appealedState().snapshot, { type: 'APPEAL_CONCEDED', occurredOn: '2027-01-15', actions: ['assess'] });
    if (!result.ok) throw new Error(result.message);
    expect(result.status).toBe('complying');
    expect(result.facts).toMatchObject({ outcome: 'conceded', outcomeOn: '2027-01-15', orders: [{ n: 1, on: '2027-01-15', source: 'concession', actions: ['assess'] }] });
    expect(result.facts.closedOn).toBeUndefined();
    // From Fri 15 Jan: notice within 2 weeks, Fri 29 Jan; a decision not to issue within 10, Fri 26 Mar; the final plan within 14, Fri 23 Apr.
    expect(deadlinesOn(result.facts, '2027-01-18')).toMatchObject({
      responseToAppeal: { dueOn: '2027-01-26', status: 'not_applicable' },
      orderNotice: { dueOn: '2027-01-29', status: 'pending' },
      orderIssueDecision: { dueOn: '2027-03-26', status: 'pending' },
      orderFinalPlan: { dueOn: '2027-04-23', status: 'pending' },
    });
    // The concession's outcome is kept when its last step closes the dispute.
    const done = replayDisputeEvents(INPUT, [
      ...HISTORY.appealed,
      { type: 'APPEAL_CONCEDED', occurredOn: '2027-01-15', actions: ['assess'] },
      { type: 'ORDER_STEP_MET', occurredOn: '2027-01-25', step: 'orderNotice' },
      { type: 'ORDER_STEP_MET', occurredOn: '2027-03-22', step: 'orderIssueDecision', decision: 'not_issue' },
    ]);
    expect(done.status).toBe('closed');
    expect(done.facts).toMatchObject({ outcome: 'conceded', outcomeOn: '2027-01-15', closedOn: '2027-03-22' });
  });
});
