import { describe, expect, it } from '@jest/globals';
import {
  applyPlanEvent,
  computePlanDeadlines,
  planMachines,
  replayPlanEvents,
  type PlanEvent,
  type PlanInput,
} from '../../workflows/ehc-plan/index.js';
import { PLAN_INPUT } from './fixtures/plans.js';

const OPTIONS = { strictMode: false };

function deadlinesOn(today: string, events: PlanEvent[], input: PlanInput = PLAN_INPUT) {
  const deadlines = computePlanDeadlines(replayPlanEvents(input, events).facts, today, OPTIONS);
  return Object.fromEntries(deadlines.map((d) => [d.name, d]));
}

const meetingOn2Feb: PlanEvent[] = [
  { type: 'REVIEW_MEETING_SCHEDULED', occurredOn: '2025-12-01', meetingOn: '2026-02-02' },
  { type: 'REVIEW_INVITATIONS_SENT', occurredOn: '2026-01-05' },
  { type: 'REVIEW_ADVICE_CIRCULATED', occurredOn: '2026-01-19' },
  { type: 'REVIEW_MEETING_HELD', occurredOn: '2026-02-02' },
  { type: 'REVIEW_REPORT_RECEIVED', occurredOn: '2026-02-13' },
];
const amendOn2Mar: PlanEvent = { type: 'REVIEW_DECISION', occurredOn: '2026-02-27', decision: 'amend', notice: { sentOn: '2026-03-02', method: 'email' } };

describe('the annual review (CFA 2014 s.44(1), domain 3.1 and 5.2)', () => {
  it('is due within the 12 months starting with the plan’s making: made 10 March 2025, reviewed by 9 March 2026', () => {
    expect(deadlinesOn('2025-04-01', []).annualReview).toMatchObject({ dueOn: '2026-03-09', status: 'pending', open: true, regulation: 'Children and Families Act 2014 s.44(1)' });
  });

  it('counts from the last review meeting given for a plan made before the engine', () => {
    const input = { ...PLAN_INPUT, startedOn: '2019-06-01', lastReviewMeetingOn: '2025-11-20' };
    expect(deadlinesOn('2026-01-01', [], input).annualReview.dueOn).toBe('2026-11-19');
  });

  it('is met only when the review decision is notified, and the next 12 months start with the meeting', () => {
    const decided = [...meetingOn2Feb, { type: 'REVIEW_DECISION', occurredOn: '2026-02-20', decision: 'maintain', notice: { sentOn: '2026-02-23', method: 'post' } } as PlanEvent];
    const before = deadlinesOn('2026-02-19', meetingOn2Feb);
    expect(before.annualReview).toMatchObject({ open: true, metOn: null });
    const after = deadlinesOn('2026-02-26', decided);
    // Posted Monday 23 February: served on the second working day after, Wednesday 25th.
    expect(after['annualReview.1']).toMatchObject({ dueOn: '2026-03-09', metOn: '2026-02-25', status: 'met' });
    expect(after.annualReview).toMatchObject({ dueOn: '2027-02-01', open: true, status: 'pending' });
    expect(after['reviewDecision']).toMatchObject({ dueOn: '2026-03-02', metOn: '2026-02-25', status: 'met' });
  });

  it('is breached the day after its due date while no decision has been notified', () => {
    expect(deadlinesOn('2026-03-09', []).annualReview.status).toBe('pending');
    expect(deadlinesOn('2026-03-10', []).annualReview.status).toBe('breached');
  });
});

