import { DomainError } from '../common/domain-error.js';
import type { PlanEventType, PlanStatus } from '../../workflows/ehc-plan/index.js';

export class PlanVersionConflictError extends DomainError {
  constructor(expected: number, actual: number) {
    super(
      'PLAN_VERSION_CONFLICT',
      `The plan has changed since you loaded it (you sent version ${expected}; it is now at version ${actual}). Reload the plan and try again.`,
      { currentVersion: actual },
    );
  }
}

export class PlanTransitionRefusedError extends DomainError {
  constructor(code: 'PLAN_TRANSITION_NOT_ALLOWED' | 'PLAN_EVENT_REFUSED', message: string, status: PlanStatus, allowedEvents: PlanEventType[]) {
    super(code, message, { status, allowedEvents });
  }
}

/** CFA 2014 s.37: an authority maintains one plan for a child; a second is refused, naming the first. */
export class PlanAlreadyMaintainedError extends DomainError {
  constructor(reference: string, planId: string) {
    super(
      'PLAN_ALREADY_MAINTAINED',
      `This child already has a plan this authority maintains (${reference}). Record reviews, amendments or a re-assessment on that plan instead.`,
      { planId },
    );
  }
}

export class PlanMigrationRefusedError extends DomainError {
  constructor(message: string) {
    super('PLAN_MIGRATION_REFUSED', message);
  }
}

/** A correction that names an event it cannot supersede, or would leave a history the rules refuse. */
export class PlanCorrectionRefusedError extends DomainError {
  constructor(message: string) {
    super('PLAN_CORRECTION_REFUSED', message);
  }
}
