import { describe, expect, it } from '@jest/globals';
import { buildHistory } from '../../src/imports/import-history.js';
import { readImportRow } from '../../src/imports/import-rows.js';

const TODAY = '2026-12-01';
const OPEN = {
  record: 'assessment', legacy_reference: 'OLD-1', given_name: 'Amara', family_name: 'Okafor', date_of_birth: '2017-04-12',
  request_received_on: '2026-06-01', request_source: 'parent', decision_to_assess: 'assess', decision_to_assess_on: '2026-07-06',
};
const read = (cells: Record<string, string>, line = 2) => readImportRow({ line, cells }, TODAY);
/** A row's history replayed, as the import replays it. */
const history = (cells: Record<string, string>, assigneeId?: string) => buildHistory({ line: 2, cells }, read(cells).record!, assigneeId, TODAY);
const messages = (cells: Record<string, string>) => read(cells).problems.map((p) => [p.column, p.message]);

describe('reading a row of the caseload template', () => {
  it('reads an open assessment into its dated steps, the decision told on its own day unless told later', () => {
    const { record, problems } = read({ ...OPEN, decision_to_assess_told_on: '08/07/2026', advice_health_requested_on: '2026-07-10' });
    expect(problems).toEqual([]);
    expect(record!.assessment!.steps.map((s) => [s.column, s.event.type, s.event.occurredOn])).toEqual([
      ['decision_to_assess_on', 'DECISION_TO_ASSESS', '2026-07-06'],
      ['advice_health_requested_on', 'ADVICE_REQUESTED', '2026-07-10'],
    ]);
    expect(record!.assessment!.steps[0].event).toMatchObject({ notice: { sentOn: '2026-07-08', method: 'email' } });
    expect(read(OPEN).record!.assessment!.steps[0].event).toMatchObject({ notice: { sentOn: '2026-07-06' } });
  });

  it('names the column of each value it cannot take', () => {
    expect(messages({ ...OPEN, date_of_birth: '2017-13-01', request_source: 'granny', decision_to_assess: 'maybe', upn: 'A12' })).toEqual([
      ['date_of_birth', 'date_of_birth must be a date, YYYY-MM-DD or DD/MM/YYYY, not "2017-13-01"'],
      ['upn', expect.stringContaining('upn')],
      ['request_source', expect.stringContaining('request_source must be one of parent')],
      ['decision_to_assess', 'decision_to_assess must be one of assess, decline, not "maybe"'],
    ]);
    expect(messages({ ...OPEN, decision_to_assess_on: '' })).toEqual([['decision_to_assess_on', 'decision_to_assess_on is required with decision_to_assess']]);
  });

  it('refuses dates in the future, a request before the birth, and what a refusal or a withdrawal needs', () => {
    expect(messages({ ...OPEN, decision_to_assess_on: '2026-12-02' })).toEqual([['decision_to_assess_on', 'decision_to_assess_on 2026-12-02 is in the future; today is 2026-12-01']]);
    expect(messages({ ...OPEN, date_of_birth: '2026-07-01' })).toEqual([['request_received_on', 'request_received_on 2026-06-01 is before the child’s date of birth (2026-07-01)']]);
    expect(messages({ ...OPEN, decision_to_assess: 'decline' })).toEqual([['decline_reasons', 'decline_reasons is required when decision_to_assess is decline']]);
    expect(messages({ ...OPEN, withdrawn_on: '2026-08-01' })).toEqual([['withdrawn_reason', 'withdrawn_reason is required with withdrawn_on']]);
    expect(messages({ ...OPEN, advice_health_received_on: '2026-08-01' })).toEqual([['advice_health_received_on', expect.stringContaining('needs advice_health_requested_on')]]);
  });

  it('keeps plan columns off assessment rows and assessment columns off plan rows', () => {
    expect(messages({ ...OPEN, plan_started_on: '2026-01-01' })).toEqual([['plan_started_on', 'plan_started_on belongs to plan rows; this row is a assessment']]);
    const plan = { record: 'plan', legacy_reference: 'OLD-2', given_name: 'Ben', family_name: 'Brown', date_of_birth: '2012-09-03', plan_started_on: '2022-03-10' };
    expect(messages({ ...plan, request_source: 'parent' })).toEqual([['request_source', 'request_source belongs to assessment rows; this row is a plan']]);
    // Only where it belongs: a long value in the wrong kind of row is not also judged by the column's own rules.
    expect(messages({ ...plan, decline_reasons: 'x'.repeat(300) })).toEqual([['decline_reasons', 'decline_reasons belongs to assessment rows; this row is a plan']]);
    expect(messages({ ...plan, last_review_decision: 'cease', last_review_decision_on: '2025-12-10', last_review_meeting_on: '2025-11-20' })).toEqual([
      ['cease_reason', 'cease_reason is required when the last review decided to cease'],
      ['last_review_reasons', 'last_review_reasons is required when the last review decided to cease'],
    ]);
  });

  it('gives the same content hash to the same values, whatever their order or blank cells', () => {
    const a = read({ ...OPEN }).record!.contentHash;
    const { record: _record, ...rest } = OPEN;
    const b = read({ ...rest, withdrawn_reason: ' ', record: 'assessment' }).record!.contentHash;
    expect(b).toBe(a);
    expect(read({ ...OPEN, decision_to_assess_on: '2026-07-07' }).record!.contentHash).not.toBe(a);
  });
});