describe('the review meeting and its steps (regs 20-21; domain 5.3 worked example)', () => {
  it('meeting Monday 2 February 2026: report by Monday 16 February, decision by Monday 2 March, amended plan by Monday 27 April', () => {
    const d = deadlinesOn('2026-03-03', [...meetingOn2Feb, amendOn2Mar]);
    expect(d.reviewReport).toMatchObject({ dueOn: '2026-02-16', metOn: '2026-02-13', status: 'met' });
    expect(d.reviewDecision).toMatchObject({ dueOn: '2026-03-02', metOn: '2026-03-02', status: 'met' });
    expect(d.amendedPlan).toMatchObject({ dueOn: '2026-04-27', open: true, status: 'pending' });
    expect(d.amendmentRepresentations).toMatchObject({ role: 'window', dueOn: '2026-03-16', status: 'pending' });
    // Proposed by the review: also measured from its meeting (12 weeks, Devon [2022]); an amendment outside a review is not.
    expect(d.amendedPlan.measuredFrom).toBe('2026-02-02');
    expect(deadlinesOn('2025-11-04', [{ type: 'AMENDMENT_NOTICE_SENT', occurredOn: '2025-11-03', method: 'email' }]).amendedPlan.measuredFrom).toBeNull();
  });

  it('invitations and advice are due 2 weeks before the meeting, and met when sent by then', () => {
    const d = deadlinesOn('2026-01-20', meetingOn2Feb.slice(0, 3));
    expect(d.reviewInvitations).toMatchObject({ dueOn: '2026-01-19', metOn: '2026-01-05', status: 'met' });
    expect(d.reviewAdvice).toMatchObject({ dueOn: '2026-01-19', metOn: '2026-01-19', status: 'met' });
  });

  it('a meeting held with less than 2 weeks’ notice is recorded, and shows reviewInvitations as missed', () => {
    const late: PlanEvent[] = [
      { type: 'REVIEW_MEETING_SCHEDULED', occurredOn: '2026-01-20', meetingOn: '2026-02-02' },
      { type: 'REVIEW_INVITATIONS_SENT', occurredOn: '2026-01-26' },
      { type: 'REVIEW_MEETING_HELD', occurredOn: '2026-02-02' },
    ];
    const d = deadlinesOn('2026-02-03', late);
    expect(d.reviewInvitations).toMatchObject({ dueOn: '2026-01-19', metOn: '2026-01-26', status: 'met_late' });
    // Advice was never circulated: the meeting closed it off, past its date.
    expect(d.reviewAdvice).toMatchObject({ metOn: null, open: false, closedOn: '2026-02-02', status: 'breached' });
  });

  it('a meeting recorded without its arrangements is recorded, with its invitations and advice missed', () => {
    const d = deadlinesOn('2026-02-03', [{ type: 'REVIEW_MEETING_HELD', occurredOn: '2026-02-02' }]);
    expect(d.reviewInvitations).toMatchObject({ dueOn: '2026-01-19', closedOn: '2026-02-02', status: 'breached' });
    expect(d.reviewReport).toMatchObject({ dueOn: '2026-02-16', open: true });
  });

  it('rescheduling the meeting moves the 2-week dates', () => {
    const moved: PlanEvent[] = [meetingOn2Feb[0], { type: 'REVIEW_MEETING_SCHEDULED', occurredOn: '2025-12-10', meetingOn: '2026-03-02' }];
    expect(deadlinesOn('2025-12-11', moved).reviewInvitations.dueOn).toBe('2026-02-16');
  });

  it('the decision is refused before the review report has been received', () => {
    const state = replayPlanEvents(PLAN_INPUT, meetingOn2Feb.slice(0, 4));
    const result = applyPlanEvent(planMachines.latest, state.snapshot, { type: 'REVIEW_DECISION', occurredOn: '2026-02-20', decision: 'maintain' });
    expect(result).toMatchObject({ ok: false, code: 'PLAN_EVENT_REFUSED', message: expect.stringContaining('REVIEW_REPORT_RECEIVED') });
  });
});

