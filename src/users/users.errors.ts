import { DomainError } from '../common/domain-error.js';

export class AccountEmailTakenError extends DomainError {
  constructor(email: string) {
    super('ACCOUNT_EMAIL_TAKEN', `An account with the email ${email} already exists; emails identify accounts across every authority.`);
  }
}

export class AccountChangeRefusedError extends DomainError {
  constructor(message: string) {
    super('ACCOUNT_CHANGE_REFUSED', message);
  }
}
