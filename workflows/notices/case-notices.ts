/**
 * The statutory notices of the needs assessment, written from the case's record (issue 16 item 1;
 * domain document sections 1, 2.3, 2.6–2.8 and 5.6). Pure: the record, the authority's contact
 * details and the day the notice goes out come in; a document of plain-English sections comes
 * out, which src/notices renders as an HTML email and a PDF. A notice of a step the case has not
 * taken is refused with the reason, never written with blanks.
 */
import { longDate, type IsoDate } from '../calendar/dates.js';
import type { LimitRecord } from '../limits/limit-record.js';
import { servedOn } from '../limits/served-dates.js';
import { appealWindow } from '../limits/appeal-window.js';
import type { CaseFacts, NoticeName } from '../ehc-needs-assessment/types.js';
import { representationsDueOn } from '../ehc-needs-assessment/clock/case-limits.js';
import {
  childName,
  fifteenDaysSection,
  localOfferSection,
  noticeDocument,
  rightsSections,
  sentTooEarly,
  type NoticeContext,
  type NoticeResult,
  type WrittenNotice,
} from './notice-document.js';

export interface NoticeInput extends NoticeContext {
  notice: NoticeName;
  facts: CaseFacts;
  /** The case's limits in the authority's day counting: the notice gives the final plan's date from them. */
  limits: LimitRecord[];
  /** After an order to assess, its dates as its dispute's clock holds them (a mediation agreement may set its own). */
  /** An order's dates as its dispute's clock holds them: an order to issue a plan has no decision to issue. */
  orderDates?: { issueDecisionBy?: IsoDate; finalPlanBy?: IsoDate };
}

/** The notice `input.notice` names, or why the case cannot have it yet. */
export function caseNotice(input: NoticeInput): NoticeResult {
  const served = servedOn(input.sentOn, input.method);
  const step = stepOf(input.notice, input.facts);
  if (!step) return { ok: false, message: `There is no ${input.notice.replaceAll('_', ' ')} on this case yet: its notice can be written once the step is recorded.` };
  const early = sentTooEarly(input, step.on);
  if (early) return early;
  if (orderDatesMissing(input, step.variant)) return { ok: false, message: `The dates of the order (${input.facts.order!.disputeReference}) are not known, so its notice cannot be written.` };
  const written = WRITERS[step.variant]({ ...input, served });
  return { ok: true, document: noticeDocument(input, { notice: input.notice, variant: step.variant, servedOn: served }, written) };
}

type Variant = 'assess' | 'ordered_assess' | 'decline' | 'issue' | 'not_issue' | 'draft' | 'final';

function stepOf(notice: NoticeName, facts: CaseFacts): { variant: Variant; on: IsoDate } | undefined {
  switch (notice) {
    case 'decision_to_assess':
      // After an order to assess (a Tribunal's, a concession, a mediation agreement) the notice is the order's (reg 44(2)(a)).
      if (facts.order?.action === 'assess') return { variant: 'ordered_assess', on: facts.order.on };
      return facts.decisionToAssess && { variant: facts.decisionToAssess.decision, on: facts.decisionToAssess.on };
    case 'decision_to_issue':
      return facts.issueDecision && { variant: facts.issueDecision.decision, on: facts.issueDecision.on };
    case 'draft_plan':
      return facts.draftIssuedOn === undefined ? undefined : { variant: 'draft', on: facts.draftIssuedOn };
    case 'final_plan':
      return facts.finalIssuedOn === undefined ? undefined : { variant: 'final', on: facts.finalIssuedOn };
  }
}

type WriterInput = NoticeInput & { served: IsoDate };

/** The final plan's date, 20 weeks from the request (reg 13(2)), as the case's clock holds it. */
function twentyWeeks(input: NoticeInput): IsoDate {
  const limit = input.limits.find((l) => l.name === 'finalPlan');
  if (!limit) throw new Error('the case has no finalPlan limit');
  return limit.dueOn;
}

/** The variants that give the final plan's date: under an order, the order's date (reg 44(2)) replaces the 20 weeks. */
const GIVING_THE_FINAL_DATE: readonly Variant[] = ['issue', 'draft'];

