import { describe, expect, it } from '@jest/globals';
import {
  LATEST_MACHINE,
  allowedEvents,
  applyEvent,
  caseFactsOf,
  computeDeadlines,
  deadlinesFromEvents,
  replayEvents,
  startCase,
  type CaseEvent,
  type TransitionResult,
} from '../../workflows/ehc-needs-assessment/index.js';
import { HISTORY, INPUT, T0, assess, draft, finalPlan, issue, receiveAdvice, requestAdvice, withdraw } from './fixtures/cases.js';

function apply(history: CaseEvent[], event: CaseEvent): TransitionResult {
  return applyEvent(LATEST_MACHINE, replayEvents(INPUT, history).snapshot, event);
}

function refusal(history: CaseEvent[], event: CaseEvent): string {
  const result = apply(history, event);
  if (result.ok) throw new Error(`expected ${event.type} to be refused, but the case moved to ${result.status}`);
  expect(result.code).toBe('CASE_EVENT_REFUSED');
  return result.message;
}

describe('applyEvent: decisions', () => {
  it('declines to assess only with reasons, and records them', () => {
    expect(refusal([], { type: 'DECISION_TO_ASSESS', occurredOn: '2025-07-01', decision: 'decline' })).toMatch(/needs reasons.*s\.36\(5\).*reg 4\(1\)/);
    expect(refusal([], { type: 'DECISION_TO_ASSESS', occurredOn: '2025-07-01', decision: 'decline', reasons: '   ' })).toMatch(/needs reasons/);
    const ok = apply([], { type: 'DECISION_TO_ASSESS', occurredOn: '2025-07-01', decision: 'decline', reasons: 'No evidence of SEN', panelMeetingId: 'p-1' });
    expect(ok).toMatchObject({ ok: true, status: 'declined_to_assess', facts: { decisionToAssess: { decision: 'decline', on: '2025-07-01', reasons: 'No evidence of SEN', panelMeetingId: 'p-1' } } });
  });

  it('decides not to issue only with reasons (reg 10(1))', () => {
    const event: CaseEvent = { type: 'DECISION_TO_ISSUE', occurredOn: '2025-09-01', decision: 'not_issue' };
    expect(refusal(HISTORY.assessing, event)).toMatch(/reg 10\(1\)/);
    expect(apply(HISTORY.assessing, { ...event, reasons: 'Needs met without a plan' })).toMatchObject({ ok: true, status: 'declined_to_issue' });
  });

  it('refuses values outside the contract instead of guessing what was meant', () => {
    const odd = { type: 'DECISION_TO_ASSESS', occurredOn: '2025-07-01', decision: 'maybe' } as unknown as CaseEvent;
    expect(refusal([], odd)).toMatch(/"assess" or "decline"/);
    const noContributor = { type: 'ADVICE_REQUESTED', occurredOn: '2025-07-05' } as unknown as CaseEvent;
    expect(refusal(HISTORY.assessing, noContributor)).toMatch(/contributor must be one of/);
    const oddException = { type: 'EXCEPTION_RECORDED', occurredOn: '2025-06-10', exception: 'strike', from: '2025-06-10' } as unknown as CaseEvent;
    expect(refusal([], oddException)).toMatch(/exception must be one of/);
  });
});

describe('applyEvent: chronology', () => {
  it.each<[string, CaseEvent[], CaseEvent, RegExp]>([
    ['a decision before the request', [], assess('2025-06-01'), /request was received on 2025-06-02/],
    ['an assignment before the request', [], { type: 'ASSIGNED', occurredOn: '2025-05-30', assigneeId: 'x' }, /request was received/],
    ['advice requested before the decision to assess', [assess('2025-07-01')], requestAdvice('health', '2025-06-30'), /decision to assess was made on 2025-07-01/],
    ['advice received before it was requested', HISTORY.assessing, receiveAdvice('health', '2025-07-01'), /requested on 2025-07-02/],
    ['a decision to issue before the decision to assess', [assess('2025-07-01')], issue('2025-06-30'), /decision to assess was made/],
    ['a decision to issue before an advice request', HISTORY.assessing, issue('2025-07-01'), /still requesting advice on 2025-07-02/],
    ['a draft before the decision to issue', HISTORY.drafting, draft('2025-08-19'), /decision to issue a plan was made on 2025-08-20/],
    ['a final plan before the draft', HISTORY.draft_issued, finalPlan('2025-08-31'), /draft plan was issued on 2025-09-01/],
    ['a withdrawal before the last recorded step', HISTORY.drafting, withdraw('2025-08-19'), /2025-08-20/],
  ])('refuses %s', (_, history, event, message) => {
    expect(refusal(history, event)).toMatch(message);
  });

  it('refuses a date that does not exist', () => {
    expect(refusal([], assess('2025-02-30'))).toMatch(/calendar date/);
  });

  it('accepts a step on the same day as the one it depends on', () => {
    expect(apply([], assess(T0))).toMatchObject({ ok: true, status: 'assessing' });
  });
});

