/**
 * The notices section of the case and plan pages: each notice the record can have now, with its
 * preview and send form, and every notice sent. `basePath` is the page's (`/case/:id`, `/plan/:id`).
 */
import { rolesGrant } from '../../auth/permissions.js';
import { DomainError, ERROR_STATUS } from '../../common/domain-error.js';
import { SENDING_METHODS, type SendingMethod, type SentNoticeView } from '../../notices/sent-notices.js';
import type { SendNoticeRequest } from '../../notices/notice-sending.js';
import { dateInputValue, formatDate, formatDateTime } from './dates.js';
import { type FieldError, fieldErrorOfRefusal, formErrors, type FormErrors } from './form-errors.js';
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

interface NoticesSectionInput<N extends string> {
  basePath: string;
  noun: 'case' | 'plan';
  /** The send form's hint for who a notice is for. */
  recipientHint: string;
  detailsSet: boolean;
  roles: readonly string[];
  /** The notices of the steps the record has taken. */
  available: N[];
  labels: Record<N, string>;
  sent: SentNoticeView[];
  failed?: FailedNoticeForm;
}

/** What the page's notices section (partials/notices.njk) shows. */
export function noticesSection<N extends string>(input: NoticesSectionInput<N>) {
  return {
    noun: input.noun,
    recipientHint: input.recipientHint,
    detailsSet: input.detailsSet,
    mayManageDetails: rolesGrant(input.roles, 'notices:settings'),
    maySend: rolesGrant(input.roles, 'cases:write'),
    available: noticeForms(input.basePath, input.available, input.labels, input.failed),
    sent: sentNoticeRows(input.basePath, input.sent, input.labels as Record<string, string>),
  };
}

/** Where the send form's error summary links to. */
export function noticeAnchors(notice: string): Record<string, string> {
  return { method: `${notice}-method`, email: `${notice}-email`, addressee: `${notice}-addressee`, sentOn: `${notice}-sentOn-day`, recipient: `${notice}-recipient`, form: `send-${notice}` };
}

/** The send's refusals of a field, named first in the service's message, in the words of the form's labels. */
const SEND_REFUSALS: Record<string, FieldError> = {
  to: { field: 'email', message: 'Enter an email address in the correct format, like name@example.com' },
  sentOn: { field: 'sentOn', message: 'The day it was posted or handed over must be today or earlier' },
};

/**
 * The send's refusals as the page shows them: a wrong address or date on its field, the notices'
 * own on the form, and the process's (a stale version, a refused NOTICE_SENT) as its page words them.
 */
export function noticeRefusalOf(error: unknown, processRefusal: (error: unknown) => { status: number; problem: FieldError } | undefined): { status: number; problem: FieldError } | undefined {
  if (!(error instanceof DomainError)) return undefined;
  if (error.code === 'VALIDATION_FAILED') return { status: 400, problem: fieldErrorOfRefusal(error, SEND_REFUSALS, 'form') };
  if (['NOTICE_NOT_AVAILABLE', 'NOTICE_DETAILS_NOT_SET', 'NOTICE_EMAIL_NOT_CONFIGURED'].includes(error.code)) return { status: ERROR_STATUS[error.code], problem: { field: 'form', message: error.message } };
  return processRefusal(error);
}

type Refusal = { status: number; problem: FieldError } | undefined;

interface NoticeFormSubmission {
  notice: string;
  body: Record<string, unknown>;
  /** Sends it with the record's version the form was shown with. */
  send: (request: SendNoticeRequest) => Promise<unknown>;
  /** The record's own refusals (a stale version, a refused NOTICE_SENT), as its page words them. */
  processRefusal: (error: unknown) => Refusal;
  /** Shows the page again with the form as typed and what was wrong. */
  showAgain: (status: number, failed: FailedNoticeForm) => Promise<void>;
}

/** A send form submitted from a case or plan page: sent, or shown again having sent nothing. Answers whether it was sent. */
export async function submitNoticeForm(submission: NoticeFormSubmission): Promise<boolean> {
  const { notice, body } = submission;
  const refuse = async (status: number, problems: FieldError[]) => {
    await submission.showAgain(status, { notice, values: body, errors: formErrors(problems, noticeAnchors(notice)) });
    return false;
  };
  const { request, errors } = sendRequestFromForm(body);
  if (!request) return refuse(400, errors);
  try {
    await submission.send(request);
    return true;
  } catch (error) {
    const refusal = noticeRefusalOf(error, submission.processRefusal);
    if (!refusal) throw error;
    return refuse(refusal.status, [refusal.problem]);
  }
}
