/**
 * The statutory notices of a maintained plan (issue 16 item 1; domain document sections 3 and
 * 5.6): the review decision, the amendment notice of reg 22(2), the amended plan or the decision
 * not to amend, the re-assessment decision, the cease decision of reg 31 and the notice of a plan
 * transferred in (reg 15(4)). Pure, like the assessment's. The dates a notice gives are the ones
 * the plan's clock will hold once it is sent: the notice is applied to the plan's facts as its
 * NOTICE_SENT will be, and read from the limits that follow, so the letter and the clock cannot
 * disagree (strict day counting included). A notice the plan cannot have yet is refused with the
 * reason NOTICE_SENT would give.
 */
import { longDate, type IsoDate } from '../calendar/dates.js';
import { appealWindow } from '../limits/appeal-window.js';
import type { LimitRecord } from '../limits/limit-record.js';
import { servedOn } from '../limits/served-dates.js';
import {
  computePlanLimitRecords,
  planEventRefusal,
  recordPlanEvent,
  type AmendmentRecord,
  type PlanClockOptions,
  type PlanFacts,
  type PlanNoticeName,
  type PlanNoticeSentEvent,
} from '../ehc-plan/index.js';
import {
  childName,
  fifteenDaysSection,
  localOfferSection,
  noticeDocument,
  rightsSections,
  type NoticeContext,
  type NoticeResult,
  type NoticeSection,
  type WrittenNotice,
} from './notice-document.js';

export interface PlanNoticeInput extends NoticeContext {
  notice: PlanNoticeName;
  /** The plan's facts before this notice is sent. */
  facts: PlanFacts;
  options: PlanClockOptions;
  /** Who it is for, as NOTICE_SENT records it: the family, or the school or the ICB a copy also goes to. */
  recipient: string;
  /**
   * An order in force to re-assess (a refusal to re-assess overturned by the Tribunal, conceded,
   * or agreed at mediation): its date and the dates its dispute's clock holds (reg 44(2)).
   */
  reassessmentOrder?: { disputeReference: string; on: IsoDate; issueDecisionBy: IsoDate; finalPlanBy: IsoDate };
}

type Variant = 'maintain' | 'amend' | 'cease' | 'amended' | 'not_amend' | 'reassess' | 'ordered_reassess' | 'refuse_reassessment' | 'transfer';

/** What a writer reads: the plan as it stands, and as its limits will be once the notice is sent. */
interface WriterInput extends PlanNoticeInput {
  served: IsoDate;
  after: PlanFacts;
  limits: LimitRecord[];
}

/** The notice `input.notice` names, or why the plan cannot have it yet. */
export function planNotice(input: PlanNoticeInput): NoticeResult {
  const event: PlanNoticeSentEvent = { type: 'NOTICE_SENT', occurredOn: input.sentOn, notice: input.notice, sentOn: input.sentOn, method: input.method, recipient: input.recipient };
  const refusal = planEventRefusal(input.facts, event);
  if (refusal) return { ok: false, message: refusal };
  const after = recordPlanEvent(input.facts, event);
  const variant = variantOf(input);
  const served = servedOn(input.sentOn, input.method);
  const written = WRITERS[variant]({ ...input, served, after, limits: computePlanLimitRecords(after, input.options) });
  return { ok: true, document: noticeDocument(input, { notice: input.notice, variant, servedOn: served }, written) };
}

/** Which decision the notice tells of; NOTICE_SENT's own rule has already found the step. */
function variantOf({ notice, facts, reassessmentOrder }: PlanNoticeInput): Variant {
  switch (notice) {
    case 'review_decision':
      return facts.reviews.filter((r) => r.decision !== undefined).at(-1)!.decision!.decision;
    case 'amendment_notice':
      return 'amend';
    case 'amended_plan':
      return 'amended';
    case 'decision_not_to_amend':
      return 'not_amend';
    case 'reassessment_decision': {
      const decision = facts.reassessments.at(-1)!.decision!;
      if (decision.decision !== 'reassess') return 'refuse_reassessment';
      // Decided on or after the order: the re-assessment is the order carried out, on the order's timescale.
      return reassessmentOrder && decision.on >= reassessmentOrder.on ? 'ordered_reassess' : 'reassess';
    }
    case 'cease_decision':
      return 'cease';
    case 'transfer_notice':
      return 'transfer';
  }
}

/** The due date of the limit `name` once the notice is sent. */
function dueOf(limits: LimitRecord[], name: string): IsoDate {
  const limit = limits.find((l) => l.name === name);
  if (!limit) throw new Error(`the plan has no ${name} limit`);
  return limit.dueOn;
}

