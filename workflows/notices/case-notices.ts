/**
 * The statutory notices of the needs assessment, written from the case's record (issue 16 item 1;
 * domain document sections 1, 2.3, 2.6–2.8 and 5.6). Pure: the record, the authority's contact
 * details and the day the notice goes out come in; a document of plain-English sections comes
 * out, which src/notices renders as an HTML email and a PDF. A notice of a step the case has not
 * taken is refused with the reason, never written with blanks.
 */
import { addDays, longDate, type IsoDate } from '../calendar/dates.js';
import { servedOn, type ServiceMethod } from '../limits/served-dates.js';
import { appealWindow } from '../limits/appeal-window.js';
import type { CaseFacts, NoticeName } from '../ehc-needs-assessment/types.js';
import { representationsDueOn } from '../ehc-needs-assessment/clock/case-limits.js';

/** A service the notice points the family to: its name and how to reach it. */
export interface NoticeService {
  name: string;
  phone?: string;
  email?: string;
  website?: string;
}

/** The authority's details every notice carries (configured per authority: README "Statutory notices"). */
export interface NoticeAuthority {
  /** "Example County Council". */
  name: string;
  /** The team that sends the notices: "SEND Assessment Team". */
  team: string;
  address: string[];
  phone: string;
  email: string;
  /** The local offer: where the family finds information about schools and colleges (reg 13(1)(b)). */
  localOfferUrl: string;
  /** The information, advice and support service (SENDIASS). */
  informationAdvice: NoticeService;
  /** The mediation adviser the family must contact before most appeals (reg 32). */
  mediation: NoticeService;
  /** The disagreement resolution service (s.57, reg 32). */
  disagreementResolution: NoticeService;
}

export interface NoticeInput {
  notice: NoticeName;
  facts: CaseFacts;
  caseReference: string;
  child: { givenName: string; familyName: string; dateOfBirth: IsoDate };
  authority: NoticeAuthority;
  /** The caseworker the family can contact, when the case has one. */
  caseworker?: { email: string };
  /** The day the notice goes out, and how: the served day follows (email the same day, post two working days later). */
  sentOn: IsoDate;
  method: ServiceMethod;
}

export interface NoticeSection {
  heading: string;
  paragraphs: string[];
}

export interface NoticeDocument {
  notice: NoticeName;
  /** Which decision it tells of, when the notice has more than one kind. */
  variant: 'assess' | 'ordered_assess' | 'decline' | 'issue' | 'not_issue' | 'draft' | 'final';
  title: string;
  regulation: string;
  authority: NoticeAuthority;
  caseReference: string;
  child: NoticeInput['child'];
  sentOn: IsoDate;
  servedOn: IsoDate;
  /** The dates the family needs, each as the regulation sets it. */
  keyDates: { label: string; date: IsoDate }[];
  sections: NoticeSection[];
}

export type NoticeResult = { ok: true; document: NoticeDocument } | { ok: false; message: string };

/** The notice `input.notice` names, or why the case cannot have it yet. */
export function caseNotice(input: NoticeInput): NoticeResult {
  const served = servedOn(input.sentOn, input.method);
  const step = stepOf(input.notice, input.facts);
  if (!step) return { ok: false, message: `There is no ${input.notice.replaceAll('_', ' ')} on this case yet: its notice can be written once the step is recorded.` };
  if (input.sentOn < step.on) return { ok: false, message: `The notice cannot go out on ${input.sentOn}, before the step it tells of (${step.on}).` };
  const writer = WRITERS[step.variant];
  const written = writer({ ...input, served });
  return {
    ok: true,
    document: {
      notice: input.notice,
      variant: step.variant,
      authority: input.authority,
      caseReference: input.caseReference,
      child: input.child,
      sentOn: input.sentOn,
      servedOn: served,
      ...written,
      sections: [...written.sections, contactSection(input)],
    },
  };
}

type Variant = NoticeDocument['variant'];

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

type Written = Pick<NoticeDocument, 'title' | 'regulation' | 'keyDates' | 'sections'>;
type WriterInput = NoticeInput & { served: IsoDate };

const childName = (input: NoticeInput) => `${input.child.givenName} ${input.child.familyName}`;
const twentyWeeks = (facts: CaseFacts) => addDays(facts.requestReceivedOn, 20 * 7);

