import type { CaseView } from '../../cases/case-view.js';
import type { FamilyCase } from '../../family/family-case.service.js';
import type { MessageProblem } from '../../family/family-documents.js';
import type { FamilyOwnMessage } from '../../family/family-messages.service.js';
import { formatDate, formatDateTime } from '../format/dates.js';
import { formErrors } from '../format/form-errors.js';
import { CONTRIBUTOR_LABELS, deadlineLabel, NOTICE_LABELS, SERVICE_METHOD_LABELS, STATUS_LABELS } from '../format/labels.js';
import type { CaseStatus } from '../../../workflows/ehc-needs-assessment/index.js';

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

/** The limits the family waits on, in order of when they fall: the authority's duties, not the family's own windows. */
function nextDate(view: CaseView): { label: string; date: string } | undefined {
  const open = Object.entries(view.deadlines).filter(([, d]) => d.open && d.role !== 'window' && d.targetOn !== null);
  const [name, deadline] = open.sort(([, a], [, b]) => (a.targetOn! < b.targetOn! ? -1 : 1))[0] ?? [];
  return name ? { label: deadlineLabel(name), date: formatDate(deadline!.targetOn)! } : undefined;
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
    next: nextDate(view),
    awaited: awaited(view),
    caseworkerEmail,
    notices: notices.map((n) => ({
      title: n.title,
      label: NOTICE_LABELS[n.notice as keyof typeof NOTICE_LABELS] ?? n.notice,
      sentOn: formatDate(n.sentOn),
      servedOn: formatDate(n.servedOn),
      how: SERVICE_METHOD_LABELS[n.method],
      href: `/family/case/${view.id}/notices/${n.notice}/versions/${n.version}`,
    })),
    messages: messagesView(messages),
    messageForm: messageForm(messages, state),
  };
}
