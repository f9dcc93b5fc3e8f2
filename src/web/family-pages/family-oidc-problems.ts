import type { FamilyOidcRefusal } from '../../family/family-oidc.service.js';

/** A page that says what went wrong in words a parent can act on, and what to do next. */
export interface FamilyOidcProblem {
  status: number;
  title: string;
  text: string;
}

/** `provider` is the configured name, "GOV.UK One Login" by default. */
export function familyOidcProblem(reason: FamilyOidcRefusal, provider: string): FamilyOidcProblem {
  switch (reason) {
    case 'attempt_unknown':
      return { status: 400, title: 'You need to start signing in again', text: 'Signing in took more than 10 minutes, was started in another window or browser, or the page was used twice. Nothing has been saved.' };
    case 'denied':
      return { status: 401, title: `You did not finish signing in with ${provider}`, text: 'You have not been signed in. You can try again.' };
    case 'not_verified':
      return { status: 401, title: 'Your email address has not been confirmed', text: `${provider} has not confirmed the email address on your account. Confirm it in your ${provider} account, then try again.` };
    case 'failed':
      return { status: 401, title: `Sorry, there is a problem signing you in with ${provider}`, text: 'You have not been signed in. Try again. If it keeps happening, contact your child’s caseworker.' };
    case 'unreachable':
      return { status: 502, title: `Sorry, ${provider} is not available at the moment`, text: 'You have not been signed in. Try again later.' };
  }
}
