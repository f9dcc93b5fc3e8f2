import { DomainError } from '../common/domain-error.js';
import type { IdentityField } from './child-store.js';

export class ChildVersionConflictError extends DomainError {
  constructor(expected: number, actual: number) {
    super(
      'CHILD_VERSION_CONFLICT',
      `The child record has changed since you loaded it (you sent version ${expected}; it is now at version ${actual}). Reload it and try again.`,
      { currentVersion: actual },
    );
  }
}

/** Identity items SEN2 could not return: `400`, one reason per field, nothing stored. */
export class ChildIdentityRefusedError extends DomainError {
  constructor(readonly fields: Partial<Record<IdentityField, string>>) {
    super('VALIDATION_FAILED', Object.entries(fields).map(([field, reason]) => `${field}: ${reason}`).join(' '), { fields });
  }
}