const WRITERS: Record<Variant, (input: WriterInput) => Written> = {
  assess: (input) => ({
    title: `We will carry out an EHC needs assessment for ${childName(input)}`,
    regulation: 'Children and Families Act 2014 s.36; SEND Regulations 2014 reg 5(1)',
    keyDates: [
      { label: 'Request received', date: input.facts.requestReceivedOn },
      { label: 'Latest date for the final EHC plan, or a decision not to issue one', date: twentyWeeks(input.facts) },
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
          `If we decide an EHC plan is needed, we will send you a draft plan first. The final plan must be issued by ${longDate(twentyWeeks(input.facts))}, 20 weeks from the request, unless one of the exceptions in the regulations applies; if one does, we will tell you why.`,
          'Your views, wishes and feelings, and those of your child, are central to the assessment. Tell us anything you want us to know, and who else you would like us to ask.',
        ],
      },
    ],
  }),

  ordered_assess: (input) => {
    const order = input.facts.order!;
    const issueDecisionBy = addDays(order.on, 10 * 7);
    const finalPlanBy = addDays(order.on, 14 * 7);
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
    keyDates: [{ label: 'Latest date for the final EHC plan', date: twentyWeeks(input.facts) }],
    sections: [
      {
        heading: 'Our decision',
        paragraphs: [`We have finished the EHC needs assessment for ${childName(input)}. On ${longDate(input.facts.issueDecision!.on)} we decided that an EHC plan is needed.`],
      },
      {
        heading: 'What happens next',
        paragraphs: [
          'We will prepare the plan with you and send you a draft. You will have at least 15 days to comment on it, to ask for a particular school or college to be named in it, and to ask to meet us about it.',
          `The final plan must be issued by ${longDate(twentyWeeks(input.facts))}, unless one of the exceptions in the regulations applies; if one does, we will tell you why.`,
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
        { label: 'Latest date for the final EHC plan', date: twentyWeeks(input.facts) },
      ],
      sections: [
        {
          heading: 'Your draft plan',
          paragraphs: [
            `With this notice is the draft education, health and care (EHC) plan for ${childName(input)}. Section I, which names the school or other setting, is left blank in a draft.`,
          ],
        },
        {
          heading: 'You have at least 15 days',
          paragraphs: [
            `You have until ${longDate(lastDay)} (15 days, beginning with the day you receive this notice) to:`,
            '• tell us what you think of the draft and what you would change;',
            '• ask us to name a particular school, college or other institution in the plan. We must consult it, and name it unless it would be unsuitable for your child, or their attendance would be incompatible with the efficient education of others or the efficient use of resources;',
            '• ask to meet one of our officers to discuss the draft.',
            'We will not finalise the plan before that day unless you tell us in writing that you have nothing more to add.',
          ],
        },
        {
          heading: 'Information about schools and colleges',
          paragraphs: [`Our local offer lists the schools, colleges and other settings available: ${input.authority.localOfferUrl}.`],
        },
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
        ...rightsSections(input, window, 'the parts of the plan that describe the special educational needs, the special educational provision, or the school or other institution named (sections B, F and I), or that no school is named'),
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
function refusal(input: WriterInput, text: RefusalText): Written {
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
      ...rightsSections(input, window, 'this decision'),
    ],
  };
}

/** The right to appeal, its time limits, mediation, disagreement resolution and information and advice (regs 5(3), 10(3), 14, 32). */
function rightsSections(input: NoticeInput, window: ReturnType<typeof appealWindow>, what: string): NoticeSection[] {
  const { mediation, disagreementResolution, informationAdvice } = input.authority;
  return [
    {
      heading: 'If you disagree: appealing to the Tribunal',
      paragraphs: [
        `You have the right to appeal to the First-tier Tribunal (Special Educational Needs and Disability) against ${what}.`,
        `Your appeal must reach the Tribunal by ${longDate(window.lastAppealDate)}: 2 months from the date of this notice, or 1 month from the date of a mediation certificate if that is later.`,
      ],
    },
    {
      heading: 'Mediation',
      paragraphs: [
        `Before you can appeal you must contact a mediation adviser, within 2 months of this notice (by ${longDate(window.mediationAdviserContactBy)}), to find out about mediation. You do not have to take part in mediation: the adviser will then give you a certificate within 3 working days, which you need to appeal. You do not need a certificate if your appeal is only about the school or other institution named.`,
        `If you choose mediation, we must arrange a meeting within 30 days of being told. Mediation adviser: ${service(mediation)}.`,
      ],
    },
    {
      heading: 'Disagreement resolution',
      paragraphs: [`An independent disagreement resolution service can help you and us settle a disagreement at any time, whether or not you appeal: ${service(disagreementResolution)}.`],
    },
    {
      heading: 'Information, advice and support',
      paragraphs: [`For free, impartial information, advice and support, contact ${service(informationAdvice)}.`],
    },
  ];
}

function service(s: NoticeService): string {
  const ways = [s.phone && `telephone ${s.phone}`, s.email && `email ${s.email}`, s.website].filter((w): w is string => Boolean(w));
  return ways.length > 0 ? `${s.name} (${ways.join(', ')})` : s.name;
}

function contactSection(input: NoticeInput): NoticeSection {
  const { authority, caseworker } = input;
  const who = caseworker ? `your caseworker (${caseworker.email}) or the ${authority.team}` : `the ${authority.team}`;
  return {
    heading: 'Contact us',
    paragraphs: [
      `If you have any questions, contact ${who}, ${authority.name}, telephone ${authority.phone}, email ${authority.email}. Please quote the reference ${input.caseReference}.`,
      ...(authority.address.length > 0 ? [`${authority.team}, ${authority.address.join(', ')}`] : []),
    ],
  };
}
