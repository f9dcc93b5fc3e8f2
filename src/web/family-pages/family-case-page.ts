import type { CaseView } from '../../cases/case-view.js';
import type { FamilyCase } from '../../family/family-case.service.js';
import type { MessageProblem } from '../../family/family-documents.js';
import type { FamilyOwnMessage } from '../../family/family-messages.service.js';
import { formatDate, formatDateTime } from '../format/dates.js';
import { formErrors } from '../format/form-errors.js';
import { CONTRIBUTOR_LABELS, deadlineLabel, NOTICE_LABELS, SERVICE_METHOD_LABELS, STATUS_LABELS } from '../format/labels.js';
import type { CaseStatus } from '../../../workflows/ehc-needs-assessment/index.js';
import type { PlanStatus } from '../../../workflows/ehc-plan/index.js';
import { PLAN_NOTICE_LABELS, PLAN_STATUS_LABELS, planDeadlineLabel } from '../format/plan-labels.js';

/** Where the assessment is, in the words a family would use. */
const STAGES: Record<CaseStatus, string> = {
  awaiting_decision: 'We are deciding whether to carry out an education, health and care (EHC) needs assessment.',
  assessing: 'We are carrying out the EHC needs assessment: we are gathering advice about your child from the people who know them.',
  drafting: 'We have decided to make an EHC plan, and we are writing the draft.',
  draft_issued: 'We have sent you the draft EHC plan. We are waiting for your comments before we finish it.',
  plan_issued: 'The final EHC plan has been issued.',
  declined_to_assess: 'We decided not to carry out an EHC needs assessment. The notice we sent you explains why and what you can do.',
  declined_to_issue: 'We decided not to make an EHC plan. The notice we sent you explains why and what you can do.',
  withdrawn: 'The request for an assessment was withdrawn.',
};

/** The plan's stage in the family's words. */
const PLAN_STAGES: Record<PlanStatus, string> = {
  maintained: 'Your child’s EHC plan is in place. We review it at least once every 12 months.',
  review_scheduled: 'The annual review meeting has been arranged.',
  review_held: 'The annual review meeting has been held. We will tell you what we decided.',
  amendment_proposed: 'We have proposed changes to the EHC plan. Our notice explains them and how to tell us what you think.',
  reassessment_requested: 'A re-assessment of your child’s needs has been asked for. We will tell you what we decided.',
  reassessing: 'We are re-assessing your child’s needs.',
  cease_pending_appeal_window: 'We have decided to stop maintaining the EHC plan. Our notice explains why and how you can appeal.',
  ceased: 'The EHC plan has ended.',
  transferred_out: 'The EHC plan has moved to another local authority.',
};

type Limits = Record<string, { open: boolean; role: string; targetOn: string | null }>;

/** The limit the family waits on soonest: the authority's duties, not the family's own windows. */
function nextDate(deadlines: Limits, label: (name: string) => string): { label: string; date: string } | undefined {
  const open = Object.entries(deadlines).filter(([, d]) => d.open && d.role !== 'window' && d.targetOn !== null);
  const [name, deadline] = open.sort(([, a], [, b]) => (a.targetOn! < b.targetOn! ? -1 : 1))[0] ?? [];
  return name ? { label: label(name), date: formatDate(deadline!.targetOn)! } : undefined;
}

type Notice = FamilyCase['notices'][number];

/** A notice as the family's list shows it, linked to the copy kept (`path`: the case's or the plan's notices). */
function noticeRow(n: Notice, labels: Record<string, string>, path: string) {
  const href = `${path}/${n.notice}/versions/${n.version}`;
  return { title: n.title, label: labels[n.notice] ?? n.notice, sentOn: formatDate(n.sentOn), servedOn: formatDate(n.servedOn), how: SERVICE_METHOD_LABELS[n.method], href };
}

