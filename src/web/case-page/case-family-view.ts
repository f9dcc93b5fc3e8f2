import type { IsoDate } from '../../../workflows/calendar/dates.js';
import type { FamilyContactDto } from '../../family/family-contacts.dto.js';
import type { FamilyMessageDto } from '../../family/family-messages.dto.js';
import { formatDate, formatDateTime } from '../format/dates.js';
import type { FormErrors } from '../format/form-errors.js';

/** The case page's form naming a family contact, sent back with what was typed and what was wrong. */
export interface FailedContactForm {
  values: Record<string, unknown>;
  errors: FormErrors;
}

export const RELATIONSHIP_LABELS: Record<string, string> = { parent: 'Parent', carer: 'Carer', young_person: 'The young person' };

/** One row of the case page's "Family access" table. */
export function familyContactRow(caseId: string, contact: FamilyContactDto) {
  return {
    name: contact.name,
    email: contact.email,
    relationship: RELATIONSHIP_LABELS[contact.relationship] ?? contact.relationship,
    added: `${formatDateTime(contact.addedAt)} by ${contact.addedBy}`,
    revoked: contact.revokedAt ? `${formatDateTime(contact.revokedAt)} by ${contact.revokedBy}` : undefined,
    revokeAction: contact.revokedAt ? undefined : `/case/${caseId}/family-contacts/${contact.id}/revoke`,
  };
}

const ANSWER_METHOD_LABELS: Record<string, string> = {
  reply: 'Replied on the family pages',
  phone: 'By phone',
  meeting: 'At a meeting',
  letter: 'By letter',
  email: 'By email',
};

/** Where a message stands against the authority's target, as a tag. */
function answerTag(message: FamilyMessageDto): { text: string; tagClass: string } {
  const due = formatDate(message.answerDueOn);
  const days = message.answer && `${message.answer.workingDays} working day${message.answer.workingDays === 1 ? '' : 's'}`;
  if (message.status === 'breached') return { text: `Overdue: the answer was due ${due}`, tagClass: 'govuk-tag--red' };
  if (message.status === 'met') return { text: `Answered in ${days}`, tagClass: 'govuk-tag--green' };
  if (message.status === 'met_late') return { text: `Answered late, in ${days} (due ${due})`, tagClass: 'govuk-tag--orange' };
  return { text: `Answer by ${due}`, tagClass: 'govuk-tag--blue' };
}

/** The answer form of a message, sent back with what was typed and what was wrong. */
export interface FailedAnswerForm {
  messageId: string;
  values: Record<string, unknown>;
  errors: FormErrors;
}

/** One message of the case page's "Messages from the family", with its answer or the form to record one. */
export function familyMessageRow(caseId: string, message: FamilyMessageDto, mayAnswer: boolean, today: IsoDate, failed?: FailedAnswerForm) {
  const [year, month, day] = today.split('-');
  const own = failed?.messageId === message.id ? failed : undefined;
  return {
    id: message.id,
    from: `${message.from.name} (${RELATIONSHIP_LABELS[message.from.relationship] ?? message.from.relationship})`,
    sentAt: formatDateTime(message.sentAt),
    body: message.body,
    tag: answerTag(message),
    documents: message.documents.map((d) => ({ filename: d.filename, href: `/case/${caseId}/family-documents/${d.id}` })),
    answer: message.answer && {
      how: ANSWER_METHOD_LABELS[message.answer.method] ?? message.answer.method,
      on: formatDate(message.answer.answeredOn),
      by: message.answer.answeredBy,
      text: message.answer.text,
    },
    answerAction: mayAnswer && !message.answer ? `/case/${caseId}/family-messages/${message.id}/answer` : undefined,
    values: own?.values ?? { 'answeredOn-day': String(Number(day)), 'answeredOn-month': String(Number(month)), 'answeredOn-year': year },
    errors: own?.errors,
  };
}
