import type { Response } from 'express';
import type { OidcService } from '../auth/oidc.service.js';
import type { FormErrors } from './format/form-errors.js';

export const OIDC_START_PATH = '/sign-in/oidc';

/** What the sign-in page shows besides the form: a banner, the address to go back to, what was typed, the errors. */
export interface SignInLocals {
  returnTo?: string;
  signedOut?: boolean;
  values?: { email?: string };
  errors?: FormErrors;
}

/**
 * The sign-in page, with the single sign-on button when the deployment has a provider. Both
 * sign-in controllers render it, so a refusal from either shows the whole choice again.
 */
export function renderSignIn(res: Response, oidc: OidcService, status: number, locals: SignInLocals): void {
  const providerName = oidc.providerName;
  const singleSignOn = providerName
    ? { text: `Sign in with ${providerName}`, href: locals.returnTo ? `${OIDC_START_PATH}?returnTo=${encodeURIComponent(locals.returnTo)}` : OIDC_START_PATH }
    : undefined;
  res.status(status).render('sign-in.njk', { values: {}, ...locals, singleSignOn });
}

/** A refusal that is not about a field of the form: the summary links to the single sign-on button. */
export function singleSignOnError(message: string): FormErrors {
  return { summary: [{ text: message, href: '#sign-in-oidc' }], fields: {} };
}
