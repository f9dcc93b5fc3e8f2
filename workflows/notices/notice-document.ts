/**
 * What every statutory notice is made of, whichever process it belongs to (the assessment's, the
 * plan's): the authority's details, the child, the plain-English sections and the dates that
 * apply, and the sections the law asks of several notices — the family's rights when they may
 * appeal, the 15 days to comment, and how to contact the authority. Pure, like the writers.
 */
import { longDate, type IsoDate } from '../calendar/dates.js';
import type { appealWindow } from '../limits/appeal-window.js';
import type { ServiceMethod } from '../limits/served-dates.js';

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
  /** The local offer: where the family finds information about schools and colleges (regs 13(1)(b), 22(2)(d)). */
  localOfferUrl: string;
  /** The information, advice and support service (SENDIASS). */
  informationAdvice: NoticeService;
  /** The mediation adviser the family must contact before most appeals (reg 32). */
  mediation: NoticeService;
  /** The disagreement resolution service (s.57, reg 32). */
  disagreementResolution: NoticeService;
}

export interface NoticeChild {
  givenName: string;
  familyName: string;
  dateOfBirth: IsoDate;
}

/** What a notice is written from besides its process's record. */
export interface NoticeContext {
  /** The case's or the plan's reference, which the family quotes. */
  reference: string;
  child: NoticeChild;
  authority: NoticeAuthority;
  /** The caseworker the family can contact, when the record has one. */
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
  /** The name NOTICE_SENT uses for it (`decision_to_assess`, `review_decision`, …). */
  notice: string;
  /** Which decision it tells of, when the notice has more than one kind (`decline`, `cease`, …). */
  variant: string;
  title: string;
  regulation: string;
  authority: NoticeAuthority;
  reference: string;
  child: NoticeChild;
  sentOn: IsoDate;
  servedOn: IsoDate;
  /** The dates the family needs, each as the regulation sets it. */
  keyDates: { label: string; date: IsoDate }[];
  sections: NoticeSection[];
}

export type NoticeResult = { ok: true; document: NoticeDocument } | { ok: false; message: string };

/** What a writer gives for one kind of notice; the rest of the document is common to all. */
export type WrittenNotice = Pick<NoticeDocument, 'title' | 'regulation' | 'keyDates' | 'sections'>;

export const childName = (context: NoticeContext): string => `${context.child.givenName} ${context.child.familyName}`;

/** The whole document: what its writer wrote, then how to contact the authority. */
export function noticeDocument(context: NoticeContext, kind: { notice: string; variant: string; servedOn: IsoDate }, written: WrittenNotice): NoticeDocument {
  return {
    ...kind,
    authority: context.authority,
    reference: context.reference,
    child: context.child,
    sentOn: context.sentOn,
    ...written,
    sections: [...written.sections, contactSection(context)],
  };
}

/** Refused when the notice would go out before the step it tells of. */
export function sentTooEarly(context: NoticeContext, stepOn: IsoDate): NoticeResult | undefined {
  return context.sentOn < stepOn ? { ok: false, message: `The notice cannot go out on ${context.sentOn}, before the step it tells of (${stepOn}).` } : undefined;
}

/**
 * The family's 15 days on a draft plan (reg 13(1)) or on proposed amendments (reg 22(2)): to
 * comment, to ask for a school or college, and to ask for a meeting.
 */
export function fifteenDaysSection(lastDay: IsoDate, what: string): NoticeSection {
  return {
    heading: 'You have at least 15 days',
    paragraphs: [
      `You have until ${longDate(lastDay)} (15 days, beginning with the day you receive this notice) to:`,
      `• tell us what you think of ${what} and what you would change;`,
      '• ask us to name a particular school, college or other institution in the plan. We must consult it, and name it unless it would be unsuitable for your child, or their attendance would be incompatible with the efficient education of others or the efficient use of resources;',
      `• ask to meet one of our officers to discuss ${what}.`,
      'We will not finalise the plan before that day unless you tell us in writing that you have nothing more to add.',
    ],
  };
}

/** Where the family finds information about schools and colleges (regs 13(1)(b), 22(2)(d)). */
export function localOfferSection(authority: NoticeAuthority): NoticeSection {
  return { heading: 'Information about schools and colleges', paragraphs: [`Our local offer lists the schools, colleges and other settings available: ${authority.localOfferUrl}.`] };
}

/** The right to appeal, its time limits, mediation, disagreement resolution and information and advice (regs 5(3), 10(3), 14, 31, 32). */
export function rightsSections(authority: NoticeAuthority, window: ReturnType<typeof appealWindow>, what: string): NoticeSection[] {
  const { mediation, disagreementResolution, informationAdvice } = authority;
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

function contactSection(context: NoticeContext): NoticeSection {
  const { authority, caseworker } = context;
  const who = caseworker ? `your caseworker (${caseworker.email}) or the ${authority.team}` : `the ${authority.team}`;
  return {
    heading: 'Contact us',
    paragraphs: [
      `If you have any questions, contact ${who}, ${authority.name}, telephone ${authority.phone}, email ${authority.email}. Please quote the reference ${context.reference}.`,
      ...(authority.address.length > 0 ? [`${authority.team}, ${authority.address.join(', ')}`] : []),
    ],
  };
}