describe('applyEvent: advice', () => {
  it('refuses advice that was never requested', () => {
    expect(refusal(HISTORY.assessing, receiveAdvice('education', '2025-07-10'))).toMatch(/never requested.*ADVICE_REQUESTED.*reg 8\(1\)/);
  });

  it('refuses a second request to the same body while the first is outstanding, and a second receipt', () => {
    expect(refusal(HISTORY.assessing, requestAdvice('health', '2025-07-05'))).toMatch(/already awaited: advice.health, requested 2025-07-02.*naming it in "body"/);
    const received = [...HISTORY.assessing, receiveAdvice('health', '2025-07-20')];
    expect(refusal(received, receiveAdvice('health', '2025-07-21'))).toMatch(/Every request for advice from health has been received \(advice.health on 2025-07-20\)/);
  });

  it('lets advice be requested again after it arrived, as a new request with its own deadline', () => {
    const received = [...HISTORY.assessing, receiveAdvice('health', '2025-07-20')];
    const result = apply(received, requestAdvice('health', '2025-07-25'));
    expect(result).toMatchObject({
      ok: true,
      facts: {
        advice: [
          { name: 'advice.health', requestedOn: '2025-07-02', receivedOn: '2025-07-20' },
          { name: 'advice.health.2', requestedOn: '2025-07-25', deliveredOn: '2025-07-25' },
        ],
      },
    });
    expect(result.ok && result.facts.advice[1]?.receivedOn).toBeUndefined();
  });

  it('still logs advice that arrives after the draft', () => {
    expect(apply(HISTORY.draft_issued, receiveAdvice('health', '2025-09-03'))).toMatchObject({
      ok: true,
      status: 'draft_issued',
      facts: { advice: [{ name: 'advice.health', contributor: 'health', requestedOn: '2025-07-02', receivedOn: '2025-09-03' }] },
    });
  });
});

