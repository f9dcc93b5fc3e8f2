import { describe, expect, it } from '@jest/globals';
import {
  computePlanDeadlines,
  EVENT_CORRECTED,
  planMachines,
  replayPlanWithCorrection,
  type PlanEvent,
  type TrailEvent,
} from '../../workflows/ehc-plan/index.js';
import { PLAN_INPUT } from './fixtures/plans.js';

/** A trail as the store keeps it: the plan's start, then the events posted, each at its seq. */
function trailOf(events: PlanEvent[]): TrailEvent[] {
  const start: TrailEvent = { seq: 1, type: 'PLAN_STARTED', occurredOn: PLAN_INPUT.startedOn, payload: { ...PLAN_INPUT, entered: true } };
  return [start, ...events.map(({ type, occurredOn, ...payload }, i) => ({ seq: i + 2, type, occurredOn, payload }))];
}

const held: PlanEvent[] = [
  { type: 'REVIEW_MEETING_SCHEDULED', occurredOn: '2025-12-01', meetingOn: '2026-02-02' },
  { type: 'REVIEW_MEETING_HELD', occurredOn: '2026-02-09' },
  { type: 'REVIEW_REPORT_RECEIVED', occurredOn: '2026-02-13' },
];

describe('correcting a plan’s trail', () => {
  it('a meeting recorded on the wrong day is replaced, and every limit that runs from it moves', () => {
    const result = replayPlanWithCorrection(planMachines.latest, trailOf(held), { eventSeq: 3, replacement: { type: 'REVIEW_MEETING_HELD', occurredOn: '2026-02-02' } });
    expect(result.ok).toBe(true);
    const deadlines = Object.fromEntries(computePlanDeadlines(result.ok ? result.facts : ({} as never), '2026-02-14', { strictMode: false }).map((d) => [d.name, d]));
    expect(deadlines.reviewReport.dueOn).toBe('2026-02-16');
    expect(deadlines.reviewDecision.dueOn).toBe('2026-03-02');
  });

  it('leaving an event out replays the rest, and refuses a history the rules would refuse', () => {
    const withoutReport = replayPlanWithCorrection(planMachines.latest, trailOf(held), { eventSeq: 4 });
    expect(withoutReport).toMatchObject({ ok: true, status: 'review_held' });
    expect(withoutReport.ok && withoutReport.facts.reviews[0].reportReceivedOn).toBeUndefined();
    const withoutMeeting = replayPlanWithCorrection(planMachines.latest, trailOf(held), { eventSeq: 3 });
    expect(withoutMeeting).toEqual({ ok: false, message: expect.stringMatching(/^Correcting event 3 would leave an impossible history: event 4 \(REVIEW_REPORT_RECEIVED on 2026-02-13\) would be refused\. REVIEW_REPORT_RECEIVED is not allowed while the plan is review_scheduled/) });
  });

  it('never supersedes the plan’s start, a line that is not a step, or an event twice', () => {
    const trail = trailOf(held);
    expect(replayPlanWithCorrection(planMachines.latest, trail, { eventSeq: 1 })).toEqual({ ok: false, message: expect.stringContaining('The start of the plan (event 1) cannot be superseded') });
    expect(replayPlanWithCorrection(planMachines.latest, trail, { eventSeq: 9 })).toEqual({ ok: false, message: 'The plan has no event 9; its trail runs from 1 to 4.' });
    const corrected = [...trail, { seq: 5, type: EVENT_CORRECTED, occurredOn: '2026-02-14', payload: { eventSeq: 4, reason: 'wrong plan' } }];
    expect(replayPlanWithCorrection(planMachines.latest, corrected, { eventSeq: 4 })).toEqual({ ok: false, message: expect.stringContaining('already superseded by event 5') });
    expect(replayPlanWithCorrection(planMachines.latest, corrected, { eventSeq: 5 })).toEqual({ ok: false, message: expect.stringContaining('is not a step of the process') });
  });
});
