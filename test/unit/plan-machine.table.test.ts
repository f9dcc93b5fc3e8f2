import { afterAll, describe, expect, it } from '@jest/globals';
import {
  PLAN_EVENT_TYPES,
  PLAN_STATUSES,
  allowedPlanEvents,
  applyPlanEvent,
  planMachines,
  replayPlanEvents,
  type PlanEvent,
  type PlanEventType,
  type PlanStatus,
} from '../../workflows/ehc-plan/index.js';
import { PLAN_HISTORY, PLAN_INPUT } from './fixtures/plans.js';

const ON = '2026-03-20'; // after every step of every history, and 15 days after the amendment notice of 2 March

/** A well-formed event of each type; where the rules need more, the status's own history supplies it. */
const EVENT: Record<PlanEventType, PlanEvent> = {
  REVIEW_MEETING_SCHEDULED: { type: 'REVIEW_MEETING_SCHEDULED', occurredOn: ON, meetingOn: '2026-04-20' },
  REVIEW_INVITATIONS_SENT: { type: 'REVIEW_INVITATIONS_SENT', occurredOn: '2026-01-06' },
  REVIEW_ADVICE_CIRCULATED: { type: 'REVIEW_ADVICE_CIRCULATED', occurredOn: '2026-01-06' },
  REVIEW_MEETING_HELD: { type: 'REVIEW_MEETING_HELD', occurredOn: '2026-02-02' },
  REVIEW_REPORT_RECEIVED: { type: 'REVIEW_REPORT_RECEIVED', occurredOn: '2026-02-11' },
  REVIEW_DECISION: { type: 'REVIEW_DECISION', occurredOn: ON, decision: 'maintain' },
  AMENDMENT_NOTICE_SENT: { type: 'AMENDMENT_NOTICE_SENT', occurredOn: ON, method: 'email' },
  AMENDED_PLAN_ISSUED: { type: 'AMENDED_PLAN_ISSUED', occurredOn: ON },
  DECISION_NOT_TO_AMEND: { type: 'DECISION_NOT_TO_AMEND', occurredOn: ON, reasons: 'The plan still meets the needs' },
  PHASE_DETAILS_RECORDED: { type: 'PHASE_DETAILS_RECORDED', occurredOn: ON, yearGroupOffset: 1 },
  REASSESSMENT_REQUESTED: { type: 'REASSESSMENT_REQUESTED', occurredOn: ON, requestedBy: 'school' },
  REASSESSMENT_DECISION: { type: 'REASSESSMENT_DECISION', occurredOn: ON, decision: 'reassess' },
  CEASE_DECISION: { type: 'CEASE_DECISION', occurredOn: ON, reasons: 'Moved to higher education', ceaseReason: 3 },
  CEASE_DECISION_WITHDRAWN: { type: 'CEASE_DECISION_WITHDRAWN', occurredOn: ON, reason: 'Agreed at mediation' },
  CEASED: { type: 'CEASED', occurredOn: ON },
  TRANSFERRED_OUT: { type: 'TRANSFERRED_OUT', occurredOn: ON, toAuthority: 'Westshire Council' },
  EXCEPTION_RECORDED: { type: 'EXCEPTION_RECORDED', occurredOn: ON, exception: 'personal_circumstances', from: '2025-07-01', to: '2025-08-01', approvedBy: 'manager-1' },
  EXCEPTION_APPROVED: { type: 'EXCEPTION_APPROVED', occurredOn: ON, exceptionSeq: 99, approvedBy: 'manager-1' },
  EXCEPTION_ENDED: { type: 'EXCEPTION_ENDED', occurredOn: ON, exceptionSeq: 99, to: ON },
  NOTICE_SENT: { type: 'NOTICE_SENT', occurredOn: ON, notice: 'review_decision', sentOn: ON, method: 'email' },
  ASSIGNED: { type: 'ASSIGNED', occurredOn: ON, assigneeId: 'caseworker-7' },
};

const ALWAYS: PlanEventType[] = ['EXCEPTION_APPROVED', 'EXCEPTION_ENDED', 'NOTICE_SENT'];
const MAINTAINING: PlanEventType[] = [...ALWAYS, 'ASSIGNED', 'PHASE_DETAILS_RECORDED', 'TRANSFERRED_OUT'];

/** What a caseworker may do in each status: the rest is refused with the list. */
const ALLOWED: Record<PlanStatus, PlanEventType[]> = {
  maintained: ['REVIEW_MEETING_SCHEDULED', 'REVIEW_MEETING_HELD', 'AMENDMENT_NOTICE_SENT', 'REASSESSMENT_REQUESTED', 'CEASE_DECISION', ...MAINTAINING],
  review_scheduled: ['REVIEW_MEETING_SCHEDULED', 'REVIEW_INVITATIONS_SENT', 'REVIEW_ADVICE_CIRCULATED', 'REVIEW_MEETING_HELD', ...MAINTAINING],
  review_held: ['REVIEW_REPORT_RECEIVED', 'REVIEW_DECISION', ...MAINTAINING],
  amendment_proposed: ['AMENDMENT_NOTICE_SENT', 'AMENDED_PLAN_ISSUED', 'DECISION_NOT_TO_AMEND', ...MAINTAINING],
  reassessment_requested: ['REASSESSMENT_DECISION', ...MAINTAINING],
  reassessing: ['AMENDMENT_NOTICE_SENT', 'DECISION_NOT_TO_AMEND', 'CEASE_DECISION', 'EXCEPTION_RECORDED', ...MAINTAINING],
  cease_pending_appeal_window: ['CEASED', 'CEASE_DECISION_WITHDRAWN', ...MAINTAINING],
  ceased: ALWAYS,
  transferred_out: ALWAYS,
};

