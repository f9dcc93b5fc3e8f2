import { describe, expect, it } from '@jest/globals';
import {
  CASE_STATUSES,
  CLOSED_STATUSES,
  EVENT_TYPES,
  LATEST_MACHINE,
  allowedEvents,
  applyEvent,
  replayEvents,
  type CaseEvent,
  type CaseEventType,
  type CaseStatus,
} from '../../workflows/ehc-needs-assessment/index.js';
import { HISTORY, INPUT, exception } from './fixtures/cases.js';

const ON = '2025-09-20'; // after every step of every history, and S + 15 for the draft of 1 Sep

/**
 * Every history starts with a caseworker's proposed exception (event seq 1, running from 3 June),
 * so that approving and ending it can be tried in every status.
 */
const PROPOSAL = exception('personal_circumstances', '2025-06-03', undefined, { occurredOn: '2025-06-03' });
const historyOf = (status: CaseStatus): CaseEvent[] => [PROPOSAL, ...HISTORY[status]];

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
  EXCEPTION_APPROVED: { type: 'EXCEPTION_APPROVED', occurredOn: ON, exceptionSeq: 1, approvedBy: 'manager-1' },
  EXCEPTION_ENDED: { type: 'EXCEPTION_ENDED', occurredOn: ON, exceptionSeq: 1, to: '2025-06-20' },
  NOTICE_SENT: { type: 'NOTICE_SENT', occurredOn: ON, notice: 'decision_to_assess', sentOn: ON, method: 'email' },
};

/** The machine allows the event, but the rules refuse it on this history: the reason given. */
type Refused = { refused: RegExp };
type Outcome = CaseStatus | Refused;

/** Closed statuses still record what happens after: late advice, notices, the exception's approval and end. */
const closed = (status: CaseStatus, advice: Outcome = status, notice: Outcome = status): Partial<Record<CaseEventType, Outcome>> => ({
  ADVICE_RECEIVED: advice,
  EXCEPTION_APPROVED: status,
  EXCEPTION_ENDED: status,
  NOTICE_SENT: notice,
});

/** (status, event) → next status, or the rules' refusal; every pair not listed must be not allowed. */
const NEXT: Record<CaseStatus, Partial<Record<CaseEventType, Outcome>>> = {
  awaiting_decision: {
    DECISION_TO_ASSESS: 'assessing',
    EXCEPTION_RECORDED: 'awaiting_decision',
    WITHDRAWN: 'withdrawn',
    ASSIGNED: 'awaiting_decision',
    EXCEPTION_APPROVED: 'awaiting_decision',
    EXCEPTION_ENDED: 'awaiting_decision',
  },
  assessing: {
    ADVICE_REQUESTED: 'assessing',
    ADVICE_RECEIVED: 'assessing',
    DECISION_TO_ISSUE: 'drafting',
    EXCEPTION_RECORDED: 'assessing',
    WITHDRAWN: 'withdrawn',
    ASSIGNED: 'assessing',
    EXCEPTION_APPROVED: 'assessing',
    EXCEPTION_ENDED: 'assessing',
    NOTICE_SENT: 'assessing',
  },
  drafting: {
    ADVICE_RECEIVED: 'drafting',
    DRAFT_PLAN_ISSUED: 'draft_issued',
    EXCEPTION_RECORDED: 'drafting',
    WITHDRAWN: 'withdrawn',
    ASSIGNED: 'drafting',
    EXCEPTION_APPROVED: 'drafting',
    EXCEPTION_ENDED: 'drafting',
    NOTICE_SENT: 'drafting',
  },
  draft_issued: {
    ADVICE_RECEIVED: 'draft_issued',
    FINAL_PLAN_ISSUED: 'plan_issued',
    EXCEPTION_RECORDED: 'draft_issued',
    WITHDRAWN: 'withdrawn',
    ASSIGNED: 'draft_issued',
    EXCEPTION_APPROVED: 'draft_issued',
    EXCEPTION_ENDED: 'draft_issued',
    NOTICE_SENT: 'draft_issued',
  },
  // Declined at the decision: no advice was ever asked for.
  declined_to_assess: closed('declined_to_assess', { refused: /Advice from health was never requested/ }),
  declined_to_issue: closed('declined_to_issue'),
  plan_issued: closed('plan_issued'),
  // Withdrawn before any decision: there is neither advice nor a decision to send a notice of.
  withdrawn: closed('withdrawn', { refused: /never requested/ }, { refused: /There is no decision to assess on this case/ }),
};

const ROWS = CASE_STATUSES.flatMap((status) => EVENT_TYPES.map((type) => [status, type, NEXT[status][type] ?? 'not allowed'] as const));
const label = (outcome: Outcome | 'not allowed') => (typeof outcome === 'string' ? outcome : `refused (${outcome.refused.source})`);

describe('applyEvent: every (status, event type) pair', () => {
  it('covers all 8 × 12 pairs', () => {
    expect(ROWS).toHaveLength(96);
  });

  it.each(ROWS.map(([status, type, next]) => [status, type, label(next), next] as const))('%s + %s → %s', (status, type, _, next) => {
    const start = replayEvents(INPUT, historyOf(status));
    expect(start.status).toBe(status);
    const result = applyEvent(LATEST_MACHINE, start.snapshot, EVENT[type]);
    const allowed = EVENT_TYPES.filter((t) => NEXT[status][t] !== undefined);
    if (typeof next === 'object') {
      expect(result).toEqual({ ok: false, code: 'CASE_EVENT_REFUSED', message: expect.stringMatching(next.refused), allowedEvents: allowed });
      return;
    }
    if (next !== 'not allowed') {
      expect(result).toMatchObject({ ok: true, status: next });
      return;
    }
    expect(result).toEqual({
      ok: false,
      code: 'CASE_TRANSITION_NOT_ALLOWED',
      message: `${type} is not allowed while the case is ${status}; allowed: ${allowed.join(', ')}`,
      allowedEvents: allowed,
    });
  });

  it('accepts in a closed status only what happened after the case closed, never a step that reopens it', () => {
    for (const status of CLOSED_STATUSES) {
      expect(Object.keys(NEXT[status]).sort()).toEqual(['ADVICE_RECEIVED', 'EXCEPTION_APPROVED', 'EXCEPTION_ENDED', 'NOTICE_SENT']);
      expect(Object.values(NEXT[status]).filter((o) => typeof o === 'string').every((o) => o === status)).toBe(true);
    }
  });
});

describe('allowedEvents', () => {
  it.each(CASE_STATUSES)('lists exactly the event types with a transition from %s, in contract order', (status) => {
    const { snapshot } = replayEvents(INPUT, historyOf(status));
    expect(allowedEvents(LATEST_MACHINE, snapshot)).toEqual(EVENT_TYPES.filter((t) => NEXT[status][t] !== undefined));
  });

  it('gives the message of the contract for a draft before any decision', () => {
    const { snapshot } = replayEvents(INPUT, []);
    const result = applyEvent(LATEST_MACHINE, snapshot, { type: 'DRAFT_PLAN_ISSUED', occurredOn: '2025-06-10' });
    expect(result).toMatchObject({
      ok: false,
      message: 'DRAFT_PLAN_ISSUED is not allowed while the case is awaiting_decision; allowed: DECISION_TO_ASSESS, EXCEPTION_RECORDED, WITHDRAWN, ASSIGNED, EXCEPTION_APPROVED, EXCEPTION_ENDED',
    });
  });
});
