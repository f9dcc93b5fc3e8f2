import type { AgendaFlag, MemberRole, PanelDecision, PanelPurpose } from '../../../workflows/panels/index.js';

/** The words the panel pages use for the panel records' codes. */

export const PURPOSE_LABELS: Record<PanelPurpose, string> = {
  decision_to_assess: 'Decision whether to assess',
  decision_to_issue: 'Decision whether to issue a plan',
};

export const DECISION_LABELS: Record<PanelDecision, string> = {
  assess: 'Assess',
  decline: 'Decline to assess',
  issue: 'Issue an EHC plan',
  not_issue: 'Do not issue a plan',
  defer: 'Defer to the next meeting',
};

/** What each decision means for the case, under its radio button. */
export const DECISION_HINTS: Record<PanelDecision, string> = {
  assess: 'The local authority will carry out an EHC needs assessment.',
  decline: 'The family is told why, with their right to mediation and appeal.',
  issue: 'The local authority will write a draft EHC plan.',
  not_issue: 'The family is told why, with their right to mediation and appeal.',
  defer: 'Nothing changes on the case and the statutory clock keeps running.',
};

export const MEMBER_ROLE_LABELS: Record<MemberRole, string> = {
  chair: 'Chair',
  head_teacher: 'Head teacher',
  senco: 'SENCO',
  trust_leader: 'Trust leader',
  educational_psychologist: 'Educational psychologist',
  health: 'Health',
  social_care: 'Social care',
  sen_officer: 'SEN officer',
};

export const ORIGIN_LABELS: Record<string, string> = {
  proposed: 'Proposed when the meeting was scheduled',
  added: 'Added by hand',
  carried_forward: 'Deferred from an earlier meeting',
};

/** Both flags are red: either way the case cannot wait for another meeting (domain 5.5). */
export const FLAG_TAGS: Record<AgendaFlag, { text: string; tagClass: string }> = {
  limit_passed_before_meeting: { text: 'Limit already passed', tagClass: 'govuk-tag--red' },
  due_before_following_meeting: { text: 'Decide at this meeting', tagClass: 'govuk-tag--red' },
};
