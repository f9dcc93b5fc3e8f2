import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DISPUTE_EVENT_TYPES, type DisputeEvent, type DisputeEventType } from '../../../workflows/ehc-dispute/index.js';
import { STRICT_VALIDATION } from '../../common/validation.js';
import { DISPUTE_EVENT_DTOS } from '../../disputes/dispute-event.dto.js';
import { dateInputValue } from '../format/dates.js';
import { type FieldError, fieldErrorsOf } from '../format/form-errors.js';

/** Fields of the dispute's event forms that are GOV.UK date inputs (posted as `<name>-day`, `-month`, `-year`). */
export const DISPUTE_DATE_FIELDS = ['registeredOn', 'from', 'to', 'adviceRequestedOn', 'familyToldOn', 'revisedTarget', 'occurredOn'] as const;
const TEXT_FIELDS = ['outcome', 'step', 'method', 'decision', 'tribunalReference', 'terms', 'reason', 'assigneeId', 'exception', 'note', 'evidence', 'impracticalBecause'] as const;
/** The mediation agreement's two questions, posted flat and sent as `agreement`. */
const AGREEMENT_FIELDS: Record<string, string> = { agreementAction: 'action', agreementTerms: 'terms', agreementDueOn: 'agreedDueOn' };

/** Every field of the forms in the order they appear on the page: the error summary follows it. */
export const DISPUTE_FORM_FIELDS = [
  'healthMatters', 'agreementAction', 'agreementTerms', 'agreementDueOn', 'tribunalReference', 'registeredOn', 'outcome', 'actions', 'step', 'decision', 'method', 'exception',
  'exceptionSeq', 'from', 'to', 'adviceRequestedOn', 'evidence', 'impracticalBecause', 'familyToldOn', 'note', 'revisedTarget', 'terms', 'reason', 'assigneeId', 'occurredOn',
] as const;

/** The page's words for what is wrong with each field; the rules are the API's own (DISPUTE_EVENT_DTOS). */
const FIELD_MESSAGES: Record<string, string> = {
  occurredOn: 'Enter the date it happened as a real date, for example 23 11 2026',
  registeredOn: 'Enter the date the Tribunal registered the appeal as a real date, or leave it empty',
  healthMatters: 'Select whether health matters are to be mediated',
  'agreement.action': 'Select what the agreement asks of the authority, or leave both agreement questions empty',
  'agreement.terms': 'Enter what the authority agreed to do, or leave both agreement questions empty',
  'agreement.agreedDueOn': 'Enter the date agreed in writing as a real date on or after the agreement, or leave it empty',
  tribunalReference: 'The Tribunal’s reference must be 200 characters or fewer',
  outcome: 'Select the Tribunal’s decision',
  actions: 'Select what the authority will do',
  step: 'Select the step of the order',
  decision: 'Select whether the authority decided to issue a plan',
  method: 'Select how the notice was sent',
  exception: 'Select the exception',
  exceptionSeq: 'Select the exception',
  revisedTarget: 'Enter the revised target as a real date, or leave it empty',
  from: 'Enter the date the exception started as a real date',
  to: 'Enter the date the exception ended as a real date, or leave it empty',
  adviceRequestedOn: 'Enter the date the head teacher’s advice was requested as a real date, or leave it empty',
  familyToldOn: 'Enter the date the family was told as a real date, or leave it empty',
  evidence: 'Evidence must be 5,000 characters or fewer',
  impracticalBecause: 'Why it made the limit impractical must be 5,000 characters or fewer',
  note: 'Note must be 5,000 characters or fewer',
  terms: 'Enter what was agreed',
  reason: 'Reason must be 5,000 characters or fewer',
  assigneeId: 'Enter the caseworker’s email address',
};

const MESSAGES_BY_TYPE: Partial<Record<DisputeEventType, Record<string, string>>> = {
  EXCEPTION_ENDED: { to: 'Enter the last day of the exception as a real date' },
  SETTLED: { terms: 'Enter what the parties agreed, or how the authority changed its decision' },
};