const lastReview = (facts: PlanFacts) => facts.reviews.filter((r) => r.decision !== undefined).at(-1)!;
const reasonsSection = (reasons: string | undefined): NoticeSection[] => (reasons?.trim() ? [{ heading: 'Our reasons', paragraphs: [reasons] }] : []);

/** "We reviewed Sam's plan at the meeting on …": the opening of every notice that follows a review. */
function reviewOpening(input: WriterInput): string {
  const review = lastReview(input.facts);
  const held = review.heldOn ?? review.meetingOn;
  return `We reviewed the education, health and care (EHC) plan for ${childName(input)} at the review meeting on ${longDate(held)}.`;
}

const WRITERS: Record<Variant, (input: WriterInput) => WrittenNotice> = {
  maintain: (input) => {
    const review = lastReview(input.facts);
    const window = appealWindow({ noticeSentOn: input.served });
    return {
      title: `We will keep the EHC plan for ${childName(input)} as it is`,
      regulation: 'Children and Families Act 2014 s.44; SEND Regulations 2014 regs 20 and 21',
      keyDates: [
        { label: 'Review meeting held', date: review.heldOn ?? review.meetingOn },
        { label: 'Decision made', date: review.decision!.on },
        { label: 'Next review due by', date: dueOf(input.limits, 'annualReview') },
        { label: 'Contact a mediation adviser by', date: window.mediationAdviserContactBy },
        { label: 'Last day to appeal to the Tribunal', date: window.lastAppealDate },
      ],
      sections: [
        { heading: 'Our decision', paragraphs: [`${reviewOpening(input)} On ${longDate(review.decision!.on)} we decided to keep the plan as it is, without changes.`] },
        ...reasonsSection(review.decision!.reasons),
        { heading: 'The next review', paragraphs: [`We must review the plan again by ${longDate(dueOf(input.limits, 'annualReview'))}. You can ask us to review it sooner if your child’s needs change.`] },
        ...rightsSections(input.authority, window, 'our decision not to change the plan after its review'),
      ],
    };
  },

  amend: (input) => {
    const amendment = input.after.amendments.at(-1)!;
    const lastDay = dueOf(input.limits, 'amendmentRepresentations');
    const outcomeBy = dueOf(input.limits, 'amendedPlan');
    return {
      title: `We propose to amend the EHC plan for ${childName(input)}`,
      regulation: 'SEND Regulations 2014 reg 22(2); R (L, M and P) v Devon CC [2022] EWHC 493 (Admin)',
      keyDates: [
        { label: 'Notice served', date: input.served },
        { label: 'Last day to comment, ask for a school or college, or ask for a meeting', date: lastDay },
        { label: 'Latest date for the amended plan, or our decision not to amend', date: outcomeBy },
      ],
      sections: [
        { heading: 'Our proposal', paragraphs: [`${amendmentOpening(input, amendment)} With this notice is a copy of the plan showing the amendments we propose, and copies of the evidence for them.`] },
        ...reasonsSection(amendment.review === undefined ? undefined : lastReview(input.facts).decision?.reasons),
        fifteenDaysSection(lastDay, 'the proposed amendments'),
        localOfferSection(input.authority),
        {
          heading: 'What happens next',
          paragraphs: [`We will send you the amended plan, or tell you that we have decided not to amend it and why, by ${longDate(outcomeBy)}: within 8 weeks of sending you this notice.`],
        },
      ],
    };
  },

  cease: (input) => {
    const cease = input.after.ceases.at(-1)!;
    const window = appealWindow({ noticeSentOn: input.served });
    const maintainedUntil = dueOf(input.limits, 'ceaseAppealWindow');
    const opening = cease.fromReview ? `${reviewOpening(input)} ` : '';
    return {
      title: `We propose to stop maintaining the EHC plan for ${childName(input)}`,
      regulation: 'Children and Families Act 2014 s.45; SEND Regulations 2014 regs 29–31',
      keyDates: [
        { label: 'Decision made', date: cease.on },
        { label: 'Contact a mediation adviser by', date: window.mediationAdviserContactBy },
        { label: 'Last day to appeal to the Tribunal', date: window.lastAppealDate },
        { label: 'We keep maintaining the plan until at least', date: maintainedUntil },
      ],
      sections: [
        { heading: 'Our decision', paragraphs: [`${opening}On ${longDate(cease.on)} we decided to cease to maintain the education, health and care (EHC) plan for ${childName(input)}.`] },
        ...reasonsSection(cease.reasons),
        {
          heading: 'Until the time to appeal has passed',
          paragraphs: [
            `We will keep maintaining the plan, and securing the provision in it, until the time to appeal has passed: at least until ${longDate(maintainedUntil)}. If you appeal, we will keep maintaining it until the appeal is decided.`,
            'We have also told the school or other institution named in the plan and the integrated care board.',
          ],
        },
        ...rightsSections(input.authority, window, 'our decision to cease to maintain the plan'),
      ],
    };
  },

  amended: (input) => {
    const amendment = input.facts.amendments.filter((a) => a.issuedOn !== undefined).at(-1)!;
    const window = appealWindow({ noticeSentOn: input.served });
    return {
      title: `The amended EHC plan for ${childName(input)}`,
      regulation: 'SEND Regulations 2014 reg 22(3); reg 14',
      keyDates: [
        { label: 'Amended plan issued', date: amendment.issuedOn! },
        { label: 'Contact a mediation adviser by', date: window.mediationAdviserContactBy },
        { label: 'Last day to appeal to the Tribunal', date: window.lastAppealDate },
      ],
      sections: [
        {
          heading: 'Your amended plan',
          paragraphs: [
            `With this notice is the amended education, health and care (EHC) plan for ${childName(input)}, issued on ${longDate(amendment.issuedOn!)}.${amendment.namedSetting ? ` It names ${amendment.namedSetting} in section I.` : ''} We have also sent it to the setting named and to the integrated care board.`,
          ],
        },
        ...rightsSections(input.authority, window, 'the parts of the plan that describe the special educational needs, the special educational provision, or the school or other institution named (sections B, F and I), or that no school is named'),
      ],
    };
  },

  not_amend: (input) => {
    const decision = notAmendedDecision(input.facts);
    const window = appealWindow({ noticeSentOn: input.served });
    return {
      title: `We have decided not to amend the EHC plan for ${childName(input)}`,
      regulation: 'SEND Regulations 2014 reg 22(4); Children and Families Act 2014 s.51',
      keyDates: [
        { label: 'Decision made', date: decision.on },
        { label: 'Contact a mediation adviser by', date: window.mediationAdviserContactBy },
        { label: 'Last day to appeal to the Tribunal', date: window.lastAppealDate },
      ],
      sections: [
        { heading: 'Our decision', paragraphs: [`On ${longDate(decision.on)} we decided not to amend the education, health and care (EHC) plan for ${childName(input)}, ${decision.after}. The plan stays as it is.`] },
        { heading: 'Our reasons', paragraphs: [decision.reasons] },
        ...rightsSections(input.authority, window, 'our decision not to amend the plan'),
      ],
    };
  },

  reassess: (input) => {
    const reassessment = input.facts.reassessments.at(-1)!;
    const planBy = dueOf(input.limits, 'reassessmentPlan');
    return {
      title: `We will re-assess the education, health and care needs of ${childName(input)}`,
      regulation: 'Children and Families Act 2014 s.44(2)–(3); SEND Regulations 2014 regs 24–27',
      keyDates: [
        { label: 'Request received', date: reassessment.requestedOn },
        { label: 'Decision made', date: reassessment.decision!.on },
        { label: 'Latest date for the amended plan, or our decision not to amend', date: planBy },
      ],
      sections: [
        { heading: 'Our decision', paragraphs: [`We received the request for a re-assessment of ${childName(input)}’s needs on ${longDate(reassessment.requestedOn)}. On ${longDate(reassessment.decision!.on)} we decided to carry it out.`] },
        {
          heading: 'What happens next',
          paragraphs: [
            'We will ask for advice and information from you, from the school or setting, from health and social care services and from anyone else who can help, as in the first assessment. Advice that is still right for your child need not be given again if everyone agrees.',
            `We must send you the amended plan, or tell you that we have decided not to amend it and why, by ${longDate(planBy)}: within 14 weeks of this notice, unless one of the exceptions in the regulations applies; if one does, we will tell you why.`,
          ],
        },
      ],
    };
  },

  ordered_reassess: (input) => {
    const order = input.reassessmentOrder!;
    return {
      title: `We will re-assess the education, health and care needs of ${childName(input)}`,
      regulation: 'SEND Regulations 2014 reg 44(2)(a)–(c); reg 45 (unopposed appeals); reg 42 (mediation agreements)',
      keyDates: [
        { label: 'Decided in the disagreement', date: order.on },
        { label: 'Latest date to tell you if we decide not to amend the plan', date: order.issueDecisionBy },
        { label: 'Latest date for the amended plan', date: order.finalPlanBy },
      ],
      sections: [
        {
          heading: 'Our decision',
          paragraphs: [
            `We had decided not to re-assess ${childName(input)}’s needs. On ${longDate(order.on)} it was settled, in the disagreement about that decision (our reference ${order.disputeReference}), that the re-assessment will be carried out. We will now carry it out.`,
          ],
        },
        {
          heading: 'What happens next',
          paragraphs: [
            'We will ask for advice and information from you, from the school or setting, from health and social care services and from anyone else who can help, as in the first assessment. Advice that is still right for your child need not be given again if everyone agrees.',
            `If we decide after the re-assessment not to amend the plan, we must tell you by ${longDate(order.issueDecisionBy)}. If we amend it, the amended plan must be issued by ${longDate(order.finalPlanBy)}, unless one of the exceptions in the regulations applies; if one does, we will tell you why.`,
          ],
        },
      ],
    };
  },

  refuse_reassessment: (input) => {
    const reassessment = input.facts.reassessments.at(-1)!;
    const window = appealWindow({ noticeSentOn: input.served });
    return {
      title: `We will not re-assess the education, health and care needs of ${childName(input)}`,
      regulation: 'Children and Families Act 2014 ss.44(2) and 51; SEND Regulations 2014 regs 24–25',
      keyDates: [
        { label: 'Request received', date: reassessment.requestedOn },
        { label: 'Decision made', date: reassessment.decision!.on },
        { label: 'Contact a mediation adviser by', date: window.mediationAdviserContactBy },
        { label: 'Last day to appeal to the Tribunal', date: window.lastAppealDate },
      ],
      sections: [
        { heading: 'Our decision', paragraphs: [`We received the request for a re-assessment of ${childName(input)}’s needs on ${longDate(reassessment.requestedOn)}. On ${longDate(reassessment.decision!.on)} we decided not to carry one out. The plan stays in place.`] },
        { heading: 'Our reasons', paragraphs: [reassessment.decision!.reasons?.trim() || 'The reasons are recorded with the decision.'] },
        ...rightsSections(input.authority, window, 'this decision'),
      ],
    };
  },

  transfer: (input) => {
    const transferredOn = input.facts.transferredInOn!;
    const reviewBy = dueOf(input.limits, 'annualReview');
    return {
      title: `The EHC plan for ${childName(input)} is now maintained by ${input.authority.name}`,
      regulation: 'SEND Regulations 2014 reg 15(3)–(5)',
      keyDates: [
        { label: 'Plan transferred to us', date: transferredOn },
        { label: 'We will review the plan by', date: reviewBy },
      ],
      sections: [
        {
          heading: 'The plan has transferred',
          paragraphs: [
            `Since ${longDate(transferredOn)}, when the plan for ${childName(input)} transferred to us, we maintain it and secure the special educational provision in it. It is treated as if we had made it on ${longDate(input.facts.startedOn)}, the day it was first made.`,
            'If your child can no longer attend the school or other institution named in the plan because of the move, we will arrange another suitable place until the plan is amended.',
          ],
        },
        { heading: 'A new assessment', paragraphs: [assessmentIntent(input)] },
        { heading: 'The review of the plan', paragraphs: [`We will review the plan by ${longDate(reviewBy)}.`] },
      ],
    };
  },
};