describe('applyEvent: several advice requests per contributor', () => {
  const SLT = 'Speech and language therapy';
  const TWO = [...HISTORY.assessing, requestAdvice('health', '2025-07-05', { body: SLT })];

  it('accepts a second request to a contributor when it names another body, as advice.<contributor>.2', () => {
    expect(apply(HISTORY.assessing, requestAdvice('health', '2025-07-05', { body: SLT }))).toMatchObject({
      ok: true,
      facts: { advice: [{ name: 'advice.health' }, { name: 'advice.health.2', contributor: 'health', body: SLT, requestedOn: '2025-07-05' }] },
    });
    const three = apply(TWO, requestAdvice('health', '2025-07-06', { body: 'Occupational therapy' }));
    expect(three.ok && three.facts.advice.map((a) => a.name)).toEqual(['advice.health', 'advice.health.2', 'advice.health.3']);
  });

  it('refuses a second request without a body, or naming a body already awaited', () => {
    expect(refusal(HISTORY.assessing, requestAdvice('health', '2025-07-05', { body: '  ' }))).toMatch(/already awaited/);
    expect(refusal(TWO, requestAdvice('health', '2025-07-06', { body: 'speech and language therapy ' }))).toMatch(/advice.health.2 \(Speech and language therapy\), requested 2025-07-05/);
  });

  it('gives each request its own 6-week deadline, statutory for health', () => {
    const all = deadlinesFromEvents(INPUT, TWO, '2025-08-14', { strictMode: false });
    expect(all.filter((d) => d.name.startsWith('advice.')).map((d) => [d.name, d.dueOn, d.statutory, d.status])).toEqual([
      ['advice.health', '2025-08-13', true, 'breached'],
      ['advice.health.2', '2025-08-16', true, 'pending'],
    ]);
  });

  it('asks which request was answered when several are outstanding, and records the one named', () => {
    expect(refusal(TWO, receiveAdvice('health', '2025-07-20'))).toMatch(/Several requests for advice from health are awaited \(advice.health, advice.health.2 \(Speech and language therapy\)\): name the one received in "request"/);
    expect(refusal(TWO, receiveAdvice('health', '2025-07-20', 'advice.health.3'))).toMatch(/"advice.health.3" is not an awaited request for advice from health/);
    expect(refusal(TWO, receiveAdvice('health', '2025-07-20', 'advice.education'))).toMatch(/not an awaited request/);
    const result = apply(TWO, receiveAdvice('health', '2025-07-20', 'advice.health.2'));
    expect(result.ok && result.facts.advice.map((a) => [a.name, a.receivedOn])).toEqual([['advice.health', undefined], ['advice.health.2', '2025-07-20']]);
    // With one left outstanding, "request" may be left out.
    const last = apply([...TWO, receiveAdvice('health', '2025-07-20', 'advice.health.2')], receiveAdvice('health', '2025-07-21'));
    expect(last.ok && last.facts.advice.map((a) => a.receivedOn)).toEqual(['2025-07-21', '2025-07-20']);
  });

  it('starts a posted request\'s 6 weeks on its deemed delivery, two working days after posting (reg 8(1))', () => {
    // Posted Friday 4 July 2025: delivered Tuesday 8 July, so due Tuesday 19 August.
    const posted = [...HISTORY.assessing, requestAdvice('health', '2025-07-04', { body: SLT, method: 'post' })];
    expect(replayEvents(INPUT, posted).facts.advice[1]).toMatchObject({ requestedOn: '2025-07-04', deliveredOn: '2025-07-08' });
    expect(deadlinesFromEvents(INPUT, posted, '2025-08-19', { strictMode: false }).find((d) => d.name === 'advice.health.2')).toMatchObject({ dueOn: '2025-08-19', status: 'pending' });
    expect(refusal(HISTORY.assessing, { type: 'ADVICE_REQUESTED', occurredOn: '2025-07-04', contributor: 'education', method: 'pigeon' } as unknown as CaseEvent)).toMatch(/method must be one of email, portal, hand, post/);
  });
});

