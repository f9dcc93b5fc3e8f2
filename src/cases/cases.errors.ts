import { DomainError } from '../common/domain-error.js';
import type { CaseEventType, CaseStatus } from '../../workflows/ehc-needs-assessment/index.js';

export class CaseVersionConflictError extends DomainError {
  constructor(expected: number, actual: number) {
    super(
      'CASE_VERSION_CONFLICT',
      `The case has changed since you loaded it (you sent version ${expected}; it is now at version ${actual}). Reload the case and try again.`,
      { currentVersion: actual },
    );
  }
}

export class CaseTransitionRefusedError extends DomainError {
  constructor(code: 'CASE_TRANSITION_NOT_ALLOWED' | 'CASE_EVENT_REFUSED', message: string, status: CaseStatus, allowedEvents: CaseEventType[]) {
    super(code, message, { status, allowedEvents });
  }
}

export class CaseMigrationRefusedError extends DomainError {
  constructor(message: string) {
    super('CASE_MIGRATION_REFUSED', message);
  }
}

/** A correction that names an event it cannot supersede, or would leave a history the rules refuse. */
export class CaseCorrectionRefusedError extends DomainError {
  constructor(message: string) {
    super('CASE_CORRECTION_REFUSED', message);
  }
}
