import { describe, expect, it } from '@jest/globals';
import { computePlanLimitRecords, recordPlanEvent, replayPlanEvents, type PlanEvent, type PlanInput, type PlanNoticeName } from '../../workflows/ehc-plan/index.js';
import type { ServiceMethod } from '../../workflows/limits/served-dates.js';
import type { NoticeAuthority, NoticeDocument, NoticeResult } from '../../workflows/notices/notice-document.js';
import { planNotice } from '../../workflows/notices/plan-notices.js';
import { PLAN_INPUT } from './fixtures/plans.js';

const AUTHORITY: NoticeAuthority = {
  name: 'Exampleshire County Council',
  team: 'SEND Team',
  address: ['County Hall'],
  phone: '01234 500500',
  email: 'send@example.gov.uk',
  localOfferUrl: 'https://www.example.gov.uk/local-offer',
  informationAdvice: { name: 'Exampleshire SENDIASS' },
  mediation: { name: 'Global Mediation' },
  disagreementResolution: { name: 'Resolve' },
};

/** The plan's review meeting on Monday 2 February 2026, its report in. */
const REVIEWED: PlanEvent[] = [
  { type: 'REVIEW_MEETING_SCHEDULED', occurredOn: '2025-12-01', meetingOn: '2026-02-02' },
  { type: 'REVIEW_INVITATIONS_SENT', occurredOn: '2026-01-05', method: 'email' },
  { type: 'REVIEW_ADVICE_CIRCULATED', occurredOn: '2026-01-16', method: 'email' },
  { type: 'REVIEW_MEETING_HELD', occurredOn: '2026-02-02' },
  { type: 'REVIEW_REPORT_RECEIVED', occurredOn: '2026-02-10' },
];
const AMEND: PlanEvent[] = [...REVIEWED, { type: 'REVIEW_DECISION', occurredOn: '2026-02-27', decision: 'amend', reasons: 'Speech and language needs have grown' }];

interface Sending {
  notice: PlanNoticeName;
  sentOn: string;
  method?: ServiceMethod;
  input?: PlanInput;
  strictMode?: boolean;
  reassessmentOrder?: { disputeReference: string; on: string; issueDecisionBy: string; finalPlanBy: string };
}

function written(history: PlanEvent[], sending: Sending): NoticeResult {
  return planNotice({
    notice: sending.notice,
    facts: replayPlanEvents(sending.input ?? PLAN_INPUT, history).facts,
    options: { strictMode: sending.strictMode ?? false },
    recipient: 'family',
    reference: 'PLAN-2025-000003',
    child: { givenName: 'Sam', familyName: 'Sample', dateOfBirth: '2015-05-10' },
    authority: AUTHORITY,
    sentOn: sending.sentOn,
    method: sending.method ?? 'email',
    ...(sending.reassessmentOrder && { reassessmentOrder: sending.reassessmentOrder }),
  });
}

const documentOf = (result: NoticeResult): NoticeDocument => {
  if (!result.ok) throw new Error(result.message);
  return result.document;
};
const text = (document: NoticeDocument) => document.sections.flatMap((s) => [s.heading, ...s.paragraphs]).join('\n');
const dates = (document: NoticeDocument) => Object.fromEntries(document.keyDates.map((d) => [d.label, d.date]));

