import type { Response } from 'express';
import { DomainError, ERROR_STATUS, type ErrorCode } from '../../common/domain-error.js';
import { type FieldError, readForm } from '../format/form-errors.js';

/** Refusals a form shows beside its fields; anything else (not found, forbidden) is an error page. */
const SHOWN_ON_THE_FORM: readonly ErrorCode[] = [
  'VALIDATION_FAILED',
  'PANEL_REQUEST_REFUSED',
  'PANEL_NOT_QUORATE',
  'PANEL_DECISION_ALREADY_RECORDED',
  'PANEL_RECORDER_NOT_ENTITLED',
  'CASE_TRANSITION_NOT_ALLOWED',
  'CASE_EVENT_REFUSED',
];

export interface FormSubmission<T> {
  form: new () => T;
  body: unknown;
  /** Saves through the service the API uses, and returns where to send the browser. */
  save(value: T): Promise<string>;
  /** The form field a service's refusal concerns, in the words of the form. */
  refusalField(error: DomainError): FieldError;
  /** Shows the page again with the answers as given and the problems; nothing was saved. */
  refuse(status: number, problems: FieldError[]): Promise<void>;
}

/**
 * Post, then redirect: a valid form the service accepts sends the browser on with a 303, so a
 * reload does not post it twice; bad input or a refusal shows the form again with the status
 * the API would give (400, 409, 422).
 */
export async function submitForm<T extends object>(res: Response, submission: FormSubmission<T>): Promise<void> {
  const { value, errors } = readForm(submission.form, submission.body);
  if (errors.length > 0) return submission.refuse(400, errors);
  let location: string;
  try {
    location = await submission.save(value);
  } catch (error) {
    if (!(error instanceof DomainError) || !SHOWN_ON_THE_FORM.includes(error.code)) throw error;
    return submission.refuse(ERROR_STATUS[error.code], [submission.refusalField(error)]);
  }
  res.redirect(303, location);
}
