import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { EVENT_TYPES, type CaseEvent, type CaseEventType } from '../../../workflows/ehc-needs-assessment/index.js';
import { EVENT_DTOS } from '../../cases/case-event.dto.js';
import { STRICT_VALIDATION } from '../../common/validation.js';
import { dateInputValue } from '../format/dates.js';
import { type FieldError, fieldErrorsOf } from '../format/form-errors.js';

/** Fields of the event forms that are GOV.UK date inputs (posted as `<name>-day`, `-month`, `-year`). */
export const DATE_FIELDS = ['occurredOn', 'from', 'to', 'representationsWaivedOn', 'revisedTarget', 'familyToldOn', 'sentOn', 'noticeSentOn'] as const;
const TEXT_FIELDS = [
  'decision',
  'reasons',
  'contributor',
  'request',
  'body',
  'method',
  'contactName',
  'contactEmail',
  'contactOrganisation',
  'noticeMethod',
  'exception',
  'note',
  'evidence',
  'impracticalBecause',
  'reason',
  'assigneeId',
  'placement',
  'notice',
  'recipient',
] as const;
/** Form fields posted flat that the API takes as one object: `contactEmail` is `contact.email`. */
const NESTED_FIELDS: Record<string, Record<string, string>> = {
  contact: { contactName: 'name', contactEmail: 'email', contactOrganisation: 'organisation' },
  notice: { noticeSentOn: 'sentOn', noticeMethod: 'method' },
};

/** The page's words for what is wrong with each field; the rules are the API's own (EVENT_DTOS). */
const FIELD_MESSAGES: Record<string, string> = {
  occurredOn: 'Enter the date it happened as a real date, for example 23 11 2026',
  decision: 'Select the decision',
  reasons: 'Reasons must be 5,000 characters or fewer',
  contributor: 'Select who the advice is from',
  request: 'Select the advice that was received',
  body: 'Body asked must be 200 characters or fewer',
  method: 'Select how it was sent',
  'contact.name': 'Name must be 200 characters or fewer',
  'contact.email': 'Enter an email address in the correct format, like name@example.com',
  'contact.organisation': 'Organisation must be 200 characters or fewer',
  notice: 'Select which notice was sent',
  sentOn: 'Enter the date the notice was sent as a real date',
  recipient: 'Recipient must be 200 characters or fewer',
  'notice.sentOn': 'Enter the date the notice was sent as a real date, or leave both notice questions empty',
  'notice.method': 'Select how the notice was sent, or leave both notice questions empty',
  exception: 'Select the exception',
  limits: 'Select the limits it is claimed against, or none',
  exceptionSeq: 'Select the exception',
  from: 'Enter the date the exception started as a real date',
  to: 'Enter the date the exception ended as a real date, or leave it empty',
  revisedTarget: 'Enter the revised target as a real date, or leave it empty',
  evidence: 'Evidence must be 5,000 characters or fewer',
  impracticalBecause: 'Why it made the limit impractical must be 5,000 characters or fewer',
  familyToldOn: 'Enter the date the family was told as a real date, or leave it empty',
  note: 'Note must be 5,000 characters or fewer',
  reason: 'Enter why the request was withdrawn',
  assigneeId: 'Enter the caseworker’s email address',
  placement: 'Placement must be 300 characters or fewer',
  representationsWaivedOn: 'Enter the date the family said they had nothing to add as a real date, or leave it empty',
};

/** The messages that differ by form: an exception's end is required when ending it. */
const MESSAGES_BY_TYPE: Partial<Record<CaseEventType, Record<string, string>>> = {
  EXCEPTION_ENDED: { to: 'Enter the last day of the exception as a real date' },
};

/** Every field of the event forms in the order they appear on the page: the error summary follows it. */
export const FORM_FIELDS = [
  'decision',
  'reasons',
  'contributor',
  'request',
  'body',
  'contactName',
  'contactOrganisation',
  'contactEmail',
  'notice',
  'sentOn',
  'method',
  'recipient',
  'placement',
  'representationsWaivedOn',
  'noticeSentOn',
  'noticeMethod',
  'exceptionSeq',
  'exception',
  'limits',
  'from',
  'to',
  'revisedTarget',
  'evidence',
  'impracticalBecause',
  'familyToldOn',
  'note',
  'reason',
  'assigneeId',
  'occurredOn',
] as const;

