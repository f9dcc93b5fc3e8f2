import { DomainError } from '../common/domain-error.js';
import type { DisputeEventType, DisputeStatus } from '../../workflows/ehc-dispute/index.js';

export class DisputeVersionConflictError extends DomainError {
  constructor(expected: number, actual: number) {
    super(
      'DISPUTE_VERSION_CONFLICT',
      `The dispute has changed since you loaded it (you sent version ${expected}; it is now at version ${actual}). Reload the dispute and try again.`,
      { currentVersion: actual },
    );
  }
}

export class DisputeTransitionRefusedError extends DomainError {
  constructor(code: 'DISPUTE_TRANSITION_NOT_ALLOWED' | 'DISPUTE_EVENT_REFUSED', message: string, status: DisputeStatus, allowedEvents: DisputeEventType[]) {
    super(code, message, { status, allowedEvents });
  }
}

/** One open dispute of a decision per case or plan: a second is refused, naming the first. */
export class DisputeAlreadyOpenError extends DomainError {
  constructor(reference: string, disputeId: string) {
    super('DISPUTE_ALREADY_OPEN', `A dispute of this decision is already open (${reference}). Record its steps on that dispute instead.`, { disputeId, reference });
  }
}

/** A dispute that cannot start: the decision was not made, or the notice dates cannot be. */
export class DisputeRefusedError extends DomainError {
  constructor(message: string) {
    super('DISPUTE_REFUSED', message);
  }
}

export class DisputeMigrationRefusedError extends DomainError {
  constructor(message: string) {
    super('DISPUTE_MIGRATION_REFUSED', message);
  }
}

/** A correction that names an event it cannot supersede, would leave a history the rules refuse, or would undo what its subject acted on. */
export class DisputeCorrectionRefusedError extends DomainError {
  constructor(message: string) {
    super('DISPUTE_CORRECTION_REFUSED', message);
  }
}
