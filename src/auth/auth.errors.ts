import { DomainError } from '../common/domain-error.js';

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Sign in first: send `Authorization: Bearer <accessToken>` from POST /api/auth/login.') {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}

export class PasswordChangeRefusedError extends DomainError {
  constructor(message: string) {
    super('PASSWORD_CHANGE_REFUSED', message);
  }
}

export class PasswordChangeRequiredError extends DomainError {
  constructor() {
    super('PASSWORD_CHANGE_REQUIRED', 'Your password was reset by an administrator: choose a new one (POST /api/auth/password) before anything else.');
  }
}

export class SingleSignOnUnavailableError extends DomainError {
  constructor() {
    super('SINGLE_SIGN_ON_UNAVAILABLE', 'Single sign-on is not configured for this deployment (OIDC_ISSUER and related settings).');
  }
}

export class IdentityProviderUnreachableError extends DomainError {
  constructor(issuer: string) {
    super('IDENTITY_PROVIDER_UNREACHABLE', `The single sign-on provider ${issuer} did not answer: try again shortly, or sign in with a password.`);
  }
}
