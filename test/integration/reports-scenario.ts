/**
 * A known set of cases for the report tests, built through the HTTP API on 15 July 2026.
 * Period 2026-01-01..2026-06-30. Due dates (request + 6 / 16 / 20 weeks) are in the comments.
 */
import { createCase, postEvent } from '../support/case-factory.js';
import type { TestApp } from '../support/test-app.js';

export const BUILT_ON = '2026-07-15';
export const PERIOD = { from: '2026-01-01', to: '2026-06-30' };

type Step = Record<string, unknown> & { type: string; occurredOn: string };

const assess = (on: string): Step => ({ type: 'DECISION_TO_ASSESS', occurredOn: on, decision: 'assess' });
const assign = (on: string, assigneeId: string): Step => ({ type: 'ASSIGNED', occurredOn: on, assigneeId });
const ask = (on: string, contributor: string, organisation?: string): Step =>
  ({ type: 'ADVICE_REQUESTED', occurredOn: on, contributor, ...(organisation ? { contact: { organisation } } : {}) });
const got = (on: string, contributor: string): Step => ({ type: 'ADVICE_RECEIVED', occurredOn: on, contributor });
const issue = (on: string): Step => ({ type: 'DECISION_TO_ISSUE', occurredOn: on, decision: 'issue' });
const draft = (on: string): Step => ({ type: 'DRAFT_PLAN_ISSUED', occurredOn: on });
const final = (on: string): Step => ({ type: 'FINAL_PLAN_ISSUED', occurredOn: on });
const withdraw = (on: string): Step => ({ type: 'WITHDRAWN', occurredOn: on, reason: 'Family moved on' });

/** In creation order, so references EHC-2026-000001.. follow the request dates. */
export const SCENARIO: { name: string; receivedOn: string; steps: Step[] }[] = [
  // A, on time. 6w 02-16, 20w 05-25. Education advice late (due 03-24).
  { name: 'A', receivedOn: '2026-01-05', steps: [assign('2026-01-06', 'priya'), assess('2026-02-09'), ask('2026-02-10', 'health', 'North ICB'),
    ask('2026-02-10', 'education', 'Oak School'), got('2026-03-20', 'health'), got('2026-03-30', 'education'), issue('2026-04-01'), draft('2026-04-10'), final('2026-05-11')] },
  // B, late. 6w 02-23 (decided late), 20w 06-01.
  { name: 'B', receivedOn: '2026-01-12', steps: [assign('2026-01-13', 'sam'), assess('2026-03-02'), ask('2026-03-03', 'health', 'North ICB'),
    got('2026-04-10', 'health'), issue('2026-04-20'), draft('2026-05-01'), final('2026-06-15')] },
  // C, late with an exception against the 20 weeks. 6w 03-02, 20w 06-08.
  { name: 'C', receivedOn: '2026-01-19', steps: [assign('2026-01-20', 'priya'), assess('2026-02-20'), ask('2026-02-23', 'educational_psychology'),
    { type: 'EXCEPTION_RECORDED', occurredOn: '2026-03-02', exception: 'personal_circumstances', from: '2026-03-01', to: '2026-03-28', limits: ['finalPlan'] },
    got('2026-04-30', 'educational_psychology'), issue('2026-05-05'), draft('2026-05-12'), final('2026-06-22')] },
  // H, assessed, no plan. 6w 03-09, 16w 05-18.
  { name: 'H', receivedOn: '2026-01-26', steps: [assess('2026-03-02'), ask('2026-03-03', 'health'),
    { type: 'DECISION_TO_ISSUE', occurredOn: '2026-05-04', decision: 'not_issue', reasons: 'Needs met from ordinarily available provision' }] },
  // D, declined. 6w 03-16.
  { name: 'D', receivedOn: '2026-02-02', steps: [{ type: 'DECISION_TO_ASSESS', occurredOn: '2026-03-10', decision: 'decline', reasons: 'No evidence of SEN' }] },
  // E, withdrawn during the assessment. 6w 03-30.
  { name: 'E', receivedOn: '2026-02-16', steps: [assess('2026-03-20'), withdraw('2026-04-15')] },
  // F, withdrawn before any decision.
  { name: 'F', receivedOn: '2026-03-02', steps: [withdraw('2026-03-20')] },
  // G, in progress (assessing). 6w 05-18, 16w 07-27, 20w 08-24; health advice due 06-23, outstanding.
  { name: 'G', receivedOn: '2026-04-06', steps: [assess('2026-05-11'), assign('2026-05-12', 'sam'), ask('2026-05-12', 'health')] },
  // I, awaiting a decision. 6w 08-10, 20w 11-16.
  { name: 'I', receivedOn: '2026-06-29', steps: [] },
];

export async function buildScenario(t: TestApp): Promise<Record<string, { id: string; reference: string }>> {
  const cases: Record<string, { id: string; reference: string }> = {};
  for (const { name, receivedOn, steps } of SCENARIO) {
    const created = await createCase(t, { requestReceivedOn: receivedOn, child: { givenName: `Child${name}`, familyName: 'Example', dateOfBirth: '2018-03-01' } });
    for (const step of steps) {
      const response = await postEvent(t, created.id, step);
      if (response.status !== 200) throw new Error(`case ${name} ${step.type}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    cases[name] = { id: created.id, reference: created.reference };
  }
  return cases;
}
