import { describe, expect, it } from '@jest/globals';
import {
  EVENT_CORRECTED,
  LATEST_MACHINE,
  replayEvents,
  replayWithCorrection,
  type CaseEvent,
  type TrailEvent,
} from '../../workflows/ehc-needs-assessment/index.js';
import { HISTORY, INPUT, T0, assess, requestAdvice, withdraw } from './fixtures/cases.js';

/** The trail the application stores for `events`: the request at seq 1, then each event with its engine fields. */
function trailOf(events: (CaseEvent | TrailEvent)[]): TrailEvent[] {
  const request: TrailEvent = { seq: 1, type: 'REQUEST_RECEIVED', occurredOn: T0, payload: { requestSource: INPUT.requestSource } };
  return [
    request,
    ...events.map((e, i) => {
      if ('payload' in e) return { ...e, seq: i + 2 };
      const { type, occurredOn, ...payload } = e.type === 'EXCEPTION_RECORDED' && e.seq === undefined ? { ...e, seq: i + 2 } : e;
      return { seq: i + 2, type, occurredOn, payload };
    }),
  ];
}

const correction = (eventSeq: number, replacement?: CaseEvent): TrailEvent => ({
  seq: 0,
  type: EVENT_CORRECTED,
  occurredOn: '2025-10-01',
  payload: { eventSeq, reason: 'Entered in error', ...(replacement && { replacement }) },
});
const replay = (trail: TrailEvent[], eventSeq: number, replacement?: CaseEvent) => replayWithCorrection(LATEST_MACHINE, trail, { eventSeq, replacement });
const okState = (result: ReturnType<typeof replay>) => {
  if (!result.ok) throw new Error(result.message);
  return result;
};

const personal = (on: string, from: string, extra: Partial<CaseEvent> = {}): CaseEvent =>
  ({ type: 'EXCEPTION_RECORDED', occurredOn: on, exception: 'personal_circumstances', from, limits: ['finalPlan'], ...extra }) as CaseEvent;

