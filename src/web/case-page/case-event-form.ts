import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { EVENT_TYPES, type CaseEvent, type CaseEventType } from '../../../workflows/ehc-needs-assessment/index.js';
import { EVENT_DTOS } from '../../cases/case-event.dto.js';
import { STRICT_VALIDATION } from '../../common/validation.js';
import { dateInputValue } from '../format/dates.js';
import { type FieldError, fieldErrorsOf } from '../format/form-errors.js';

/** Fields of the event forms that are GOV.UK date inputs (posted as `<name>-day`, `-month`, `-year`). */
export const DATE_FIELDS = ['occurredOn', 'from', 'to', 'representationsWaivedOn'] as const;
const TEXT_FIELDS = ['decision', 'reasons', 'contributor', 'exception', 'note', 'reason', 'assigneeId', 'placement'] as const;
const CONTACT_FIELDS = { contactName: 'name', contactEmail: 'email', contactOrganisation: 'organisation' } as const;

/** The page's words for what is wrong with each field; the rules are the API's own (EVENT_DTOS). */
const FIELD_MESSAGES: Record<string, string> = {
  occurredOn: 'Enter the date it happened as a real date, for example 23 11 2026',
  decision: 'Select the decision',
  reasons: 'Reasons must be 5,000 characters or fewer',
  contributor: 'Select who the advice is from',
  'contact.name': 'Name must be 200 characters or fewer',
  'contact.email': 'Enter an email address in the correct format, like name@example.com',
  'contact.organisation': 'Organisation must be 200 characters or fewer',
  exception: 'Select the exception',
  from: 'Enter the date the exception started as a real date',
  to: 'Enter the date the exception ended as a real date, or leave it empty',
  note: 'Note must be 5,000 characters or fewer',
  reason: 'Enter why the request was withdrawn',
  assigneeId: 'Enter the caseworker’s email address',
  placement: 'Placement must be 300 characters or fewer',
  representationsWaivedOn: 'Enter the date the family said they had nothing to add as a real date, or leave it empty',
};

/** Every field of the event forms in the order they appear on the page: the error summary follows it. */
export const FORM_FIELDS = [
  'decision',
  'reasons',
  'contributor',
  'contactName',
  'contactOrganisation',
  'contactEmail',
  'placement',
  'representationsWaivedOn',
  'exception',
  'from',
  'to',
  'note',
  'reason',
  'assigneeId',
  'occurredOn',
] as const;

const inPageOrder = (a: FieldError, b: FieldError) => FORM_FIELDS.indexOf(a.field as never) - FORM_FIELDS.indexOf(b.field as never);

export const isEventType = (type: unknown): type is CaseEventType => typeof type === 'string' && (EVENT_TYPES as readonly string[]).includes(type);

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/**
 * The event a case page form describes, checked by the same classes as POST /api/cases/:id/events,
 * or what is wrong with it in the page's words. An empty box is an absent field.
 */
export function eventFromForm(type: CaseEventType, body: Record<string, unknown>): { event?: CaseEvent; errors: FieldError[] } {
  const event: Record<string, unknown> = { type };
  for (const field of DATE_FIELDS) {
    const value = dateInputValue(body, field);
    if (value !== '' || field === 'occurredOn') event[field] = value;
  }
  for (const field of TEXT_FIELDS) event[field] = text(body[field]);
  const contact = Object.fromEntries(Object.entries(CONTACT_FIELDS).flatMap(([form, name]) => (text(body[form]) ? [[name, text(body[form])]] : [])));
  if (Object.keys(contact).length > 0) event.contact = contact;
  const present = Object.fromEntries(Object.entries(event).filter(([, value]) => value !== undefined));
  // The API's class for this type refuses fields it does not take: keep only its own.
  const dto = plainToInstance(EVENT_DTOS[type], present);
  const problems = validateSync(dto, { ...STRICT_VALIDATION, forbidNonWhitelisted: false });
  if (problems.length > 0) {
    const errors = fieldErrorsOf(problems).map(({ field }) => ({ field: formField(field), message: FIELD_MESSAGES[field] ?? `Check ${field}` }));
    return { errors: errors.sort(inPageOrder) };
  }
  return { event: { ...dto } as unknown as CaseEvent, errors: [] };
}

/** `contact.email` is posted as `contactEmail`. */
function formField(field: string): string {
  const contact = Object.entries(CONTACT_FIELDS).find(([, name]) => field === `contact.${name}`);
  return contact ? contact[0] : field;
}