describe('amendments (reg 22)', () => {
  const amending = [...meetingOn2Feb, amendOn2Mar];

  it('refuses the amended plan within the family’s 15 days beginning with the day the notice was served', () => {
    const state = replayPlanEvents(PLAN_INPUT, amending);
    const early = applyPlanEvent(planMachines.latest, state.snapshot, { type: 'AMENDED_PLAN_ISSUED', occurredOn: '2026-03-16' });
    expect(early).toMatchObject({ ok: false, message: expect.stringContaining('cannot be issued before 2026-03-17') });
    const waived = applyPlanEvent(planMachines.latest, state.snapshot, { type: 'AMENDED_PLAN_ISSUED', occurredOn: '2026-03-10', representationsWaivedOn: '2026-03-09' });
    expect(waived.ok).toBe(true);
  });

  it('is met by the amended plan’s served date, within 8 weeks of the notice', () => {
    const issued = [...amending, { type: 'AMENDED_PLAN_ISSUED', occurredOn: '2026-04-24', notice: { sentOn: '2026-04-24', method: 'post' } } as PlanEvent];
    // Posted Friday 24 April: served Tuesday 28 April, a day after the limit.
    const d = deadlinesOn('2026-05-01', issued);
    expect(d.amendedPlan).toMatchObject({ dueOn: '2026-04-27', metOn: '2026-04-28', status: 'met_late' });
    expect(d.amendmentRepresentations.status).toBe('met');
  });

  it('a decision not to amend meets the limit too, and needs reasons', () => {
    const state = replayPlanEvents(PLAN_INPUT, amending);
    const noReasons = applyPlanEvent(planMachines.latest, state.snapshot, { type: 'DECISION_NOT_TO_AMEND', occurredOn: '2026-04-01', reasons: ' ' });
    expect(noReasons).toMatchObject({ ok: false, message: expect.stringContaining('reasons') });
    const d = deadlinesOn('2026-04-02', [...amending, { type: 'DECISION_NOT_TO_AMEND', occurredOn: '2026-04-01', reasons: 'The school can meet the need as written', notice: { sentOn: '2026-04-01', method: 'email' } }]);
    expect(d.amendedPlan).toMatchObject({ metOn: '2026-04-01', status: 'met' });
  });

  it('the amendment notice can follow the decision to amend as its own event, and then starts the 8 weeks', () => {
    const noticeAfter = [...meetingOn2Feb, { ...amendOn2Mar, notice: undefined }, { type: 'AMENDMENT_NOTICE_SENT', occurredOn: '2026-03-02', method: 'email' }] as PlanEvent[];
    const state = replayPlanEvents(PLAN_INPUT, noticeAfter);
    expect(state.status).toBe('amendment_proposed');
    expect(state.facts.amendments).toHaveLength(1);
    const d = deadlinesOn('2026-03-03', noticeAfter);
    expect(d.amendedPlan.dueOn).toBe('2026-04-27');
    expect(d.reviewDecision).toMatchObject({ metOn: '2026-03-02', noticeAssumed: false, status: 'met' });
    const early = applyPlanEvent(planMachines.latest, replayPlanEvents(PLAN_INPUT, [...meetingOn2Feb, amendOn2Mar]).snapshot, { type: 'AMENDMENT_NOTICE_SENT', occurredOn: '2026-02-26', method: 'email' });
    expect(early).toMatchObject({ ok: false, message: expect.stringContaining('the amendment was proposed on 2026-02-27') });
  });

  it('a later notice to the family moves the 8 weeks when the review decision recorded none', () => {
    const noNotice = [...meetingOn2Feb, { ...amendOn2Mar, notice: undefined }] as PlanEvent[];
    expect(deadlinesOn('2026-03-01', noNotice).amendedPlan.dueOn).toBe('2026-04-24');
    const sent = [...noNotice, { type: 'NOTICE_SENT', occurredOn: '2026-03-02', notice: 'amendment_notice', sentOn: '2026-03-02', method: 'email' } as PlanEvent];
    const d = deadlinesOn('2026-03-03', sent);
    expect(d.amendedPlan.dueOn).toBe('2026-04-27');
    expect(d.reviewDecision).toMatchObject({ metOn: '2026-03-02', noticeAssumed: false });
  });
});