/** The latest review meeting held, or the one held before the plan came into the engine. */
function lastReviewHeld(view: NonNullable<FamilyCase['plan']>['view']): string | null {
  const held = view.reviews.filter((review) => review.heldOn || review.beforeEngine).at(-1);
  return held ? (held.heldOn ?? held.meetingOn) : view.lastReviewMeetingOn;
}

/** The EHC plan the assessment made: its stage, the next date, the school or college named, and its notices. */
function planSection(caseId: string, plan: FamilyCase['plan']) {
  if (!plan) return undefined;
  const { view, notices } = plan;
  return {
    stage: { title: PLAN_STATUS_LABELS[view.status].text, text: PLAN_STAGES[view.status] },
    rows: [
      ['Plan started', formatDate(view.startedOn)],
      ['School or college named', view.namedSetting],
      ['Last annual review meeting', formatDate(lastReviewHeld(view))],
    ].filter(([, value]) => value).map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
    next: nextDate(view.deadlines, planDeadlineLabel),
    notices: notices.map((n) => noticeRow(n, PLAN_NOTICE_LABELS, `/family/case/${caseId}/plan-notices`)),
  };
}

/** "Health advice requested 3 March 2026, due 14 April 2026": what the authority is waiting for, never who from (design section 8). */
function awaited(view: CaseView): string[] {
  const advice = view.adviceRequests
    .filter((request) => request.receivedOn === undefined && view.deadlines[request.name]?.open)
    .map((request) => `${CONTRIBUTOR_LABELS[request.contributor]} advice: requested ${formatDate(request.requestedOn)}, due ${formatDate(view.deadlines[request.name].targetOn ?? view.deadlines[request.name].dueOn)}`);
  const comments = view.deadlines.representations;
  const yours = comments?.open ? [`Your comments on the draft plan: you have until ${formatDate(comments.dueOn)}`] : [];
  return [...advice, ...yours];
}

const ANSWERED_HOW: Record<string, string> = {
  reply: 'We replied',
  phone: 'We answered by phone',
  meeting: 'We answered at a meeting',
  letter: 'We answered by letter',
  email: 'We answered by email',
};

/** Their own messages, newest first: when sent, when we aim to answer, and the answer once there. */
function messagesView(messages: FamilyOwnMessage[]) {
  return messages.map((message) => ({
    id: message.id,
    body: message.body,
    sentAt: formatDateTime(message.sentAt),
    documents: message.documents,
    answerBy: formatDate(message.answerDueOn),
    answer: message.answer && { how: ANSWERED_HOW[message.answer.method], on: formatDate(message.answer.answeredOn), text: message.answer.text },
  }));
}

/** The message form again, with what was typed and what to fix; or the banner of a message just sent. */
export interface MessageFormState {
  values?: { body?: string };
  problems?: MessageProblem[];
  /** The id of the message just sent, from the redirect after sending it. */
  sent?: string;
}

function messageForm(messages: FamilyOwnMessage[], state: MessageFormState) {
  const sent = state.sent === undefined ? undefined : messages.find((message) => message.id === state.sent);
  return {
    values: state.values ?? {},
    errors: state.problems && formErrors(state.problems, { body: 'message-body', file: 'message-file' }),
    sent: sent && { answerBy: formatDate(sent.answerDueOn) },
  };
}

export function familyCasePage(found: FamilyCase, state: MessageFormState = {}) {
  const { view, notices, messages, caseworkerEmail, authority } = found;
  return {
    id: view.id,
    reference: view.reference,
    childName: `${view.child.givenName} ${view.child.familyName}`,
    authorityName: authority.name,
    requestReceivedOn: formatDate(view.requestReceivedOn),
    stage: { title: STATUS_LABELS[view.status].text, text: STAGES[view.status] },
    next: nextDate(view.deadlines, deadlineLabel),
    awaited: awaited(view),
    caseworkerEmail,
    notices: notices.map((n) => noticeRow(n, NOTICE_LABELS, `/family/case/${view.id}/notices`)),
    plan: planSection(view.id, found.plan),
    messages: messagesView(messages),
    messageForm: messageForm(messages, state),
  };
}
