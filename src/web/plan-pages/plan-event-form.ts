import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { PLAN_EVENT_TYPES, type PlanEvent, type PlanEventType } from '../../../workflows/ehc-plan/index.js';
import { STRICT_VALIDATION } from '../../common/validation.js';
import { PLAN_EVENT_DTOS } from '../../plans/plan-event.dto.js';
import { dateInputValue } from '../format/dates.js';
import { type FieldError, fieldErrorsOf } from '../format/form-errors.js';

/** Fields of the plan's event forms that are GOV.UK date inputs (posted as `<name>-day`, `-month`, `-year`). */
export const PLAN_DATE_FIELDS = [
  'occurredOn', 'meetingOn', 'representationsWaivedOn', 'post16MoveOn', 'from', 'to', 'adviceRequestedOn', 'familyToldOn', 'revisedTarget', 'sentOn', 'noticeSentOn',
] as const;
const TEXT_FIELDS = [
  'decision', 'reasons', 'method', 'noticeMethod', 'namedSetting', 'nextPhase', 'phase', 'requestedBy', 'reason', 'toAuthority',
  'exception', 'note', 'evidence', 'impracticalBecause', 'notice', 'recipient', 'assigneeId',
] as const;
/** Radios and boxes whose value the API takes as a number: a SEN2 code, a trail place, a count of school years. */
const NUMBER_FIELDS = ['ceaseReason', 'exceptionSeq', 'yearGroupOffset'] as const;

/** Every field of the forms in the order they appear on the page: the error summary follows it. */
export const PLAN_FORM_FIELDS = [
  'meetingOn', 'decision', 'ceaseReason', 'reasons', 'requestedBy', 'namedSetting', 'phase', 'nextPhase', 'yearGroupOffset', 'post16MoveOn',
  'representationsWaivedOn', 'notice', 'sentOn', 'method', 'recipient', 'noticeSentOn', 'noticeMethod', 'exceptionSeq', 'exception', 'from', 'to',
  'adviceRequestedOn', 'revisedTarget', 'evidence', 'impracticalBecause', 'familyToldOn', 'note', 'reason', 'toAuthority', 'assigneeId', 'occurredOn',
] as const;

/** The page's words for what is wrong with each field; the rules are the API's own (PLAN_EVENT_DTOS). */
const FIELD_MESSAGES: Record<string, string> = {
  occurredOn: 'Enter the date it happened as a real date, for example 23 11 2026',
  meetingOn: 'Enter the date of the meeting as a real date',
  decision: 'Select the decision',
  ceaseReason: 'Select the reason the plan is to cease',
  reasons: 'Enter the reasons',
  requestedBy: 'Select who asked for the re-assessment',
  method: 'Select how it was sent',
  namedSetting: 'The setting’s name must be 300 characters or fewer',
  phase: 'Select the phase',
  nextPhase: 'Select the phase of the next school or college',
  yearGroupOffset: 'Enter a whole number of school years from -3 to 3, or leave it empty',
  post16MoveOn: 'Enter the date of the move as a real date, or leave it empty',
  representationsWaivedOn: 'Enter the date the family said they had nothing to add as a real date, or leave it empty',
  notice: 'Select which notice was sent',
  sentOn: 'Enter the date the notice was sent as a real date',
  recipient: 'Recipient must be 200 characters or fewer',
  'notice.sentOn': 'Enter the date the notice was sent as a real date, or leave both notice questions empty',
  'notice.method': 'Select how the notice was sent, or leave both notice questions empty',
  exception: 'Select the exception',
  exceptionSeq: 'Select the exception',
  from: 'Enter the date the exception started as a real date',
  to: 'Enter the date the exception ended as a real date, or leave it empty',
  adviceRequestedOn: 'Enter the date the head teacher’s advice was requested as a real date, or leave it empty',
  revisedTarget: 'Enter the revised target as a real date, or leave it empty',
  familyToldOn: 'Enter the date the family was told as a real date, or leave it empty',
  evidence: 'Evidence must be 5,000 characters or fewer',
  impracticalBecause: 'Why it made the limit impractical must be 5,000 characters or fewer',
  note: 'Note must be 5,000 characters or fewer',
  reason: 'Enter the reason',
  toAuthority: 'Enter the authority the plan was transferred to',
  assigneeId: 'Enter the caseworker’s email address',
};

const MESSAGES_BY_TYPE: Partial<Record<PlanEventType, Record<string, string>>> = {
  AMENDMENT_NOTICE_SENT: { method: 'Select how the proposed amendments were sent' },
  EXCEPTION_ENDED: { to: 'Enter the last day of the exception as a real date' },
  DECISION_NOT_TO_AMEND: { reasons: 'Enter the reasons the plan will not be amended' },
  CEASE_DECISION: { reasons: 'Enter the reasons the plan is to cease' },
};

const NOTICE_FIELDS: Record<string, string> = { noticeSentOn: 'sentOn', noticeMethod: 'method' };

const inPageOrder = (a: FieldError, b: FieldError) => PLAN_FORM_FIELDS.indexOf(a.field as never) - PLAN_FORM_FIELDS.indexOf(b.field as never);

export const isPlanEventType = (type: unknown): type is PlanEventType => typeof type === 'string' && (PLAN_EVENT_TYPES as readonly string[]).includes(type);

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** "2", "-1", "+1" and "−1" (a typographic minus) as numbers; anything else as typed, for the API's class to refuse. */
function whole(value: unknown): number | string | undefined {
  const typed = text(value)?.replace('−', '-');
  return typed !== undefined && /^[+-]?\d{1,9}$/.test(typed) ? Number(typed) : typed;
}

/** What the boxes say as the API's event: an empty box is an absent field, the notice questions are `notice`. */
function eventValues(body: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of PLAN_DATE_FIELDS) {
    const value = dateInputValue(body, field);
    if (value !== '' || field === 'occurredOn') values[field] = value;
  }
  for (const field of TEXT_FIELDS) values[field] = text(body[field]);
  for (const field of NUMBER_FIELDS) values[field] = whole(body[field]);
  const notice = Object.fromEntries(Object.entries(NOTICE_FIELDS).flatMap(([form, api]) => (values[form] === undefined ? [] : [[api, values[form]]])));
  for (const form of Object.keys(NOTICE_FIELDS)) delete values[form];
  if (Object.keys(notice).length > 0) values.notice = notice;
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

/** `notice.sentOn` is posted as `noticeSentOn`. */
function formField(field: string): string {
  const form = Object.entries(NOTICE_FIELDS).find(([, api]) => field === `notice.${api}`);
  return form ? form[0] : field;
}

/**
 * The event a plan page form describes, checked by the same classes as POST /api/plans/:id/events,
 * or what is wrong with it in the page's words.
 */
export function planEventFromForm(type: PlanEventType, body: Record<string, unknown>): { event?: PlanEvent; errors: FieldError[] } {
  // The API's class for this type refuses fields it does not take: keep only its own.
  const dto = plainToInstance(PLAN_EVENT_DTOS[type], { ...eventValues(body), type });
  const problems = validateSync(dto, { ...STRICT_VALIDATION, forbidNonWhitelisted: false });
  if (problems.length > 0) {
    const messages = { ...FIELD_MESSAGES, ...MESSAGES_BY_TYPE[type] };
    const errors = fieldErrorsOf(problems).map(({ field }) => ({ field: formField(field), message: messages[field] ?? `Check ${field}` }));
    return { errors: errors.sort(inPageOrder) };
  }
  return { event: { ...dto } as unknown as PlanEvent, errors: [] };
}