describe('phase transfers (reg 18)', () => {
  it('a child born May 2015 moves to secondary school in September 2026: the amended plan is due by 14 February 2026', () => {
    expect(deadlinesOn('2025-04-01', []).phaseTransfer).toMatchObject({ dueOn: '2026-02-14', regulation: 'SEND Regs 2014 reg 18(1)', open: true });
  });

  it('secondary to post-16 is due by 30 March of the transfer year', () => {
    const input = { ...PLAN_INPUT, childDateOfBirth: '2010-03-01', phase: 'secondary' as const };
    expect(deadlinesOn('2025-04-01', [], input).phaseTransfer.dueOn).toBe('2026-03-30');
  });

  it('a child taught a year behind their year group transfers a year later', () => {
    const held = [{ type: 'PHASE_DETAILS_RECORDED', occurredOn: '2025-04-01', yearGroupOffset: 1 } as PlanEvent];
    expect(deadlinesOn('2025-04-02', held).phaseTransfer.dueOn).toBe('2027-02-14');
  });

  it('is met by an amended plan naming the next setting, after which the next transfer is tracked', () => {
    const named: PlanEvent[] = [
      { type: 'AMENDMENT_NOTICE_SENT', occurredOn: '2025-11-03', method: 'email' },
      { type: 'AMENDED_PLAN_ISSUED', occurredOn: '2026-01-12', namedSetting: 'Riverside Academy', nextPhase: 'secondary', notice: { sentOn: '2026-01-12', method: 'email' } },
    ];
    const state = replayPlanEvents(PLAN_INPUT, named);
    expect(state.facts).toMatchObject({ phase: 'secondary', namedSetting: 'Riverside Academy' });
    const d = deadlinesOn('2026-01-13', named);
    expect(d['phaseTransfer.1']).toMatchObject({ dueOn: '2026-02-14', metOn: '2026-01-12', status: 'met' });
    // Born May 2015: Year 12 in September 2031.
    expect(d.phaseTransfer).toMatchObject({ dueOn: '2031-03-30', open: true });
  });

  it('a move between post-16 institutions is due 5 months before it', () => {
    const input = { ...PLAN_INPUT, childDateOfBirth: '2007-01-15', phase: 'post16' as const };
    expect(deadlinesOn('2025-04-01', [], input).phaseTransfer).toBeUndefined();
    const move = [{ type: 'PHASE_DETAILS_RECORDED', occurredOn: '2025-04-01', post16MoveOn: '2026-01-05' } as PlanEvent];
    expect(deadlinesOn('2025-04-02', move, input).phaseTransfer).toMatchObject({ dueOn: '2025-08-05', regulation: 'SEND Regs 2014 reg 18(2)' });
  });

  it('refuses a next phase a child cannot move to', () => {
    const state = replayPlanEvents(PLAN_INPUT, [{ type: 'AMENDMENT_NOTICE_SENT', occurredOn: '2025-11-03', method: 'email' }]);
    const result = applyPlanEvent(planMachines.latest, state.snapshot, { type: 'AMENDED_PLAN_ISSUED', occurredOn: '2026-01-12', nextPhase: 'post16' });
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('secondary, middle') });
  });
});