describe('replaying a row’s history through the machines', () => {
  it('names the column of the step the assessment machine refuses: a final plan with no decision to issue', () => {
    expect(history({ ...OPEN, final_plan_issued_on: '2026-09-01' }).problems).toEqual([
      { line: 2, column: 'final_plan_issued_on', message: expect.stringMatching(/^final_plan_issued_on: FINAL_PLAN_ISSUED is not allowed while the case is assessing/) },
    ]);
  });

  it('refuses a final plan less than 15 days after its draft (reg 13(1))', () => {
    expect(history({ ...OPEN, decision_to_issue: 'issue', decision_to_issue_on: '2026-09-01', draft_plan_issued_on: '2026-09-02', final_plan_issued_on: '2026-09-10' }).problems).toEqual([{ line: 2, column: 'final_plan_issued_on', message: expect.stringContaining('15') }]);
  });

  it('makes the plan an assessment’s final plan made, from the day the family received it, with its last review', () => {
    const built = history({
      ...OPEN, decision_to_issue: 'issue', decision_to_issue_on: '2026-09-01', draft_plan_issued_on: '2026-09-02', final_plan_issued_on: '2026-09-21',
      final_plan_told_on: '2026-09-23', named_setting: 'Oak Primary', last_review_meeting_on: '2026-11-02',
    }, 'caseworker-1');
    expect(built.problems).toEqual([]);
    expect(built.assessment!.state.status).toBe('plan_issued');
    expect(built.plan!.input).toEqual({ startedOn: '2026-09-23', issuedOn: '2026-09-21', childDateOfBirth: '2017-04-12', namedSetting: 'Oak Primary', importedReviewOn: '2026-11-02', assigneeId: 'caseworker-1' });
    expect(built.plan!.state.status).toBe('review_held');
    // The plan has the caseworker; the closed assessment is not assigned again.
    expect(built.assessment!.events.map((e) => e.type)).not.toContain('ASSIGNED');
  });

  it('assigns an open assessment on the day of the import', () => {
    const built = history(OPEN, 'caseworker-1');
    expect(built.assessment!.events.at(-1)).toEqual({ type: 'ASSIGNED', occurredOn: TODAY, assigneeId: 'caseworker-1' });
    expect(built.assessment!.state.facts.assigneeId).toBe('caseworker-1');
  });
});