/** Why the plan is being amended: its review, its re-assessment, or a change between them. */
function amendmentOpening(input: WriterInput, amendment: AmendmentRecord): string {
  if (amendment.source === 'review') return `${reviewOpening(input)} On ${longDate(lastReview(input.facts).decision!.on)} we decided to amend it.`;
  if (amendment.source === 'reassessment') return `We have finished the re-assessment of ${childName(input)}’s needs, and we propose to amend the education, health and care (EHC) plan.`;
  return `We propose to amend the education, health and care (EHC) plan for ${childName(input)}.`;
}

/** The latest decision not to amend: an amendment's after all (reg 22(4)), or a re-assessment's. */
function notAmendedDecision(facts: PlanFacts): { on: IsoDate; reasons: string; after: string } {
  const amendment = facts.amendments.filter((a) => a.notAmendedOn !== undefined).at(-1);
  const reassessment = facts.reassessments.filter((r) => r.notAmended !== undefined).at(-1);
  if (reassessment && (!amendment || reassessment.notAmended!.on > amendment.notAmendedOn!)) {
    return { ...reassessment.notAmended!, after: 'after its re-assessment' };
  }
  return { on: amendment!.notAmendedOn!, reasons: amendment!.reasons ?? '', after: 'after the amendments we proposed' };
}

/** Reg 15(4)(b): whether the authority proposes to assess, as the plan's record says. */
function assessmentIntent(input: WriterInput): string {
  const since = input.facts.reassessments.filter((r) => r.requestedOn >= input.facts.transferredInOn!).at(-1);
  if (since?.decision?.decision === 'reassess') return `We decided on ${longDate(since.decision.on)} to carry out a new EHC needs assessment, and will write to you about it separately.`;
  if (since && since.decision === undefined) return `We are considering the request for a new assessment made on ${longDate(since.requestedOn)}, and will tell you our decision by ${longDate(dueOf(input.limits, 'reassessmentDecision'))}.`;
  return 'We do not propose to carry out a new EHC needs assessment: the advice your previous authority gathered stands. If you think your child’s needs have changed, you can ask us to re-assess them.';
}