function orderDatesMissing(input: NoticeInput, variant: Variant): boolean {
  if (variant === 'ordered_assess') return !input.orderDates?.issueDecisionBy || !input.orderDates.finalPlanBy;
  return input.facts.order !== undefined && GIVING_THE_FINAL_DATE.includes(variant) && !input.orderDates?.finalPlanBy;
}

/** The latest date for the final plan the family is given: the order's when the case carries one out, else the 20 weeks. */
function finalPlanBy(input: NoticeInput): IsoDate {
  return input.facts.order ? input.orderDates!.finalPlanBy! : twentyWeeks(input);
}

const WRITERS: Record<Variant, (input: WriterInput) => WrittenNotice> = {
  assess: (input) => ({
    title: `We will carry out an EHC needs assessment for ${childName(input)}`,
    regulation: 'Children and Families Act 2014 s.36; SEND Regulations 2014 reg 5(1)',
    keyDates: [
      { label: 'Request received', date: input.facts.requestReceivedOn },
      { label: 'Latest date for the final EHC plan, or a decision not to issue one', date: twentyWeeks(input) },
    ],
    sections: [
      {
        heading: 'Our decision',
        paragraphs: [
          `We received the request for an education, health and care (EHC) needs assessment for ${childName(input)} on ${longDate(input.facts.requestReceivedOn)}. On ${longDate(input.facts.decisionToAssess!.on)} we decided to carry out the assessment.`,
        ],
      },
      {
        heading: 'What happens next',
        paragraphs: [
          'We will ask for advice and information from you, from the school or setting, from health and social care services, from an educational psychologist and from anyone else who can help. Each of them should send their advice within 6 weeks of our request.',
          `If we decide an EHC plan is needed, we will send you a draft plan first. The final plan must be issued by ${longDate(twentyWeeks(input))}, 20 weeks from the request, unless one of the exceptions in the regulations applies; if one does, we will tell you why.`,
          'Your views, wishes and feelings, and those of your child, are central to the assessment. Tell us anything you want us to know, and who else you would like us to ask.',
        ],
      },
    ],
  }),

  ordered_assess: (input) => {
    const order = input.facts.order!;
    const { issueDecisionBy, finalPlanBy } = input.orderDates as Required<NonNullable<NoticeInput['orderDates']>>;
    return {
      title: `We will carry out an EHC needs assessment for ${childName(input)}`,
      regulation: 'SEND Regulations 2014 reg 44(2)(a)–(c); reg 45 (unopposed appeals); reg 42 (mediation agreements)',
      keyDates: [
        { label: 'Decided in the disagreement', date: order.on },
        { label: 'Latest date for our decision whether to issue an EHC plan', date: issueDecisionBy },
        { label: 'Latest date for the final EHC plan, if we issue one', date: finalPlanBy },
      ],
      sections: [
        {
          heading: 'Our decision',
          paragraphs: [
            `We had decided not to carry out an education, health and care (EHC) needs assessment for ${childName(input)}. On ${longDate(order.on)} it was settled, in the disagreement about that decision (our reference ${order.disputeReference}), that the assessment will be carried out. We will now carry it out.`,
          ],
        },
        {
          heading: 'What happens next',
          paragraphs: [
            'We will ask for advice and information from you, from the school or setting, from health and social care services, from an educational psychologist and from anyone else who can help.',
            `We must tell you by ${longDate(issueDecisionBy)} whether we will issue an EHC plan. If we do, the final plan must be issued by ${longDate(finalPlanBy)}, unless one of the exceptions in the regulations applies; if one does, we will tell you why.`,
          ],
        },
      ],
    };
  },

  decline: (input) => refusal(input, {
    title: `We will not carry out an EHC needs assessment for ${childName(input)}`,
    regulation: 'Children and Families Act 2014 s.36(5); SEND Regulations 2014 regs 4(1), 5(1) and 5(3)',
    decidedOn: input.facts.decisionToAssess!.on,
    reasons: input.facts.decisionToAssess!.reasons,
    decision: `We received the request for an education, health and care (EHC) needs assessment for ${childName(input)} on ${longDate(input.facts.requestReceivedOn)}. On ${longDate(input.facts.decisionToAssess!.on)} we decided not to carry out an assessment.`,
  }),

  issue: (input) => ({
    title: `We will prepare an EHC plan for ${childName(input)}`,
    regulation: 'Children and Families Act 2014 s.37; SEND Regulations 2014 regs 11–13',
    keyDates: [{ label: 'Latest date for the final EHC plan', date: finalPlanBy(input) }],
    sections: [
      {
        heading: 'Our decision',
        paragraphs: [`We have finished the EHC needs assessment for ${childName(input)}. On ${longDate(input.facts.issueDecision!.on)} we decided that an EHC plan is needed.`],
      },
      {
        heading: 'What happens next',
        paragraphs: [
          'We will prepare the plan with you and send you a draft. You will have at least 15 days to comment on it, to ask for a particular school or college to be named in it, and to ask to meet us about it.',
          `The final plan must be issued by ${longDate(finalPlanBy(input))}, unless one of the exceptions in the regulations applies; if one does, we will tell you why.`,
        ],
      },
    ],
  }),

  not_issue: (input) => refusal(input, {
    title: `We will not issue an EHC plan for ${childName(input)}`,
    regulation: 'Children and Families Act 2014 s.36(9); SEND Regulations 2014 regs 10(1) and 10(3)',
    decidedOn: input.facts.issueDecision!.on,
    reasons: input.facts.issueDecision!.reasons,
    decision: `We have finished the EHC needs assessment for ${childName(input)}, which was requested on ${longDate(input.facts.requestReceivedOn)}. On ${longDate(input.facts.issueDecision!.on)} we decided that an EHC plan is not necessary.`,
  }),

  draft: (input) => {
    const lastDay = representationsDueOn(input.served);
    return {
      title: `The draft EHC plan for ${childName(input)}`,
      regulation: 'SEND Regulations 2014 reg 13(1); Children and Families Act 2014 ss.38–39',
      keyDates: [
        { label: 'Draft plan served', date: input.served },
        { label: 'Last day to comment, ask for a school or college, or ask for a meeting', date: lastDay },
        { label: 'Latest date for the final EHC plan', date: finalPlanBy(input) },
      ],
      sections: [
        {
          heading: 'Your draft plan',
          paragraphs: [
            `With this notice is the draft education, health and care (EHC) plan for ${childName(input)}. Section I, which names the school or other setting, is left blank in a draft.`,
          ],
        },
        fifteenDaysSection(lastDay, 'the draft'),
        localOfferSection(input.authority),
      ],
    };
  },

  final: (input) => {
    const window = appealWindow({ noticeSentOn: input.served });
    return {
      title: `The final EHC plan for ${childName(input)}`,
      regulation: 'SEND Regulations 2014 regs 13(2) and 14',
      keyDates: [
        { label: 'Final plan issued', date: input.facts.finalIssuedOn! },
        { label: 'Contact a mediation adviser by', date: window.mediationAdviserContactBy },
        { label: 'Last day to appeal to the Tribunal', date: window.lastAppealDate },
      ],
      sections: [
        {
          heading: 'Your final plan',
          paragraphs: [
            `With this notice is the final education, health and care (EHC) plan for ${childName(input)}, issued on ${longDate(input.facts.finalIssuedOn!)}.${input.facts.placement ? ` It names ${input.facts.placement} in section I.` : ''} We have also sent it to the setting named and to the integrated care board.`,
          ],
        },
        ...rightsSections(input.authority, window, 'the parts of the plan that describe the special educational needs, the special educational provision, or the school or other institution named (sections B, F and I), or that no school is named'),
      ],
    };
  },
};

interface RefusalText {
  title: string;
  regulation: string;
  decidedOn: IsoDate;
  reasons: string | undefined;
  decision: string;
}

/** A refusal (to assess, or to issue a plan): the reasons and the family's rights of reg 5(3) and reg 10(3). */
function refusal(input: WriterInput, text: RefusalText): WrittenNotice {
  const window = appealWindow({ noticeSentOn: input.served });
  return {
    title: text.title,
    regulation: text.regulation,
    keyDates: [
      { label: 'Decision made', date: text.decidedOn },
      { label: 'Contact a mediation adviser by', date: window.mediationAdviserContactBy },
      { label: 'Last day to appeal to the Tribunal', date: window.lastAppealDate },
    ],
    sections: [
      { heading: 'Our decision', paragraphs: [text.decision] },
      { heading: 'Our reasons', paragraphs: [text.reasons ?? 'The reasons are recorded with the decision.'] },
      ...rightsSections(input.authority, window, 'this decision'),
    ],
  };
}