describe('planNotice: the statutory notices of a maintained plan', () => {
  it('writes a decision to keep the plan with the next review date and the family’s right to appeal', () => {
    const history: PlanEvent[] = [...REVIEWED, { type: 'REVIEW_DECISION', occurredOn: '2026-02-20', decision: 'maintain' }];
    const document = documentOf(written(history, { notice: 'review_decision', sentOn: '2026-02-23' }));
    expect(document).toMatchObject({ notice: 'review_decision', variant: 'maintain', title: 'We will keep the EHC plan for Sam Sample as it is', reference: 'PLAN-2025-000003' });
    // 12 months starting with the meeting of 2 February 2026; the appeal 2 months after the notice (a Thursday).
    expect(dates(document)).toEqual({
      'Review meeting held': '2026-02-02',
      'Decision made': '2026-02-20',
      'Next review due by': '2027-02-01',
      'Contact a mediation adviser by': '2026-04-23',
      'Last day to appeal to the Tribunal': '2026-04-23',
    });
    expect(text(document)).toContain('First-tier Tribunal');
    expect(text(document)).toContain('Please quote the reference PLAN-2025-000003');
  });

  it('writes the reg 22(2) notice with the review’s decision: 15 days from the served day, the outcome 8 weeks from sending', () => {
    // Posted on Friday 27 February 2026, served on Tuesday 3 March: the 15 days run to 17 March.
    const document = documentOf(written(AMEND, { notice: 'review_decision', sentOn: '2026-02-27', method: 'post' }));
    expect(document).toMatchObject({ variant: 'amend', servedOn: '2026-03-03', title: 'We propose to amend the EHC plan for Sam Sample' });
    expect(dates(document)).toEqual({
      'Notice served': '2026-03-03',
      'Last day to comment, ask for a school or college, or ask for a meeting': '2026-03-17',
      'Latest date for the amended plan, or our decision not to amend': '2026-04-24',
    });
    const body = text(document);
    for (const part of ['the amendments we propose', 'Speech and language needs have grown', 'ask us to name a particular school', 'https://www.example.gov.uk/local-offer', '24 April 2026']) expect(body).toContain(part);
    // Proposed amendments carry no appeal: the amended plan does.
    expect(body).not.toContain('Tribunal');
    // The amendment notice of the same review is the same letter (Devon [2022]).
    expect(documentOf(written(AMEND, { notice: 'amendment_notice', sentOn: '2026-02-27', method: 'post' })).keyDates).toEqual(document.keyDates);
  });

  it('takes its dates from the plan’s clock, strict day counting included', () => {
    const strict = documentOf(written(AMEND, { notice: 'amendment_notice', sentOn: '2026-02-27', method: 'post', strictMode: true }));
    // Strict mode counts the day of sending as day 1 of the 8 weeks.
    expect(dates(strict)['Latest date for the amended plan, or our decision not to amend']).toBe('2026-04-23');
    const facts = recordPlanEvent(replayPlanEvents(PLAN_INPUT, AMEND).facts, { type: 'NOTICE_SENT', occurredOn: '2026-02-27', notice: 'amendment_notice', sentOn: '2026-02-27', method: 'post' });
    expect(computePlanLimitRecords(facts, { strictMode: true }).find((l) => l.name === 'amendedPlan')?.dueOn).toBe('2026-04-23');
  });

  it('writes a decision to cease with reg 31’s rights and how long the plan is still maintained', () => {
    const history: PlanEvent[] = [{ type: 'CEASE_DECISION', occurredOn: '2025-06-02', reasons: 'Needs met by the school', ceaseReason: 2 }];
    const document = documentOf(written(history, { notice: 'cease_decision', sentOn: '2025-06-04' }));
    expect(document.variant).toBe('cease');
    // The last appeal date, Monday 4 August 2025, then the 10 working days for a late appeal to arrive.
    expect(dates(document)).toEqual({
      'Decision made': '2025-06-02',
      'Contact a mediation adviser by': '2025-08-04',
      'Last day to appeal to the Tribunal': '2025-08-04',
      'We keep maintaining the plan until at least': '2025-08-18',
    });
    for (const part of ['Needs met by the school', 'at least until 18 August 2025', 'If you appeal, we will keep maintaining it', 'Global Mediation', 'Resolve', 'Exampleshire SENDIASS']) expect(text(document)).toContain(part);
  });

  it('dates a posted cease decision from its deemed delivery, in the letter and on the plan’s clock alike', () => {
    const history: PlanEvent[] = [{ type: 'CEASE_DECISION', occurredOn: '2025-06-02', reasons: 'Needs met by the school', ceaseReason: 2 }];
    // Posted on Wednesday 4 June 2025, served on Friday 6 June: the 2 months run to Wednesday 6 August, then 10 working days.
    const document = documentOf(written(history, { notice: 'cease_decision', sentOn: '2025-06-04', method: 'post' }));
    expect(document.servedOn).toBe('2025-06-06');
    expect(dates(document)).toMatchObject({ 'Last day to appeal to the Tribunal': '2025-08-06', 'We keep maintaining the plan until at least': '2025-08-20' });
  });

  it('writes the amended plan and the decision not to amend, each with appeal rights', () => {
    const issued: PlanEvent[] = [...AMEND, { type: 'NOTICE_SENT', occurredOn: '2026-03-02', notice: 'amendment_notice', sentOn: '2026-03-02', method: 'email' }, { type: 'AMENDED_PLAN_ISSUED', occurredOn: '2026-04-10', namedSetting: 'Northfield Academy' }];
    const amended = documentOf(written(issued, { notice: 'amended_plan', sentOn: '2026-04-10' }));
    expect(amended).toMatchObject({ variant: 'amended', title: 'The amended EHC plan for Sam Sample' });
    expect(dates(amended)['Last day to appeal to the Tribunal']).toBe('2026-06-10');
    expect(text(amended)).toContain('It names Northfield Academy in section I.');
    const notAmended = documentOf(written([...AMEND, { type: 'DECISION_NOT_TO_AMEND', occurredOn: '2026-04-01', reasons: 'The school can meet the need within the current plan' }], { notice: 'decision_not_to_amend', sentOn: '2026-04-01' }));
    expect(notAmended.variant).toBe('not_amend');
    expect(text(notAmended)).toContain('The school can meet the need within the current plan');
    expect(text(notAmended)).toContain('against our decision not to amend the plan');
  });

  it('writes the re-assessment decision: the 14 weeks from its notice, or a refusal with appeal rights', () => {
    const requested: PlanEvent = { type: 'REASSESSMENT_REQUESTED', occurredOn: '2025-06-02', requestedBy: 'parent' };
    const reassess = documentOf(written([requested, { type: 'REASSESSMENT_DECISION', occurredOn: '2025-06-12', decision: 'reassess' }], { notice: 'reassessment_decision', sentOn: '2025-06-13' }));
    expect(reassess.variant).toBe('reassess');
    // Reg 27(2): 14 weeks from the notice of the decision (served Friday 13 June 2025).
    expect(dates(reassess)['Latest date for the amended plan, or our decision not to amend']).toBe('2025-09-19');
    const refused = documentOf(written([requested, { type: 'REASSESSMENT_DECISION', occurredOn: '2025-06-10', decision: 'refuse', reasons: 'Assessed less than 6 months ago' }], { notice: 'reassessment_decision', sentOn: '2025-06-10' }));
    expect(refused.variant).toBe('refuse_reassessment');
    // 10 August 2025 is a Sunday: the next working day.
    expect(dates(refused)['Last day to appeal to the Tribunal']).toBe('2025-08-11');
    expect(text(refused)).toContain('Assessed less than 6 months ago');
  });

  it('writes a re-assessment the Tribunal ordered on the order’s timescale (reg 44(2)), not the 14 weeks of reg 27(2)', () => {
    // Refused in June; the Tribunal ordered the re-assessment on Monday 6 October 2025: 10 weeks to a
    // decision not to amend (15 December), 14 weeks to the amended plan (12 January 2026).
    const order = { disputeReference: 'DIS-2025-000004', on: '2025-10-06', issueDecisionBy: '2025-12-15', finalPlanBy: '2026-01-12' };
    const history: PlanEvent[] = [
      { type: 'REASSESSMENT_REQUESTED', occurredOn: '2025-06-02', requestedBy: 'parent' },
      { type: 'REASSESSMENT_DECISION', occurredOn: '2025-06-10', decision: 'refuse', reasons: 'Assessed less than 6 months ago' },
      { type: 'REASSESSMENT_REQUESTED', occurredOn: '2025-10-06', requestedBy: 'parent' },
      { type: 'REASSESSMENT_DECISION', occurredOn: '2025-10-08', decision: 'reassess' },
    ];
    const ordered = documentOf(written(history, { notice: 'reassessment_decision', sentOn: '2025-10-08', reassessmentOrder: order }));
    expect(ordered.variant).toBe('ordered_reassess');
    expect(dates(ordered)).toEqual({ 'Decided in the disagreement': '2025-10-06', 'Latest date to tell you if we decide not to amend the plan': '2025-12-15', 'Latest date for the amended plan': '2026-01-12' });
    expect(text(ordered)).toContain('On 6 October 2025 it was settled, in the disagreement about that decision (our reference DIS-2025-000004), that the re-assessment will be carried out.');
    expect(ordered.regulation).toContain('reg 44(2)');
    // A re-assessment decided before the order is not the order carried out.
    const earlier = documentOf(written(history.slice(0, 2).concat({ type: 'REASSESSMENT_REQUESTED', occurredOn: '2025-09-01', requestedBy: 'parent' }, { type: 'REASSESSMENT_DECISION', occurredOn: '2025-09-03', decision: 'reassess' }),
      { notice: 'reassessment_decision', sentOn: '2025-09-03', reassessmentOrder: order }));
    expect(earlier.variant).toBe('reassess');
  });

  it('writes the reg 15(4) notice of a plan transferred in: what it means, whether we assess, when we review', () => {
    const input: PlanInput = { ...PLAN_INPUT, transferredInOn: '2025-09-01' };
    const document = documentOf(written([], { notice: 'transfer_notice', sentOn: '2025-09-15', input }));
    expect(document.title).toBe('The EHC plan for Sam Sample is now maintained by Exampleshire County Council');
    // The later of 12 months from the making (9 March 2026) and 3 months from the transfer.
    expect(dates(document)).toEqual({ 'Plan transferred to us': '2025-09-01', 'We will review the plan by': '2026-03-09' });
    expect(text(document)).toContain('We do not propose to carry out a new EHC needs assessment');
    const considering = documentOf(written([{ type: 'REASSESSMENT_REQUESTED', occurredOn: '2025-09-05', requestedBy: 'parent' }], { notice: 'transfer_notice', sentOn: '2025-09-15', input }));
    // Reg 25: the decision within 15 days of the request.
    expect(text(considering)).toContain('will tell you our decision by 20 September 2025');
  });

  it('refuses a notice of a step the plan has not taken, or one dated before it, as NOTICE_SENT would', () => {
    expect(written(REVIEWED, { notice: 'review_decision', sentOn: '2026-02-20' })).toEqual({ ok: false, message: 'There is no review decision on this plan to send a notice of.' });
    expect(written(AMEND, { notice: 'review_decision', sentOn: '2026-02-26' })).toMatchObject({ ok: false, message: expect.stringContaining('before the review decision was made on 2026-02-27') });
    expect(written([], { notice: 'transfer_notice', sentOn: '2025-09-15' })).toMatchObject({ ok: false });
  });
});
