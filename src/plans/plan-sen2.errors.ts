import { DomainError } from '../common/domain-error.js';

export class PlanSen2VersionConflictError extends DomainError {
  constructor(expected: number, actual: number) {
    super(
      'PLAN_SEN2_VERSION_CONFLICT',
      `The plan's SEN2 items have changed since you loaded them (you sent version ${expected}; they are now at version ${actual}). Reload them and try again.`,
      { currentVersion: actual },
    );
  }
}

/** Items SEN2 could not return: `400`, one reason per field, nothing stored. */
export class PlanSen2RefusedError extends DomainError {
  constructor(readonly fields: Record<string, string>) {
    super('VALIDATION_FAILED', Object.entries(fields).map(([field, reason]) => `${field}: ${reason}`).join(' '), { fields });
  }
}

/** A second open placement of the same rank: the first must be given a leaving date first. */
export class PlacementAlreadyOpenError extends DomainError {
  constructor(rank: number, open?: { id: string; entryDate: string }) {
    super(
      'PLACEMENT_ALREADY_OPEN',
      `placementRank: the plan already has an open placement of rank ${rank}${open ? ` (entered ${open.entryDate}, id ${open.id})` : ''}; record its leaving date first.`,
      { fields: { placementRank: `An open placement of rank ${rank} exists${open ? ` (${open.id})` : ''}.` }, ...(open ? { openPlacementId: open.id } : {}) },
    );
  }
}

export class PlacementAlreadyLeftError extends DomainError {
  constructor(leftOn: string) {
    super('PLACEMENT_ALREADY_LEFT', `leavingDate: the placement already has its leaving date (${leftOn}).`, { fields: { leavingDate: `Already recorded: ${leftOn}.` } });
  }
}
