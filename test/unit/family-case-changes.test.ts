import { describe, expect, it } from '@jest/globals';
import { changesToTell } from '../../src/family/case-changes.js';

describe('what the family is told of the steps recorded on their case', () => {
  const on = '2026-12-07';

  it('says what was decided, asked for, received and sent, in their words', () => {
    expect(changesToTell([
      { type: 'DECISION_TO_ASSESS', occurredOn: on, payload: { decision: 'decline', reasons: 'Needs met at SEN support' } },
      { type: 'ADVICE_RECEIVED', occurredOn: on, payload: { contributor: 'social_care' } },
      { type: 'DECISION_TO_ISSUE', occurredOn: on, payload: { decision: 'issue' } },
      { type: 'NOTICE_SENT', occurredOn: on, payload: { notice: 'draft_plan', method: 'post' } },
    ]).map((change) => change.text)).toEqual([
      'We decided not to carry out an EHC needs assessment. Our notice explains why and what you can do.',
      'We received the social care advice.',
      'We decided to make an EHC plan, and are writing the draft.',
      'We sent a letter: Draft plan.',
    ]);
  });

  it('tells an exception once it applies (approved, or recorded by a manager), not while it is proposed', () => {
    const proposed = { type: 'EXCEPTION_RECORDED', occurredOn: on, payload: { exception: 'personal_circumstances', from: on } };
    expect(changesToTell([proposed])).toEqual([]);
    expect(changesToTell([{ ...proposed, payload: { ...proposed.payload, approvedBy: 'manager@council.example' } }])).toEqual([
      { on, text: 'An exception to the usual time limits now applies, so a date may be later than it was.' },
    ]);
    expect(changesToTell([{ type: 'EXCEPTION_APPROVED', occurredOn: on, payload: { exceptionSeq: 4 } }])).toHaveLength(1);
  });

  it('never names who was asked for advice, and tells nothing of the record’s own housekeeping', () => {
    const told = changesToTell([
      { type: 'ADVICE_REQUESTED', occurredOn: on, payload: { contributor: 'health', contact: { name: 'Dr Rao', email: 'dr.rao@nhs.example' }, body: 'Community paediatrics' } },
      { type: 'MACHINE_MIGRATED', occurredOn: on, payload: { toVersion: 2 } },
      { type: 'REQUEST_RECEIVED', occurredOn: on, payload: {} },
    ]);
    expect(told).toEqual([{ on, text: 'We asked for health advice.' }]);
  });
});
