import { describe, expect, it } from '@jest/globals';
import { orderStepsMetBy, planSubjectStep, replayDisputeEvents, type DisputeEvent, type DisputeInput, type OrderAction } from '../../workflows/ehc-dispute/index.js';

/** A decision not to amend, notified Mon 2 Nov 2026, appealed; the Tribunal orders on Mon 10 May 2027. */
const NOT_AMENDED: DisputeInput = { decision: 'decision_not_to_amend', decidedOn: '2026-11-02', noticeSentOn: '2026-11-02', appealBufferWorkingDays: 10 };
const REFUSED_REASSESSMENT: DisputeInput = { ...NOT_AMENDED, decision: 'refusal_to_reassess' };
const appealed: DisputeEvent = { type: 'APPEAL_REGISTERED', occurredOn: '2026-12-01' };
const ordered = (actions: OrderAction[]): DisputeEvent => ({ type: 'TRIBUNAL_DECIDED', occurredOn: '2027-05-10', outcome: 'appeal_allowed', actions });
const factsAfter = (input: DisputeInput, events: DisputeEvent[]) => replayDisputeEvents(input, [appealed, ...events]).facts;

describe('a plan’s own steps carry out the order on its dispute', () => {
  it('an amended plan naming a setting meets both an order to amend and one to change the school, on its notice’s date and method', () => {
    const facts = factsAfter(NOT_AMENDED, [ordered(['amend_plan', 'change_school'])]);
    const step = planSubjectStep({ type: 'AMENDED_PLAN_ISSUED', occurredOn: '2027-05-27', namedSetting: 'Oak Academy', notice: { sentOn: '2027-05-28', method: 'post' } }, 'amendment_proposed');
    expect(orderStepsMetBy(facts, step!)).toEqual([
      { type: 'ORDER_STEP_MET', step: 'orderAmendedPlan', occurredOn: '2027-05-28', method: 'post' },
      { type: 'ORDER_STEP_MET', step: 'orderSchoolNamed', occurredOn: '2027-05-28', method: 'post' },
    ]);
  });

  it('an amended plan that names no setting does not carry out an order to change the school', () => {
    const facts = factsAfter(NOT_AMENDED, [ordered(['change_school'])]);
    expect(orderStepsMetBy(facts, planSubjectStep({ type: 'AMENDED_PLAN_ISSUED', occurredOn: '2027-05-27' }, 'amendment_proposed')!)).toEqual([]);
  });

  it('a step taken before the order, or after the step was met, carries nothing out', () => {
    const facts = factsAfter(NOT_AMENDED, [ordered(['amend_plan'])]);
    expect(orderStepsMetBy(facts, { kind: 'final_plan', sentOn: '2027-05-09' })).toEqual([]);
    const met = factsAfter(NOT_AMENDED, [ordered(['amend_plan', 'change_school']), { type: 'ORDER_STEP_MET', occurredOn: '2027-05-20', step: 'orderAmendedPlan' }]);
    expect(orderStepsMetBy(met, { kind: 'final_plan', sentOn: '2027-05-27', namedSetting: 'Oak Academy' }).map((e) => e.step)).toEqual(['orderSchoolNamed']);
  });

  it('a dispute with no order yet is left alone', () => {
    expect(orderStepsMetBy(factsAfter(NOT_AMENDED, []), { kind: 'final_plan', sentOn: '2027-05-27' })).toEqual([]);
    expect(orderStepsMetBy(factsAfter(NOT_AMENDED, [{ type: 'RESPONSE_SUBMITTED', occurredOn: '2027-01-05' }]), { kind: 'final_plan', sentOn: '2027-05-27' })).toEqual([]);
  });

  it('under an order to re-assess: the decision to re-assess is the notice, the proposed amendments the decision to issue, the amended plan the final plan', () => {
    const facts = factsAfter(REFUSED_REASSESSMENT, [ordered(['reassess'])]);
    const decision = planSubjectStep({ type: 'REASSESSMENT_DECISION', occurredOn: '2027-05-17', decision: 'reassess' }, 'reassessment_requested');
    expect(orderStepsMetBy(facts, decision!)).toEqual([{ type: 'ORDER_STEP_MET', step: 'orderNotice', occurredOn: '2027-05-17' }]);
    expect(planSubjectStep({ type: 'AMENDMENT_NOTICE_SENT', occurredOn: '2027-07-01', method: 'email' }, 'reassessing')).toEqual({ kind: 'issue_decision', decision: 'issue', sentOn: '2027-07-01', method: 'email' });
    expect(planSubjectStep({ type: 'DECISION_NOT_TO_AMEND', occurredOn: '2027-07-01', reasons: 'No change in needs' }, 'reassessing')).toMatchObject({ kind: 'issue_decision', decision: 'not_issue' });
    // Proposed amendments outside a re-assessment are not a decision under the order.
    expect(planSubjectStep({ type: 'AMENDMENT_NOTICE_SENT', occurredOn: '2027-07-01', method: 'email' }, 'maintained')).toBeNull();
    expect(planSubjectStep({ type: 'REASSESSMENT_DECISION', occurredOn: '2027-05-17', decision: 'refuse' }, 'reassessment_requested')).toBeNull();
  });

  it('ceasing the plan carries out a dismissed cease appeal', () => {
    const facts = replayDisputeEvents({ ...NOT_AMENDED, decision: 'decision_to_cease' }, [appealed, { type: 'TRIBUNAL_DECIDED', occurredOn: '2027-03-01', outcome: 'appeal_dismissed' }]).facts;
    expect(orderStepsMetBy(facts, planSubjectStep({ type: 'CEASED', occurredOn: '2027-03-01' }, 'cease_pending_appeal_window')!)).toEqual([
      { type: 'ORDER_STEP_MET', step: 'orderCease', occurredOn: '2027-03-01' },
    ]);
  });
});