describe('applyEvent: final plan and the reg 13(1)(a) window', () => {
  it('refuses a final plan within 15 days of the draft, naming the first allowed day', () => {
    expect(refusal(HISTORY.draft_issued, finalPlan('2025-09-15'))).toMatch(/before 2025-09-16.*up to 2025-09-15.*reg 13\(1\)\(a\)/);
    expect(apply(HISTORY.draft_issued, finalPlan('2025-09-16'))).toMatchObject({ ok: true, status: 'plan_issued', facts: { finalIssuedOn: '2025-09-16' } });
  });

  it('finalises early when the family waived the rest of the window in writing', () => {
    expect(apply(HISTORY.draft_issued, finalPlan('2025-09-05', '2025-09-04'))).toMatchObject({
      ok: true,
      status: 'plan_issued',
      facts: { representationsWaivedOn: '2025-09-04' },
    });
  });

  it('refuses a waiver dated before the draft or after the final plan', () => {
    expect(refusal(HISTORY.draft_issued, finalPlan('2025-09-05', '2025-08-31'))).toMatch(/\(2025-08-31\) is before the draft plan was served on 2025-09-01/);
    expect(refusal(HISTORY.draft_issued, finalPlan('2025-09-05', '2025-09-06'))).toMatch(/after the final plan's date/);
  });
});

describe('a request imported from an SEN2 return', () => {
  const FROM_RETURN = { ...INPUT, importedFromReturn: { week20: false } };
  const imported = (input: typeof FROM_RETURN, history: CaseEvent[]) => replayEvents(input, history);
  const drafting = [assess('2025-07-01'), issue('2025-09-01')];
  const draftNotHeld = (on: string): CaseEvent => ({ type: 'DRAFT_NOT_HELD', occurredOn: on });

  it('takes a final plan with no draft, which the return does not hold, on its own day', () => {
    const state = imported(FROM_RETURN, [...drafting, draftNotHeld('2025-09-05'), finalPlan('2025-09-05')]);
    expect(state).toMatchObject({ status: 'plan_issued', facts: { draftNotHeld: true, finalIssuedOn: '2025-09-05' } });
    expect(state.facts.draftIssuedOn).toBeUndefined();
  });

  it('refuses a missing draft on a case typed in, and keeps DRAFT_NOT_HELD out of the events a caseworker is offered', () => {
    expect(refusal(drafting, draftNotHeld('2025-09-05'))).toMatch(/Only a request imported from an SEN2 return/);
    expect(allowedEvents(LATEST_MACHINE, replayEvents(INPUT, drafting).snapshot)).not.toContain('DRAFT_NOT_HELD');
    expect(apply(drafting, finalPlan('2025-10-01'))).toMatchObject({ ok: false, code: 'CASE_TRANSITION_NOT_ALLOWED', message: expect.stringMatching(/^FINAL_PLAN_ISSUED is not allowed while the case is drafting/) });
  });

  it('still refuses a final plan before the decision to issue it', () => {
    const before = applyEvent(LATEST_MACHINE, imported(FROM_RETURN, drafting).snapshot, draftNotHeld('2025-08-31'));
    expect(before).toMatchObject({ ok: false, message: expect.stringMatching(/cannot be dated 2025-08-31: the decision to issue a plan was made on 2025-09-01/) });
  });

  it('reads Week20 as an exception to the limit that closed the assessment, late or not, and to no other', () => {
    const late = [...drafting, draftNotHeld('2025-11-03'), finalPlan('2025-11-03')];
    const status = (input: typeof FROM_RETURN, name: string) => computeDeadlines(imported(input, late).facts, '2025-12-01', { strictMode: false }).find((d) => d.name === name)?.status;
    const excepted = { ...INPUT, importedFromReturn: { week20: true } };
    expect(status(excepted, 'finalPlan')).toBe('exception');
    expect(status(FROM_RETURN, 'finalPlan')).toBe('met_late');
    expect(status(excepted, 'decisionToAssess')).toBe(status(FROM_RETURN, 'decisionToAssess'));
  });
});

describe('applyEvent: other rules', () => {
  it('needs a reason to withdraw and an assignee to assign', () => {
    expect(refusal([], { type: 'WITHDRAWN', occurredOn: '2025-06-10', reason: '' })).toMatch(/needs a reason/);
    expect(refusal([], { type: 'ASSIGNED', occurredOn: '2025-06-10', assigneeId: ' ' })).toMatch(/assigneeId/);
    expect(apply([], { type: 'ASSIGNED', occurredOn: '2025-06-10', assigneeId: 'cw-1' })).toMatchObject({ ok: true, facts: { assigneeId: 'cw-1' } });
  });

  it('records an exception with the limits it relaxes resolved', () => {
    const event: CaseEvent = { type: 'EXCEPTION_RECORDED', occurredOn: '2025-06-20', exception: 'absence_from_area', from: '2025-06-10', to: '2025-07-20', note: 'Family abroad' };
    expect(apply([], event)).toMatchObject({
      ok: true,
      status: 'awaiting_decision',
      facts: { exceptions: [{ seq: 1, exception: 'absence_from_area', from: '2025-06-10', to: '2025-07-20', recordedOn: '2025-06-20', limits: ['decisionToAssess', 'issueDecision', 'finalPlan'] }] },
    });
    // Recorded by a caseworker: proposed, until a manager approves it.
    const result = apply([], event);
    expect(result.ok && result.facts.exceptions[0]?.approvedBy).toBeUndefined();
  });

  it('refuses an illegal exception claim with CASE_EVENT_REFUSED', () => {
    const event: CaseEvent = { type: 'EXCEPTION_RECORDED', occurredOn: '2025-07-10', exception: 'school_closure', from: '2025-07-23', to: '2025-09-02', limits: ['advice.health'] };
    expect(refusal(HISTORY.assessing, event)).toBe('school_closure cannot relax advice.health: SEND Regs 2014 reg 8(2) has no school-closure exception.');
  });
});

describe('startCase', () => {
  it('starts awaiting a decision on the latest machine with the request recorded', () => {
    expect(startCase(INPUT)).toMatchObject({
      status: 'awaiting_decision',
      machineId: 'ehc-needs-assessment',
      machineVersion: 1,
      facts: { requestReceivedOn: T0, requestSource: 'parent', advice: [], exceptions: [], notices: {} },
      allowedEvents: ['DECISION_TO_ASSESS', 'EXCEPTION_RECORDED', 'WITHDRAWN', 'ASSIGNED', 'EXCEPTION_APPROVED', 'EXCEPTION_ENDED'],
    });
  });

  it('produces a snapshot that survives JSON storage', () => {
    const stored = JSON.parse(JSON.stringify(startCase(INPUT).snapshot)) as Record<string, unknown>;
    expect(applyEvent(LATEST_MACHINE, stored, assess('2025-07-01'))).toMatchObject({ ok: true, status: 'assessing' });
  });

  it('refuses a request date that is not a calendar date', () => {
    expect(() => startCase({ requestReceivedOn: '2025-02-29', requestSource: 'parent' })).toThrow(/calendar date/);
  });
});

describe('replayEvents', () => {
  it('names the first refused event', () => {
    expect(() => replayEvents(INPUT, [assess('2025-07-01'), draft('2025-07-02')])).toThrow(/Event 2 \(DRAFT_PLAN_ISSUED on 2025-07-02\).*not allowed while the case is assessing/);
  });
});

describe('snapshots stored before advice became a list and exceptions needed approval', () => {
  const LEGACY: Record<string, unknown> = {
    status: 'active',
    value: 'assessing',
    context: {
      requestReceivedOn: T0,
      requestSource: 'parent',
      decisionToAssess: { decision: 'assess', on: '2025-07-01' },
      advice: { health: { requestedOn: '2025-07-02' }, education: { requestedOn: '2025-07-03', receivedOn: '2025-07-20' } },
      exceptions: [{ exception: 'personal_circumstances', from: '2025-06-10', to: '2025-06-30', limits: ['issueDecision', 'finalPlan'], recordedOn: '2025-07-01' }],
    },
  };

  it('reads each old request under its deadline name, and an old exception as approved (it relaxed its limits then)', () => {
    const facts = caseFactsOf(LEGACY);
    expect(facts.advice).toEqual([
      { name: 'advice.health', contributor: 'health', requestedOn: '2025-07-02', deliveredOn: '2025-07-02' },
      { name: 'advice.education', contributor: 'education', requestedOn: '2025-07-03', deliveredOn: '2025-07-03', receivedOn: '2025-07-20' },
    ]);
    expect(facts.exceptions[0]).toMatchObject({ seq: -1, approvedOn: '2025-07-01' });
    expect(facts.notices).toEqual({});
    expect(computeDeadlines(facts, '2025-08-20', { strictMode: false }).map((d) => [d.name, d.status, d.targetOn])).toEqual([
      ['decisionToAssess', 'met', '2025-07-14'],
      ['issueDecision', 'exception', '2025-10-13'],
      ['finalPlan', 'exception', '2025-11-10'],
      ['advice.health', 'breached', '2025-08-13'],
      ['advice.education', 'met', '2025-08-14'],
    ]);
  });

  it('takes new events on an old snapshot', () => {
    const result = applyEvent(LATEST_MACHINE, LEGACY, receiveAdvice('health', '2025-08-01'));
    expect(result).toMatchObject({ ok: true, status: 'assessing', facts: { advice: [{ name: 'advice.health', receivedOn: '2025-08-01' }, { name: 'advice.education' }] } });
    const next = applyEvent(LATEST_MACHINE, LEGACY, { type: 'EXCEPTION_RECORDED', occurredOn: '2025-08-01', exception: 'personal_circumstances', from: '2025-07-10', to: '2025-07-12' });
    expect(next.ok && next.facts.exceptions.map((e) => e.seq)).toEqual([-1, 1]);
  });
});