describe(replayWithCorrection.name, () => {
  it.each(Object.entries(HISTORY).filter(([, events]) => events.length > 0))(
    'rebuilds a %s case unchanged when any event is replaced by itself',
    (_, events) => {
      const expected = replayEvents(INPUT, events);
      events.forEach((event, i) => {
        const result = okState(replay(trailOf(events), i + 2, event));
        expect({ status: result.status, facts: result.facts }).toEqual({ status: expected.status, facts: expected.facts });
      });
    },
  );

  it('undoes a withdrawal: the case is back where it was, as if it had never been recorded', () => {
    const events = [assess('2025-07-01'), requestAdvice('health', '2025-07-02'), withdraw('2025-07-10')];
    const result = okState(replay(trailOf(events), 4));
    expect(result.status).toBe('assessing');
    expect(result.facts).toEqual(replayEvents(INPUT, events.slice(0, 2)).facts);
    expect(result.facts.withdrawnOn).toBeUndefined();
  });

  it('puts the replacement in the superseded event’s place, even of another type', () => {
    const events = [assess('2025-07-01'), requestAdvice('health', '2025-07-02'), requestAdvice('education', '2025-07-03')];
    const moved = okState(replay(trailOf(events), 3, requestAdvice('health', '2025-07-14')));
    expect(moved.facts.advice.map((a) => [a.name, a.requestedOn])).toEqual([['advice.health', '2025-07-14'], ['advice.education', '2025-07-03']]);
    const declined = okState(replay(trailOf([withdraw('2025-06-20')]), 2, { type: 'DECISION_TO_ASSESS', occurredOn: '2025-06-20', decision: 'decline', reasons: 'Needs met' }));
    expect(declined.status).toBe('declined_to_assess');
  });

  it('refuses a correction that leaves an impossible history, naming the first refused event and the rule', () => {
    const events = [assess('2025-07-01'), requestAdvice('health', '2025-07-02')];
    const result = replay(trailOf(events), 2);
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/event 3 \(ADVICE_REQUESTED on 2025-07-02\) would be refused\. ADVICE_REQUESTED is not allowed while the case is awaiting_decision/) });
    const late = replay(trailOf(events), 2, assess('2025-07-05'));
    expect(late).toEqual({ ok: false, message: expect.stringMatching(/event 3 .*decision to assess was made on 2025-07-05/) });
  });

  it('refuses a replacement the rules refuse, naming it', () => {
    const result = replay(trailOf([assess('2025-07-01')]), 2, { type: 'DECISION_TO_ASSESS', occurredOn: '2025-07-01', decision: 'decline' });
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/the replacement DECISION_TO_ASSESS on 2025-07-01 for event 2 would be refused\. .*reasons/) });
  });

  it.each([
    [1, /request \(event 1\) cannot be superseded: .*reg 5\(1\)/],
    [5, /no event 5/],
  ])('refuses superseding event %d', (seq, message) => {
    expect(replay(trailOf([assess('2025-07-01')]), seq)).toEqual({ ok: false, message: expect.stringMatching(message) });
  });

  it('keeps earlier corrections, refuses superseding an event twice or a trail line that is not a step', () => {
    const events: (CaseEvent | TrailEvent)[] = [assess('2025-07-01'), requestAdvice('health', '2025-07-02'), correction(3, requestAdvice('health', '2025-07-09'))];
    const trail = trailOf([...events, { seq: 0, type: 'MACHINE_MIGRATED', occurredOn: '2025-07-10', payload: { fromVersion: 1, toVersion: 1 } }, requestAdvice('education', '2025-07-11')]);
    const result = okState(replay(trail, 6, requestAdvice('education', '2025-07-12')));
    expect(result.facts.advice.map((a) => a.requestedOn)).toEqual(['2025-07-09', '2025-07-12']);
    expect(replay(trail, 3)).toEqual({ ok: false, message: expect.stringMatching(/event 3 \(ADVICE_REQUESTED on 2025-07-02\) was already superseded by event 4/) });
    expect(replay(trail, 4)).toEqual({ ok: false, message: expect.stringMatching(/EVENT_CORRECTED .*not a step/) });
    expect(replay(trail, 5)).toEqual({ ok: false, message: expect.stringMatching(/MACHINE_MIGRATED .*not a step/) });
  });

  describe('exceptions', () => {
    const approve = (on: string, exceptionSeq: number): CaseEvent => ({ type: 'EXCEPTION_APPROVED', occurredOn: on, exceptionSeq, approvedBy: 'manager@la.example' });

    it('a replaced proposal keeps its seq and stays a proposal, so the later approval still approves it', () => {
      const events = [assess('2025-07-01'), personal('2025-07-20', '2025-07-14'), approve('2025-07-21', 3)];
      const result = okState(replay(trailOf(events), 3, personal('2025-07-20', '2025-07-07', { seq: 3, approvedBy: 'manager@la.example' })));
      expect(result.facts.exceptions).toEqual([expect.objectContaining({ seq: 3, from: '2025-07-07', approvedOn: '2025-07-21' })]);
      expect(result.replacement).toMatchObject({ seq: 3, approvedBy: undefined });
    });

    it('a manager’s replacement that nothing approves later is approved at once', () => {
      const events = [assess('2025-07-01'), personal('2025-07-20', '2025-07-14')];
      const result = okState(replay(trailOf(events), 3, personal('2025-07-20', '2025-07-07', { seq: 3, approvedBy: 'manager@la.example' })));
      expect(result.facts.exceptions).toEqual([expect.objectContaining({ seq: 3, approvedBy: 'manager@la.example', approvedOn: '2025-07-20' })]);
    });

    it('superseding an exception refuses the history whose approval names it', () => {
      const events = [assess('2025-07-01'), personal('2025-07-20', '2025-07-14'), approve('2025-07-21', 3)];
      expect(replay(trailOf(events), 3)).toEqual({ ok: false, message: expect.stringMatching(/event 4 \(EXCEPTION_APPROVED on 2025-07-21\)/) });
    });

    it('replays an exception recorded before approvals existed as approved at its place in the trail', () => {
      const legacy: TrailEvent = { seq: 0, type: 'EXCEPTION_RECORDED', occurredOn: '2025-07-20', payload: { exception: 'personal_circumstances', from: '2025-07-14', limits: ['finalPlan'] } };
      const result = okState(replay(trailOf([assess('2025-07-01'), legacy, requestAdvice('health', '2025-07-22')]), 4, requestAdvice('health', '2025-07-23')));
      expect(result.facts.exceptions).toEqual([expect.objectContaining({ seq: 3, approvedBy: 'recorded before approvals' })]);
    });
  });
});