describe('re-assessment (regs 25 and 27)', () => {
  const requested: PlanEvent = { type: 'REASSESSMENT_REQUESTED', occurredOn: '2025-06-02', requestedBy: 'parent' };
  const reassess: PlanEvent = { type: 'REASSESSMENT_DECISION', occurredOn: '2025-06-13', decision: 'reassess', notice: { sentOn: '2025-06-16', method: 'email' } };

  it('decides within 15 days of the request, and the plan follows within 14 weeks of the notice of the decision', () => {
    expect(deadlinesOn('2025-06-03', [requested]).reassessmentDecision.dueOn).toBe('2025-06-17');
    const d = deadlinesOn('2025-06-17', [requested, reassess]);
    expect(d.reassessmentDecision).toMatchObject({ metOn: '2025-06-16', status: 'met' });
    expect(d.reassessmentPlan).toMatchObject({ dueOn: '2025-09-22', regulation: 'SEND Regs 2014 reg 27(2)', open: true });
  });

  it('an approved absence from the area of at least 4 weeks moves the target by its days (reg 27(3)(d))', () => {
    const absence: PlanEvent = { type: 'EXCEPTION_RECORDED', occurredOn: '2025-08-20', exception: 'absence_from_area', from: '2025-07-21', to: '2025-08-17', approvedBy: 'manager-1', seq: 3 };
    const d = deadlinesOn('2025-08-21', [requested, reassess, absence]);
    expect(d.reassessmentPlan).toMatchObject({ excepted: true, revisedTarget: '2025-10-20', targetOn: '2025-10-20' });
  });

  it('refuses an absence shorter than 4 weeks, and any exception when no re-assessment plan is awaited', () => {
    const state = replayPlanEvents(PLAN_INPUT, [requested, reassess]);
    const short = applyPlanEvent(planMachines.latest, state.snapshot, { type: 'EXCEPTION_RECORDED', occurredOn: '2025-08-20', exception: 'absence_from_area', from: '2025-08-01', to: '2025-08-17' });
    expect(short).toMatchObject({ ok: false, message: expect.stringContaining('at least 4 weeks') });
    const plain = replayPlanEvents(PLAN_INPUT, [{ type: 'REVIEW_MEETING_SCHEDULED', occurredOn: '2025-06-02', meetingOn: '2025-07-01' }]);
    expect(plain.status).toBe('review_scheduled');
    const none = replayPlanEvents(PLAN_INPUT, [requested]);
    const refused = applyPlanEvent(planMachines.latest, none.snapshot, { type: 'EXCEPTION_RECORDED', occurredOn: '2025-06-05', exception: 'personal_circumstances', from: '2025-06-03' });
    expect(refused.ok).toBe(false);
  });

  it('refuses the end of an absence recorded open when it lasted under 4 weeks within the period', () => {
    const open: PlanEvent = { type: 'EXCEPTION_RECORDED', occurredOn: '2025-08-01', exception: 'absence_from_area', from: '2025-08-01', approvedBy: 'manager-1', seq: 3 };
    const state = replayPlanEvents(PLAN_INPUT, [requested, reassess, open]);
    // 1 to 17 August: 17 days.
    const short = applyPlanEvent(planMachines.latest, state.snapshot, { type: 'EXCEPTION_ENDED', occurredOn: '2025-08-20', exceptionSeq: 3, to: '2025-08-17' });
    expect(short).toMatchObject({ ok: false, message: expect.stringContaining('has 17 days in it') });
    // 1 to 28 August: 28 days.
    expect(applyPlanEvent(planMachines.latest, state.snapshot, { type: 'EXCEPTION_ENDED', occurredOn: '2025-08-29', exceptionSeq: 3, to: '2025-08-28' }).ok).toBe(true);
  });

  it('is met by the amended plan that concludes it', () => {
    const concluded: PlanEvent[] = [
      requested, reassess,
      { type: 'AMENDMENT_NOTICE_SENT', occurredOn: '2025-08-01', method: 'email' },
      { type: 'AMENDED_PLAN_ISSUED', occurredOn: '2025-09-01', notice: { sentOn: '2025-09-01', method: 'email' } },
    ];
    expect(deadlinesOn('2025-09-02', concluded).reassessmentPlan).toMatchObject({ metOn: '2025-09-01', status: 'met' });
  });
});

