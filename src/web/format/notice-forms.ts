/**
 * The notices section of the case and plan pages: each notice the record can have now, with its
 * preview and send form, and every notice sent. `basePath` is the page's (`/case/:id`, `/plan/:id`).
 */
import { SENDING_METHODS, type SendingMethod, type SentNoticeView } from '../../notices/sent-notices.js';
import type { SendNoticeRequest } from '../../notices/notice-sending.js';
import { dateInputValue, formatDate, formatDateTime } from './dates.js';
import type { FieldError, FormErrors } from './form-errors.js';
import { SERVICE_METHOD_LABELS } from './labels.js';

/** The send form of one notice, sent back with what was typed and what was wrong. */
export interface FailedNoticeForm {
  notice: string;
  values: Record<string, unknown>;
  errors: FormErrors;
}

const DELIVERY_STATUS: Record<string, { text: string; tagClass: string }> = {
  pending: { text: 'Sending', tagClass: 'govuk-tag--blue' },
  sent: { text: 'Emailed', tagClass: 'govuk-tag--green' },
  failed: { text: 'Email failed', tagClass: 'govuk-tag--red' },
};

const noticePath = (basePath: string, notice: string) => `${basePath}/notices/${notice}`;

/** Each notice the record can have now: its preview (HTML and PDF) and, for those who may send, its send form. */
export function noticeForms<N extends string>(basePath: string, notices: N[], labels: Record<N, string>, failed?: FailedNoticeForm) {
  return notices.map((notice) => {
    const refused = failed?.notice === notice;
    return {
      notice,
      title: labels[notice],
      previewHref: noticePath(basePath, notice),
      pdfHref: `${noticePath(basePath, notice)}?format=pdf`,
      action: `${noticePath(basePath, notice)}/send`,
      open: refused,
      values: refused ? failed.values : {},
      errors: refused ? failed.errors : undefined,
    };
  });
}

/** The notices sent, each version with its kept copy and the state of its email. */
export function sentNoticeRows(basePath: string, sent: SentNoticeView[], labels: Record<string, string>) {
  return sent.map((row) => {
    const kept = `${noticePath(basePath, row.notice)}/versions/${row.version}`;
    const delivery = row.deliveries[0];
    return {
      title: `${labels[row.notice]} (version ${row.version})`,
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
