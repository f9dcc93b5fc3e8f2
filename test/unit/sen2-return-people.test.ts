import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays } from '../../workflows/calendar/dates.js';
import type { CaseFacts } from '../../workflows/ehc-needs-assessment/index.js';
import type { PlanFacts } from '../../workflows/ehc-plan/index.js';
import { caseInReturn, collectionPeriod, personOf, planInReturn, returnableYears, type CaseRecord, type PlanRecord } from '../../workflows/sen2/index.js';

const period = collectionPeriod(2027);
const child = { id: 'child-1', upn: null, uln: null, upnUnknown: 'UN2', sex: 'F', ethnicity: 'WBRI', postcode: 'AB1 2BD' };
const noDisputes = { requestMediation: false, requestTribunal: false, assessmentMediation: false, assessmentTribunal: false, otherMediation: false, otherTribunal: false };

function caseFacts(overrides: Partial<CaseFacts> = {}): CaseFacts {
  return { requestReceivedOn: '2026-03-02', requestSource: 'parent', advice: [], exceptions: [], notices: {}, ...overrides };
}

function caseRecord(facts: CaseFacts, planId: string | null = null): CaseRecord {
  return { ref: { kind: 'case', id: 'case-1', reference: 'EHC-1' }, childId: child.id, givenName: 'Ada', familyName: 'Lane', dateOfBirth: '2017-05-05', facts, disputes: noDisputes, planId };
}

function planFacts(overrides: Partial<PlanFacts> = {}): PlanFacts {
  return {
    startedOn: '2021-04-01', childDateOfBirth: '2017-05-05', phase: 'primary', yearGroupOffset: 0, transferNotices: [],
    reviews: [], amendments: [], reassessments: [], phaseTransfers: [], ceases: [], exceptions: [], ...overrides,
  };
}

function planRecord(facts: PlanFacts, fromAuthority: string | null = null): PlanRecord {
  return {
    ref: { kind: 'plan', id: 'plan-1', reference: 'PLAN-1' }, childId: child.id, caseId: null, givenName: 'Ada', familyName: 'Lane-Smith', dateOfBirth: '2017-05-05',
    facts, fromAuthority, detail: null, placements: [], phaseTransfers: [],
  };
}