const inPageOrder = (a: FieldError, b: FieldError) => FORM_FIELDS.indexOf(a.field as never) - FORM_FIELDS.indexOf(b.field as never);

export const isEventType = (type: unknown): type is CaseEventType => typeof type === 'string' && (EVENT_TYPES as readonly string[]).includes(type);

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** A radio's value is text; the API counts exceptions by their trail seq. */
function whole(value: unknown): number | string | undefined {
  const typed = text(value);
  return typed !== undefined && /^\d{1,9}$/.test(typed) ? Number(typed) : typed;
}

/** Checkboxes post one value, several, or none: no box ticked is no claim of limits at all. */
function ticked(value: unknown): string[] | undefined {
  const boxes = (Array.isArray(value) ? value : [value]).map(text).filter((box): box is string => box !== undefined);
  return boxes.length > 0 ? boxes : undefined;
}

/** `advice.health.2` → `health`: the advice deadline a request radio names carries its contributor. */
const contributorOfRequest = (request: string | undefined): string | undefined => (request ? /^advice\.([a-z_]+)(?:\.\d+)?$/.exec(request)?.[1] : undefined);

/** What the form's boxes say, flat: an empty box is an absent field; a date input is `YYYY-MM-DD` when real. */
function formValues(body: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of DATE_FIELDS) {
    const value = dateInputValue(body, field);
    if (value !== '' || field === 'occurredOn') values[field] = value;
  }
  for (const field of TEXT_FIELDS) values[field] = text(body[field]);
  values.exceptionSeq = whole(body.exceptionSeq);
  values.limits = ticked(body.limits);
  values.contributor ??= contributorOfRequest(values.request as string | undefined);
  return values;
}

/** The flat values as the API's event: `contactEmail` into `contact.email`, `noticeSentOn` into `notice.sentOn`. */
function nested(values: Record<string, unknown>): Record<string, unknown> {
  const event = { ...values };
  for (const [name, fields] of Object.entries(NESTED_FIELDS)) {
    const inner = Object.fromEntries(Object.entries(fields).flatMap(([form, api]) => (values[form] === undefined ? [] : [[api, values[form]]])));
    for (const form of Object.keys(fields)) delete event[form];
    if (Object.keys(inner).length > 0) event[name] = inner;
  }
  return Object.fromEntries(Object.entries(event).filter(([, value]) => value !== undefined));
}

/**
 * The event a case page form describes, checked by the same classes as POST /api/cases/:id/events,
 * or what is wrong with it in the page's words.
 */
export function eventFromForm(type: CaseEventType, body: Record<string, unknown>): { event?: CaseEvent; errors: FieldError[] } {
  // The API's class for this type refuses fields it does not take: keep only its own.
  const dto = plainToInstance(EVENT_DTOS[type], { ...nested(formValues(body)), type });
  const problems = validateSync(dto, { ...STRICT_VALIDATION, forbidNonWhitelisted: false });
  if (problems.length > 0) {
    const messages = { ...FIELD_MESSAGES, ...MESSAGES_BY_TYPE[type] };
    const errors = fieldErrorsOf(problems).map(({ field }) => ({ field: formField(field), message: messages[field] ?? `Check ${field}` }));
    return { errors: errors.sort(inPageOrder) };
  }
  return { event: { ...dto } as unknown as CaseEvent, errors: [] };
}

/** `contact.email` is posted as `contactEmail`, `notice.sentOn` as `noticeSentOn`. */
function formField(field: string): string {
  for (const [name, fields] of Object.entries(NESTED_FIELDS)) {
    const form = Object.entries(fields).find(([, api]) => field === `${name}.${api}`);
    if (form) return form[0];
  }
  return field;
}
