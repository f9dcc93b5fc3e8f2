import type { NoticeName } from '../../../workflows/ehc-needs-assessment/index.js';
import { SENDING_METHODS, type SendingMethod, type SentNoticeView } from '../../notices/sent-notices.js';
import type { SendNoticeRequest } from '../../notices/notices.service.js';
import { dateInputValue, formatDate, formatDateTime } from '../format/dates.js';
import type { FieldError, FormErrors } from '../format/form-errors.js';
import { NOTICE_LABELS, SERVICE_METHOD_LABELS } from '../format/labels.js';

/** The send form of one notice, sent back with what was typed and what was wrong. */
export interface FailedNoticeForm {
  notice: NoticeName;
  values: Record<string, unknown>;
  errors: FormErrors;
}

const DELIVERY_STATUS: Record<string, { text: string; tagClass: string }> = {
  pending: { text: 'Sending', tagClass: 'govuk-tag--blue' },
  sent: { text: 'Emailed', tagClass: 'govuk-tag--green' },
  failed: { text: 'Email failed', tagClass: 'govuk-tag--red' },
};

const noticePath = (caseId: string, notice: NoticeName) => `/case/${caseId}/notices/${notice}`;

/** Each notice the case can have now: its preview (HTML and PDF) and, for those who may send, its send form. */
export function noticeForms(caseId: string, notices: NoticeName[], failed?: FailedNoticeForm) {
  return notices.map((notice) => {
    const refused = failed?.notice === notice;
    return {
      notice,
      title: NOTICE_LABELS[notice],
      previewHref: noticePath(caseId, notice),
      pdfHref: `${noticePath(caseId, notice)}?format=pdf`,
      action: `${noticePath(caseId, notice)}/send`,
      open: refused,
      values: refused ? failed.values : {},
      errors: refused ? failed.errors : undefined,
    };
  });
}

/** The notices sent, each version with its kept copy and the state of its email. */
export function sentNoticeRows(caseId: string, sent: SentNoticeView[]) {
  return sent.map((row) => {
    const kept = `${noticePath(caseId, row.notice)}/versions/${row.version}`;
    const delivery = row.deliveries[0];
    return {
      title: `${NOTICE_LABELS[row.notice]} (version ${row.version})`,
      sentOn: formatDate(row.sentOn),
      servedOn: formatDate(row.servedOn),
      how: SERVICE_METHOD_LABELS[row.method],
      to: [row.recipient, row.sentTo].filter(Boolean).join(': '),
      sentBy: `${formatDateTime(row.sentAt)} by ${row.sentBy}`,
      status: delivery ? DELIVERY_STATUS[delivery.status] : undefined,
      lastError: delivery?.status === 'failed' ? delivery.lastError : undefined,
      htmlHref: kept,
      pdfHref: `${kept}?format=pdf`,
    };
  });
}

/** The send form as the service takes it, or what is wrong with it (each on its field). */
export function sendRequestFromForm(body: Record<string, unknown>): { request?: SendNoticeRequest; errors: FieldError[] } {
  const method = body.method;
  if (typeof method !== 'string' || !(SENDING_METHODS as readonly string[]).includes(method)) {
    return { errors: [{ field: 'method', message: 'Select how the notice goes' }] };
  }
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
  const recipient = text('recipient');
  const request: SendNoticeRequest = { method: method as SendingMethod, ...(recipient && { recipient }) };
  if (method === 'email') return text('email') ? { request: { ...request, to: text('email') }, errors: [] } : { errors: [{ field: 'email', message: 'Enter the email address the notice goes to' }] };
  const sentOn = dateInputValue(body, 'sentOn');
  if (sentOn && !/^\d{4}-\d{2}-\d{2}$/.test(sentOn)) return { errors: [{ field: 'sentOn', message: 'Enter the day it was posted or handed over as a real date, or leave it empty for today' }] };
  const addressee = text('addressee');
  return { request: { ...request, ...(addressee && { to: addressee }), ...(sentOn && { sentOn }) }, errors: [] };
}