const inPageOrder = (a: FieldError, b: FieldError) => DISPUTE_FORM_FIELDS.indexOf(a.field as never) - DISPUTE_FORM_FIELDS.indexOf(b.field as never);

export const isDisputeEventType = (type: unknown): type is DisputeEventType => typeof type === 'string' && (DISPUTE_EVENT_TYPES as readonly string[]).includes(type);

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** Checkboxes post one value as a string and several as an array; none at all is absent. */
const ticked = (value: unknown): string[] => [value ?? []].flat().filter((item): item is string => typeof item === 'string' && item !== '');

/** "Yes" and "No" radios as the API's boolean; anything else as typed, for the API's class to refuse. */
const yesNo = (value: unknown): boolean | string | undefined => (value === 'yes' ? true : value === 'no' ? false : text(value));

/** What the boxes say as the API's event: an empty box is an absent field, the agreement questions are `agreement`. */
function eventValues(body: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of DISPUTE_DATE_FIELDS) {
    const value = dateInputValue(body, field);
    if (value !== '' || field === 'occurredOn') values[field] = value;
  }
  for (const field of TEXT_FIELDS) values[field] = text(body[field]);
  values.healthMatters = yesNo(body.healthMatters);
  // The exception's place in the trail, as a number; anything else as typed, for the API's class to refuse.
  values.exceptionSeq = /^\d{1,9}$/.test(text(body.exceptionSeq) ?? '') ? Number(body.exceptionSeq) : text(body.exceptionSeq);
  // A concession names at least one action (the class says so); a Tribunal's order may name none.
  if (body.actions !== undefined || body.type === 'APPEAL_CONCEDED') values.actions = ticked(body.actions);
  const agreement = Object.fromEntries(Object.entries(AGREEMENT_FIELDS).flatMap(([form, api]) => (text(body[form]) === undefined ? [] : [[api, text(body[form])]])));
  // Reg 42(5): a timescale the parties agreed in writing, a date input like the others.
  const agreedDueOn = dateInputValue(body, 'agreementDueOn');
  if (agreedDueOn !== '') agreement.agreedDueOn = agreedDueOn;
  if (Object.keys(agreement).length > 0) values.agreement = agreement;
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

/** `agreement.action` is posted as `agreementAction`. */
function formField(field: string): string {
  const form = Object.entries(AGREEMENT_FIELDS).find(([, api]) => field === `agreement.${api}`);
  return form ? form[0] : field.replace(/\.\d+$/, '');
}

/**
 * The event a dispute page form describes, checked by the same classes as POST /api/disputes/:id/events,
 * or what is wrong with it in the page's words.
 */
export function disputeEventFromForm(type: DisputeEventType, body: Record<string, unknown>): { event?: DisputeEvent; errors: FieldError[] } {
  // The API's class for this type refuses fields it does not take: keep only its own.
  const dto = plainToInstance(DISPUTE_EVENT_DTOS[type], { ...eventValues(body), type });
  const problems = validateSync(dto, { ...STRICT_VALIDATION, forbidNonWhitelisted: false });
  if (problems.length > 0) {
    const messages = { ...FIELD_MESSAGES, ...MESSAGES_BY_TYPE[type] };
    const errors = fieldErrorsOf(problems).map(({ field }) => ({ field: formField(field), message: messages[field] ?? messages[formField(field)] ?? `Check ${field}` }));
    return { errors: errors.sort(inPageOrder) };
  }
  return { event: instanceToEvent(dto), errors: [] };
}

/** The validated class as the plain event the service takes (the agreement nested as a plain object too). */
function instanceToEvent(dto: object): DisputeEvent {
  const event = { ...dto } as Record<string, unknown>;
  if (event.agreement) event.agreement = { ...(event.agreement as object) };
  return event as unknown as DisputeEvent;
}
