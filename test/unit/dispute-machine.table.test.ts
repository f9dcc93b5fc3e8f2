import { afterAll, describe, expect, it } from '@jest/globals';
import {
  DISPUTE_EVENT_TYPES,
  DISPUTE_STATUSES,
  allowedDisputeEvents,
  applyDisputeEvent,
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
