import { describe, expect, it } from '@jest/globals';
import {
  CASE_STATUSES,
  EVENT_TYPES,
  LATEST_MACHINE,
  allowedEvents,
  applyEvent,
  replayEvents,
  type CaseEvent,
  type CaseEventType,
  type CaseStatus,
} from '../../workflows/ehc-needs-assessment/index.js';
import { HISTORY, INPUT } from './fixtures/cases.js';

const ON = '2025-09-20'; // after every step of every history, and S + 15 for the draft of 1 Sep

/** A well-formed event of each type that the rules accept in any open status of HISTORY. */
const EVENT: Record<CaseEventType, CaseEvent> = {
  DECISION_TO_ASSESS: { type: 'DECISION_TO_ASSESS', occurredOn: ON, decision: 'assess' },
  ADVICE_REQUESTED: { type: 'ADVICE_REQUESTED', occurredOn: ON, contributor: 'educational_psychology' },
  ADVICE_RECEIVED: { type: 'ADVICE_RECEIVED', occurredOn: ON, contributor: 'health' },
  DECISION_TO_ISSUE: { type: 'DECISION_TO_ISSUE', occurredOn: ON, decision: 'issue' },
  DRAFT_PLAN_ISSUED: { type: 'DRAFT_PLAN_ISSUED', occurredOn: ON },
  FINAL_PLAN_ISSUED: { type: 'FINAL_PLAN_ISSUED', occurredOn: ON },
  EXCEPTION_RECORDED: { type: 'EXCEPTION_RECORDED', occurredOn: ON, exception: 'personal_circumstances', from: '2025-07-03', to: '2025-07-20' },
  WITHDRAWN: { type: 'WITHDRAWN', occurredOn: ON, reason: 'Family moved away' },
  ASSIGNED: { type: 'ASSIGNED', occurredOn: ON, assigneeId: 'caseworker-7' },
};

/** (status, event) → next status; every pair not listed must be refused. */
const NEXT: Record<CaseStatus, Partial<Record<CaseEventType, CaseStatus>>> = {
  awaiting_decision: { DECISION_TO_ASSESS: 'assessing', EXCEPTION_RECORDED: 'awaiting_decision', WITHDRAWN: 'withdrawn', ASSIGNED: 'awaiting_decision' },
  assessing: {
    ADVICE_REQUESTED: 'assessing',
    ADVICE_RECEIVED: 'assessing',
    DECISION_TO_ISSUE: 'drafting',
    EXCEPTION_RECORDED: 'assessing',
    WITHDRAWN: 'withdrawn',
    ASSIGNED: 'assessing',
  },
  drafting: { ADVICE_RECEIVED: 'drafting', DRAFT_PLAN_ISSUED: 'draft_issued', EXCEPTION_RECORDED: 'drafting', WITHDRAWN: 'withdrawn', ASSIGNED: 'drafting' },
  draft_issued: { ADVICE_RECEIVED: 'draft_issued', FINAL_PLAN_ISSUED: 'plan_issued', EXCEPTION_RECORDED: 'draft_issued', WITHDRAWN: 'withdrawn', ASSIGNED: 'draft_issued' },
  declined_to_assess: {},
  declined_to_issue: {},
  plan_issued: {},
  withdrawn: {},
};

const ROWS = CASE_STATUSES.flatMap((status) => EVENT_TYPES.map((type) => [status, type, NEXT[status][type] ?? 'refused'] as const));

describe('applyEvent: every (status, event type) pair', () => {
  it('covers all 8 × 9 pairs', () => {
    expect(ROWS).toHaveLength(72);
  });

  it.each(ROWS)('%s + %s → %s', (status, type, next) => {
    const start = replayEvents(INPUT, HISTORY[status]);
    expect(start.status).toBe(status);
    const result = applyEvent(LATEST_MACHINE, start.snapshot, EVENT[type]);
    if (next !== 'refused') {
      expect(result).toMatchObject({ ok: true, status: next });
      return;
    }
    const allowed = EVENT_TYPES.filter((t) => NEXT[status][t] !== undefined);
    expect(result).toEqual({
      ok: false,
      code: 'CASE_TRANSITION_NOT_ALLOWED',
      message: `${type} is not allowed while the case is ${status}; allowed: ${allowed.length ? allowed.join(', ') : 'none (the case is closed)'}`,
      allowedEvents: allowed,
    });
  });
});

describe('allowedEvents', () => {
  it.each(CASE_STATUSES)('lists exactly the event types with a transition from %s, in contract order', (status) => {
    const { snapshot } = replayEvents(INPUT, HISTORY[status]);
    expect(allowedEvents(LATEST_MACHINE, snapshot)).toEqual(EVENT_TYPES.filter((t) => NEXT[status][t] !== undefined));
  });

  it('gives the message of the contract for a draft before any decision', () => {
    const { snapshot } = replayEvents(INPUT, []);
    const result = applyEvent(LATEST_MACHINE, snapshot, { type: 'DRAFT_PLAN_ISSUED', occurredOn: '2025-06-10' });
    expect(result).toMatchObject({
      ok: false,
      message: 'DRAFT_PLAN_ISSUED is not allowed while the case is awaiting_decision; allowed: DECISION_TO_ASSESS, EXCEPTION_RECORDED, WITHDRAWN, ASSIGNED',
    });
  });
});
