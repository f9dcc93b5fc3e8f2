import { appealWindow, type IsoDate } from '../../workflows/ehc-needs-assessment/index.js';
import type { ChildView } from './panel-views.js';

export const TRIBUNAL = 'First-tier Tribunal (Special Educational Needs and Disability)';

export interface DecisionLetterFacts {
  caseId: string;
  reference: string;
  child: ChildView;
  decision: 'decline' | 'not_issue';
  decidedOn: IsoDate;
  reasons: string;
  panelMeetingId: string;
  panelName: string;
  decisionRecordedBy: string;
}

export interface DecisionLetter extends DecisionLetterFacts {
  decisionInWords: string;
  noticeSentOn: IsoDate;
  /** True when no date was given and the engine assumed the notice goes out on the decision day. */
  noticeSentOnAssumed: boolean;
  mediation: { adviserContactBy: IsoDate; certificateIssuedOn: IsoDate | null; requirement: string };
  appeal: { tribunal: string; lastAppealDate: IsoDate; mayMoveLater: boolean; rule: string };
  disagreementResolution: string;
  informationAdviceAndSupport: string;
  law: string[];
}

const IN_WORDS = {
  decline: 'The local authority has decided not to carry out an EHC needs assessment.',
  not_issue: 'The local authority has decided not to issue an EHC plan after the assessment.',
};

const LAW = {
  decline: ['Children and Families Act 2014 s.36(5)', 'SEND Regulations 2014 regs 4(1) and 5(3)'],
  not_issue: ['Children and Families Act 2014 s.37', 'SEND Regulations 2014 reg 10(1) and (3)'],
};

/**
 * The content a refusal notice must carry (reg 5(3) / reg 10(3); domain 6.3 item 7): reasons,
 * the right to appeal and its time limit, the mediation requirement (reg 32–33), disagreement
 * resolution and information, advice and support. The appeal date follows domain 5.6.
 */
export function decisionLetter(facts: DecisionLetterFacts, noticeSentOn: IsoDate | undefined, certificateIssuedOn: IsoDate | undefined): DecisionLetter {
  const sentOn = noticeSentOn ?? facts.decidedOn;
  const window = appealWindow({ noticeSentOn: sentOn, mediationCertificateIssuedOn: certificateIssuedOn });
  return {
    ...facts,
    decisionInWords: IN_WORDS[facts.decision],
    noticeSentOn: sentOn,
    noticeSentOnAssumed: noticeSentOn === undefined,
    mediation: {
      adviserContactBy: window.mediationAdviserContactBy,
      certificateIssuedOn: window.mediationCertificateIssuedOn,
      requirement: `Before appealing you must contact a mediation adviser, within 2 months of the date of this notice (by ${window.mediationAdviserContactBy}), to discuss whether to try mediation; you need their certificate to appeal, whether or not you go on to mediation (Children and Families Act 2014 s.55; SEND Regulations 2014 regs 32–33).`,
    },
    appeal: {
      tribunal: TRIBUNAL,
      lastAppealDate: window.lastAppealDate,
      mayMoveLater: window.mayMoveLater,
      rule: 'Appeal within 2 months of the date of this notice, or within 1 month of the date of the mediation certificate if that is later; a last day that is not a working day moves to the next working day (Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 rr.12 and 20).',
    },
    disagreementResolution: 'Independent disagreement resolution is available to you, free of charge, whether or not you appeal (Children and Families Act 2014 s.57).',
    informationAdviceAndSupport: 'Your local SEND Information, Advice and Support Service (SENDIASS) can give you free, impartial advice about this decision.',
    law: LAW[facts.decision],
  };
}
