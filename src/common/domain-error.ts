/**
 * Errors the services raise, each with a stable code. Services never throw HTTP
 * exceptions: the one filter in http-error.filter.ts maps codes to status codes.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  NOT_FOUND: 404,
  CASE_VERSION_CONFLICT: 409,
  CASE_TRANSITION_NOT_ALLOWED: 422,
  CASE_EVENT_REFUSED: 422,
  CASE_MIGRATION_REFUSED: 422,
  CASE_CORRECTION_REFUSED: 422,
  PLAN_VERSION_CONFLICT: 409,
  PLAN_TRANSITION_NOT_ALLOWED: 422,
  PLAN_EVENT_REFUSED: 422,
  PLAN_ALREADY_MAINTAINED: 409,
  PLAN_MIGRATION_REFUSED: 422,
  PLAN_CORRECTION_REFUSED: 422,
  DISPUTE_VERSION_CONFLICT: 409,
  CHILD_VERSION_CONFLICT: 409,
  PLAN_SEN2_VERSION_CONFLICT: 409,
  PLACEMENT_ALREADY_OPEN: 409,
  PLACEMENT_ALREADY_LEFT: 409,
  DISPUTE_TRANSITION_NOT_ALLOWED: 422,
  DISPUTE_EVENT_REFUSED: 422,
  DISPUTE_ALREADY_OPEN: 409,
  DISPUTE_REFUSED: 422,
  DISPUTE_MIGRATION_REFUSED: 422,
  DISPUTE_CORRECTION_REFUSED: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  FORM_EXPIRED: 403,
  PASSWORD_CHANGE_REFUSED: 422,
  PASSWORD_CHANGE_REQUIRED: 403,
  ACCOUNT_EMAIL_TAKEN: 409,
  ACCOUNT_CHANGE_REFUSED: 422,
  SINGLE_SIGN_ON_UNAVAILABLE: 404,
  RATE_LIMITED: 429,
  IDENTITY_PROVIDER_UNREACHABLE: 502,
  PANEL_REQUEST_REFUSED: 422,
  PANEL_NOT_QUORATE: 422,
  PANEL_DECISION_ALREADY_RECORDED: 409,
  PANEL_RECORDER_NOT_ENTITLED: 403,
  RETENTION_DELETION_REFUSED: 422,
  IMPORT_CONFLICT: 409,
  NOTICE_NOT_AVAILABLE: 422,
  NOTICE_DETAILS_NOT_SET: 409,
  NOTICE_EMAIL_NOT_CONFIGURED: 409,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super('NOT_FOUND', `No ${what} with id ${id} exists.`);
  }
}

export class ValidationFailedError extends DomainError {
  constructor(message: string) {
    super('VALIDATION_FAILED', message);
  }
}