/** Where an allowed event moves the plan (a decision's outcome depends on the decision: EVENT's is given). */
const TARGET: Partial<Record<PlanStatus, Partial<Record<PlanEventType, PlanStatus>>>> = {
  maintained: { REVIEW_MEETING_SCHEDULED: 'review_scheduled', REVIEW_MEETING_HELD: 'review_held', AMENDMENT_NOTICE_SENT: 'amendment_proposed', REASSESSMENT_REQUESTED: 'reassessment_requested', CEASE_DECISION: 'cease_pending_appeal_window' },
  review_scheduled: { REVIEW_MEETING_HELD: 'review_held' },
  review_held: { REVIEW_DECISION: 'maintained' },
  amendment_proposed: { AMENDED_PLAN_ISSUED: 'maintained', DECISION_NOT_TO_AMEND: 'maintained' },
  reassessment_requested: { REASSESSMENT_DECISION: 'reassessing' },
  reassessing: { AMENDMENT_NOTICE_SENT: 'amendment_proposed', DECISION_NOT_TO_AMEND: 'maintained', CEASE_DECISION: 'cease_pending_appeal_window' },
  cease_pending_appeal_window: { CEASED: 'ceased', CEASE_DECISION_WITHDRAWN: 'maintained' },
};

const ordered = (types: PlanEventType[]) => PLAN_EVENT_TYPES.filter((t) => types.includes(t));

/** The exception approvals and endings need an exception; a recorded one exists only while re-assessing. */
function eventFor(status: PlanStatus, type: PlanEventType): PlanEvent {
  if (type === 'TRANSFERRED_OUT' || type === 'CEASED') return EVENT[type];
  const notice = EVENT.NOTICE_SENT as Extract<PlanEvent, { type: 'NOTICE_SENT' }>;
  if (status === 'ceased' && type === 'NOTICE_SENT') return { ...notice, notice: 'cease_decision' };
  if (status === 'transferred_out' && type === 'NOTICE_SENT') return { ...notice, notice: 'transfer_notice' };
  return EVENT[type];
}

const refused: string[] = [];

describe('ehc-plan v1: every (status, event) pair', () => {
  // Run last (Jest runs a describe's tests in order): what the rules refused among allowed events, and why.
  afterAll(() => {
    const reasons = new Set(refused.map((line) => line.replace(/^[a-z_]+\+/, '')));
    expect([...reasons].sort()).toEqual([
      'EXCEPTION_APPROVED: There is no exception recorded at trail place 99; exceptions: none.',
      'EXCEPTION_ENDED: There is no exception recorded at trail place 99; exceptions: none.',
      'NOTICE_SENT: There is no review decision on this plan to send a notice of.',
      'NOTICE_SENT: There is no transfer notice on this plan to send a notice of.',
    ]);
  });
  for (const status of PLAN_STATUSES) {
    const state = replayPlanEvents(PLAN_INPUT, PLAN_HISTORY[status]);

    it(`the history reaches ${status}, which allows exactly its events`, () => {
      expect(state.status).toBe(status);
      expect(allowedPlanEvents(planMachines.latest, state.snapshot)).toEqual(ordered(ALLOWED[status]));
    });

    for (const type of PLAN_EVENT_TYPES) {
      const allowed = ALLOWED[status].includes(type);
      it(`${status} + ${type}: ${allowed ? 'considered by the rules' : 'refused as not allowed, changing nothing'}`, () => {
        const result = applyPlanEvent(planMachines.latest, state.snapshot, eventFor(status, type));
        if (!allowed) {
          expect(result).toEqual({ ok: false, code: 'PLAN_TRANSITION_NOT_ALLOWED', message: expect.stringContaining(`not allowed while the plan is ${status}`), allowedEvents: ordered(ALLOWED[status]) });
          return;
        }
        if (!result.ok) {
          refused.push(`${status}+${type}: ${result.message}`);
          // Allowed but refused: a statutory rule speaks, never the generic "not allowed".
          expect(result.code).toBe('PLAN_EVENT_REFUSED');
          expect(result.message.length).toBeGreaterThan(20);
          return;
        }
        expect(result.status).toBe(type === 'TRANSFERRED_OUT' ? 'transferred_out' : (TARGET[status]?.[type] ?? status));
      });
    }
  }

  it('the rules accept the table’s transitions that move a plan (so the table tests moves, not only refusals)', () => {
    const moved = PLAN_STATUSES.flatMap((status) =>
      Object.keys(TARGET[status] ?? {}).filter((type) => {
        const state = replayPlanEvents(PLAN_INPUT, PLAN_HISTORY[status]);
        return applyPlanEvent(planMachines.latest, state.snapshot, eventFor(status, type as PlanEventType)).ok;
      }).map((type) => `${status}+${type}`),
    );
    expect(moved).toEqual([
      'maintained+REVIEW_MEETING_SCHEDULED', 'maintained+REVIEW_MEETING_HELD', 'maintained+AMENDMENT_NOTICE_SENT', 'maintained+REASSESSMENT_REQUESTED', 'maintained+CEASE_DECISION',
      'review_scheduled+REVIEW_MEETING_HELD', 'review_held+REVIEW_DECISION', 'amendment_proposed+AMENDED_PLAN_ISSUED', 'amendment_proposed+DECISION_NOT_TO_AMEND',
      'reassessment_requested+REASSESSMENT_DECISION', 'reassessing+AMENDMENT_NOTICE_SENT', 'reassessing+DECISION_NOT_TO_AMEND', 'reassessing+CEASE_DECISION',
      'cease_pending_appeal_window+CEASED', 'cease_pending_appeal_window+CEASE_DECISION_WITHDRAWN',
    ]);
  });
});