describe('ceasing (CFA 2014 s.45; reg 31; domain 3.5 and 5.6)', () => {
  // Notice sent Monday 2 March 2026: 2 months is Saturday 2 May; Monday 4 May is a bank holiday,
  // so the last day to appeal is Tuesday 5 May, and 10 working days more end on Tuesday 19 May.
  const cease: PlanEvent = { type: 'CEASE_DECISION', occurredOn: '2026-03-02', reasons: 'Moved on to paid employment', ceaseReason: 4, notice: { sentOn: '2026-03-02', method: 'email' } };

  it('the plan stays maintained until the appeal window and its buffer have passed', () => {
    const state = replayPlanEvents(PLAN_INPUT, [cease]);
    expect(state.status).toBe('cease_pending_appeal_window');
    const early = applyPlanEvent(planMachines.latest, state.snapshot, { type: 'CEASED', occurredOn: '2026-05-19' });
    expect(early).toMatchObject({ ok: false, message: expect.stringContaining('it can cease from 2026-05-20') });
    const ceased = applyPlanEvent(planMachines.latest, state.snapshot, { type: 'CEASED', occurredOn: '2026-05-20' });
    expect(ceased).toMatchObject({ ok: true, status: 'ceased' });
  });

  it('an appeal still undecided holds the plan past the window; the Tribunal dismissing it lets the plan cease that day', () => {
    const state = replayPlanEvents(PLAN_INPUT, [cease]);
    const held = applyPlanEvent(planMachines.latest, state.snapshot, { type: 'CEASED', occurredOn: '2026-07-01', appeal: { reference: 'DISP-2026-000001' } });
    expect(held).toMatchObject({ ok: false, code: 'PLAN_EVENT_REFUSED', message: expect.stringContaining('disputed (DISP-2026-000001): the plan is maintained until the Tribunal decides') });
    // Dismissed on Monday 13 April 2026, inside the window: the plan ceases at once, not from 20 May.
    const dismissed = { reference: 'DISP-2026-000001', dismissedOn: '2026-04-13' };
    expect(applyPlanEvent(planMachines.latest, state.snapshot, { type: 'CEASED', occurredOn: '2026-04-10', appeal: dismissed })).toMatchObject({ ok: false, message: expect.stringContaining('the Tribunal dismissed the appeal DISP-2026-000001 on 2026-04-13') });
    expect(applyPlanEvent(planMachines.latest, state.snapshot, { type: 'CEASED', occurredOn: '2026-04-13', appeal: dismissed })).toMatchObject({ ok: true, status: 'ceased' });
  });

  it('shows the appeal window as a window, and closes off every open limit once ceased', () => {
    expect(deadlinesOn('2026-03-03', [cease]).ceaseAppealWindow).toMatchObject({ role: 'window', dueOn: '2026-05-19', status: 'pending' });
    const d = deadlinesOn('2026-06-01', [cease, { type: 'CEASED', occurredOn: '2026-05-20' }]);
    expect(d.ceaseAppealWindow.status).toBe('met');
    expect(d.annualReview).toMatchObject({ open: false, closedOn: '2026-05-20', status: 'breached' });
    expect(Object.values(d).filter((limit) => limit.open)).toEqual([]);
  });

  it('holds the plan for the buffer the decision was recorded with, 10 working days when it has none (domain 5.6)', () => {
    // Last appeal date Sat 2 May 2026, moved past the bank holiday of Mon 4 May to Tue 5 May; 3 working days after: Fri 8 May.
    expect(deadlinesOn('2026-03-03', [{ ...cease, appealBufferWorkingDays: 3 }]).ceaseAppealWindow.dueOn).toBe('2026-05-08');
    const state = replayPlanEvents(PLAN_INPUT, [{ ...cease, appealBufferWorkingDays: 3 }]);
    expect(applyPlanEvent(planMachines.latest, state.snapshot, { type: 'CEASED', occurredOn: '2026-05-08' })).toMatchObject({ ok: false, message: expect.stringContaining('plus the 3 working days for an appeal to reach it ends on 2026-05-08') });
    expect(applyPlanEvent(planMachines.latest, state.snapshot, { type: 'CEASED', occurredOn: '2026-05-09' })).toMatchObject({ ok: true, status: 'ceased' });
  });

  it('needs reasons and an SEN2 cease reason code', () => {
    const state = replayPlanEvents(PLAN_INPUT, []);
    expect(applyPlanEvent(planMachines.latest, state.snapshot, { ...cease, ceaseReason: 12 as never })).toMatchObject({ ok: false, message: expect.stringContaining('1 to 9') });
    expect(applyPlanEvent(planMachines.latest, state.snapshot, { ...cease, reasons: '' })).toMatchObject({ ok: false, message: expect.stringContaining('reasons') });
  });
});

