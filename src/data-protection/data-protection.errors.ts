import { DomainError } from '../common/domain-error.js';

/** A deletion the retention review does not allow: the case is open, or still within its retention period. */
export class RetentionDeletionRefusedError extends DomainError {
  constructor(message: string) {
    super('RETENTION_DELETION_REFUSED', message);
  }
}
