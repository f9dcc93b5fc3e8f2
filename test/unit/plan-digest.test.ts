import { describe, expect, it } from '@jest/globals';
import { deadlineLabel } from '../../src/alerts/alert-messages.js';
import { composePlanDigest, type PlanDigestDeadline } from '../../src/alerts/digest/plan-digest.js';

const TODAY = '2026-11-23';
const row = (reference: string, deadline: string, dueOn: string, assigneeId: string | null = null, role: PlanDigestDeadline['role'] = 'limit'): PlanDigestDeadline => ({
  planId: `id-${reference}`,
  reference,
  assigneeId,
  assigneeEmail: null,
  deadline,
  role,
  dueOn,
});

describe(composePlanDigest.name, () => {
  it('sorts annual reviews into overdue or due within 14 days, and phase transfers due within 14 days or late into at risk', () => {
    const digest = composePlanDigest(
      [
        row('PLAN-1', 'annualReview', '2026-11-22'),
        row('PLAN-2', 'annualReview', '2026-12-07'),
        row('PLAN-3', 'annualReview.1', '2026-10-31'),
        row('PLAN-4', 'phaseTransfer', '2026-11-23'),
        row('PLAN-5', 'phaseTransfer', '2026-11-02'),
      ],
      TODAY,
    );
    expect(digest.totals).toEqual({ reviewsOverdue: 2, reviewsDueSoon: 1, phaseTransfersAtRisk: 2 });
    const [team] = digest.teams;
    expect(team.reviewsOverdue.map((i) => [i.reference, i.days])).toEqual([['PLAN-3', 23], ['PLAN-1', 1]]);
    expect(team.reviewsDueSoon.map((i) => [i.reference, i.days])).toEqual([['PLAN-2', 14]]);
    // Days left, negative once the 15 February (or 31 March) date has passed.
    expect(team.phaseTransfersAtRisk.map((i) => [i.reference, i.days])).toEqual([['PLAN-5', -21], ['PLAN-4', 0]]);
  });

  it('leaves out what is beyond 14 days and the plan limits the digest does not list', () => {
    const digest = composePlanDigest(
      [row('PLAN-6', 'annualReview', '2026-12-08'), row('PLAN-7', 'phaseTransfer', '2027-02-14'), row('PLAN-8', 'reviewDecision', '2026-11-01'), row('PLAN-9', 'annualReviewed', '2026-11-01')],
      TODAY,
    );
    expect(digest).toEqual({ totals: { reviewsOverdue: 0, reviewsDueSoon: 0, phaseTransfersAtRisk: 0 }, teams: [] });
  });

  it('groups by caseworker, unassigned plans last', () => {
    const digest = composePlanDigest([row('PLAN-10', 'annualReview', '2026-11-01'), row('PLAN-11', 'annualReview', '2026-11-01', 'caseworker-a')], TODAY);
    expect(digest.teams.map((team) => team.assignee)).toEqual(['caseworker-a', null]);
  });
});

describe(deadlineLabel.name, () => {
  it.each([
    ['annualReview', 'the annual review of the EHC plan (CFA 2014 s.44(1))'],
    ['annualReview.1', 'the annual review of the EHC plan (cycle 1; CFA 2014 s.44(1))'],
    ['orderNotice.1', 'the notice under the Tribunal’s order or the concession (order 1; SEND Regs 2014 reg 44)'],
    ['reviewInvitations', 'the invitations to the review meeting (2 weeks before it, SEND Regs 2014 reg 20(3))'],
    ['reviewAdvice', 'the advice for the review meeting (circulated 2 weeks before it, SEND Regs 2014 reg 20(4))'],
    ['reviewReport', 'the review report (within 2 weeks of the meeting, SEND Regs 2014 reg 20(7))'],
    ['reviewDecision.2', 'the review decision (cycle 2; within 4 weeks of the meeting, R (L, M and P) v Devon CC [2022])'],
    ['amendedPlan', 'the amended plan or a notice not to amend (SEND Regs 2014 reg 22(3))'],
    ['phaseTransfer', 'the amended plan naming the next school or college for the phase transfer (SEND Regs 2014 reg 18)'],
    ['reassessmentDecision', 'the decision whether to re-assess (SEND Regs 2014 reg 25)'],
    ['reassessmentPlan', 'the plan after re-assessment (SEND Regs 2014 reg 27(2))'],
    ['transferNotice', 'the notice to the family after the transfer from another authority (SEND Regs 2014 reg 15(4))'],
    ['decisionToAssess', 'the decision whether to assess (SEND Regs 2014 reg 5(1))'],
    ['toString', 'toString'],
    ['annualReview.x', 'annualReview.x'],
  ])('names %s as "%s"', (name, label) => {
    expect(deadlineLabel(name)).toBe(label);
  });
});