describe('a plan transferred in from another authority (reg 15)', () => {
  const input: PlanInput = { ...PLAN_INPUT, startedOn: '2023-09-01', lastReviewMeetingOn: '2025-07-01', transferredInOn: '2026-05-04' };

  it('the family is told within 6 weeks, and the review is due by the later of 12 months from the last and 3 months from the transfer', () => {
    const d = deadlinesOn('2026-05-05', [], input);
    expect(d.transferNotice).toMatchObject({ dueOn: '2026-06-15', regulation: 'SEND Regs 2014 reg 15(4)', open: true });
    expect(d.annualReview).toMatchObject({ dueOn: '2026-08-03', regulation: 'SEND Regs 2014 reg 15(5)' });
    const told = [{ type: 'NOTICE_SENT', occurredOn: '2026-05-20', notice: 'transfer_notice', sentOn: '2026-05-20', method: 'email' } as PlanEvent];
    expect(deadlinesOn('2026-05-21', told, input).transferNotice).toMatchObject({ metOn: '2026-05-20', status: 'met' });
  });
});

describe('a plan imported with its last review (PlanInput.importedReviewOn)', () => {
  const input: PlanInput = { ...PLAN_INPUT, startedOn: '2019-06-01', importedReviewOn: '2025-11-20' };
  const held: PlanEvent = { type: 'REVIEW_MEETING_HELD', occurredOn: '2025-11-20' };

  it('times only the review’s decision: its invitations, advice, report and its own 12 months were the previous system’s', () => {
    const d = deadlinesOn('2025-11-24', [held], input);
    expect(Object.keys(d).filter((name) => name.startsWith('review') || name.startsWith('annualReview'))).toEqual(['reviewDecision']);
    expect(d.reviewDecision).toMatchObject({ dueOn: '2025-12-18', open: true, status: 'pending' });
  });

  it('takes the decision without a report, and runs the next annual review from the meeting', () => {
    const decided: PlanEvent = { type: 'REVIEW_DECISION', occurredOn: '2025-12-10', decision: 'maintain', notice: { sentOn: '2025-12-10', method: 'email' } };
    const d = deadlinesOn('2026-01-01', [held, decided], input);
    expect(d.reviewDecision).toMatchObject({ metOn: '2025-12-10', status: 'met' });
    expect(d.annualReview).toMatchObject({ dueOn: '2026-11-19', open: true });
    expect(d['annualReview.1']).toBeUndefined();
  });

  it('times every later review in full, and a meeting on another day is an ordinary review', () => {
    const other = deadlinesOn('2025-11-24', [{ type: 'REVIEW_MEETING_HELD', occurredOn: '2025-11-21' }], input);
    expect(other.reviewReport).toMatchObject({ dueOn: '2025-12-05' });
    expect(other.annualReview).toMatchObject({ dueOn: '2020-05-31', status: 'breached' });
  });

  it('refuses the decision of an ordinary review held without its report, as before', () => {
    const started = replayPlanEvents({ ...PLAN_INPUT, startedOn: '2019-06-01' }, [{ type: 'REVIEW_MEETING_HELD', occurredOn: '2025-11-20' }]);
    const ref = planMachines.latest;
    const refused = applyPlanEvent(ref, started.snapshot, { type: 'REVIEW_DECISION', occurredOn: '2025-12-10', decision: 'maintain' });
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining('REVIEW_REPORT_RECEIVED') });
  });
});