describe('Which records the 2027 return carries (census 21 January 2027; requests of 2026)', () => {
  it('knows the census dates, and returns a year only once its census day has come', () => {
    expect(period).toEqual({ year: 2027, referenceDate: '2027-01-21', from: '2026-01-01', to: '2026-12-31', endedAfter: '2026-01-15' });
    expect(returnableYears('2027-01-20')).toEqual([2025, 2026]);
    expect(returnableYears('2027-01-21')).toEqual([2025, 2026, 2027]);
  });

  it('carries a request received in the year, or still open at its start, or closed in it; not one received after it, nor one closed before it', () => {
    expect(caseInReturn(caseFacts({ requestReceivedOn: '2026-01-01' }), period)).toBe(true);
    expect(caseInReturn(caseFacts({ requestReceivedOn: '2026-12-31' }), period)).toBe(true);
    expect(caseInReturn(caseFacts({ requestReceivedOn: '2027-01-04' }), period)).toBe(false);
    expect(caseInReturn(caseFacts({ requestReceivedOn: '2025-11-03' }), period)).toBe(true);
    expect(caseInReturn(caseFacts({ requestReceivedOn: '2025-11-03', decisionToAssess: { decision: 'decline', on: '2025-12-31' } }), period)).toBe(false);
    expect(caseInReturn(caseFacts({ requestReceivedOn: '2025-11-03', decisionToAssess: { decision: 'decline', on: '2026-01-02' } }), period)).toBe(true);
    expect(caseInReturn(caseFacts({ requestReceivedOn: '2025-06-02', decisionToAssess: { decision: 'assess', on: '2025-07-01' }, finalIssuedOn: '2025-10-20' }), period)).toBe(false);
  });

  it('carries a plan active on the census date, or ended after the previous census (15 January 2026)', () => {
    expect(planInReturn(planFacts(), period)).toBe(true);
    expect(planInReturn(planFacts({ startedOn: '2027-01-22' }), period)).toBe(false);
    expect(planInReturn(planFacts({ ceasedOn: '2026-01-15' }), period)).toBe(false);
    expect(planInReturn(planFacts({ ceasedOn: '2026-01-16' }), period)).toBe(true);
    expect(planInReturn(planFacts({ transferredOut: { on: '2027-01-30', toAuthority: 'X' } }), period)).toBe(true);
  });

  it('reports a decision told to the family after the census date as not yet made', () => {
    const facts = caseFacts({
      requestReceivedOn: '2026-12-01',
      decisionToAssess: { decision: 'assess', on: '2027-01-19' },
      notices: { decision_to_assess: [{ sentOn: '2027-01-20', method: 'post', recipient: 'family', servedOn: '2027-01-22' }] },
    });
    const [request] = personOf(child, [caseRecord(facts)], [], period)!.Requests;
    expect(request).toMatchObject({ ReceivedDate: '2026-12-01', RequestSource: 1, RequestOutcome: 'A' });
    expect(request.RequestOutcomeDate).toBeUndefined();
    expect(request.Assessment).toBeUndefined();
    const toldInTime = { ...facts, notices: { decision_to_assess: [{ sentOn: '2027-01-19', method: 'email' as const, recipient: 'family', servedOn: '2027-01-19' }] } };
    expect(personOf(child, [caseRecord(toldInTime)], [], period)!.Requests[0]).toMatchObject({ RequestOutcome: 'Y', RequestOutcomeDate: '2027-01-19', Assessment: { AssessmentOutcome: 'A', Week20: false } });
  });

  it('reports an approved exception as Week20 1, and one still awaiting approval as 0 with a note for the validation', () => {
    const exception = { seq: 3, exception: 'personal_circumstances' as const, from: '2026-04-01', to: '2026-05-15', limits: ['finalPlan'], recordedOn: '2026-04-02' };
    const assessing = { requestReceivedOn: '2026-02-02', decisionToAssess: { decision: 'assess' as const, on: '2026-03-09' } };
    const pending = personOf(child, [caseRecord(caseFacts({ ...assessing, exceptions: [exception] }))], [], period)!.Requests[0];
    expect(pending.Assessment?.Week20).toBe(false);
    expect(pending.notes.exceptionsAwaitingApproval).toEqual(['2026-04-02']);
    const approved = personOf(child, [caseRecord(caseFacts({ ...assessing, exceptions: [{ ...exception, approvedOn: '2026-04-03', approvedBy: 'm' }] }))], [], period)!.Requests[0];
    expect(approved.Assessment?.Week20).toBe(true);
    expect(approved.notes.exceptionsAwaitingApproval).toEqual([]);
  });

  it('gives a plan without a request in the return H outcomes, its transfer-in LA when it is an LA number, and the newest record’s name', () => {
    const transferred = planRecord(planFacts({ transferredInOn: '2026-05-04' }), '202');
    const person = personOf(child, [], [transferred], period)!;
    expect(person).toMatchObject({ Surname: 'Lane-Smith', Forename: 'Ada', UPNunknown: 'UN2', Requests: [{ RequestOutcome: 'H', Assessment: { AssessmentOutcome: 'H' }, ActivePlans: { TransferLA: '202' } }] });
    expect(person.Requests[0].ReceivedDate).toBeUndefined();
    const named = personOf(child, [], [planRecord(planFacts({ transferredInOn: '2026-05-04' }), 'Another County')], period)!.Requests[0];
    expect(named.ActivePlans?.TransferLA).toBeUndefined();
    expect(named.notes.transferredFrom).toBe('Another County');
  });

  it('never reports a date after the census date, except a phase transfer due after it', () => {
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 60 }), fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 120 }), (receivedOffset, decidedAfter, heldAfter) => {
        const receivedOn = addDays('2027-01-21', receivedOffset);
        const decidedOn = addDays(receivedOn, decidedAfter);
        const facts = caseFacts({ requestReceivedOn: receivedOn, decisionToAssess: { decision: 'decline', on: decidedOn } });
        const heldOn = addDays('2026-06-01', heldAfter * 3);
        const plan = planRecord(planFacts({ reviews: [{ n: 1, meetingOn: heldOn, scheduledOn: '2026-05-01', heldOn, decision: { decision: 'maintain', on: addDays(heldOn, 20) }, decisionNotices: [] }] }));
        const dates = JSON.stringify(personOf(child, [caseRecord(facts)], [plan], period)).match(/\d{4}-\d{2}-\d{2}/g) ?? [];
        return dates.every((on) => on <= period.referenceDate);
      }),
    );
  });
});
