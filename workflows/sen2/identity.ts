/**
 * The identity items of a SEN2 Person (sen2.md §1.1, §2.1): whether a child's record can be
 * returned as it stands, with one reason per field that cannot. Surname, forename and date of
 * birth are free text and a date, and are checked where the return is built.
 */
import { ETHNICITY_CODES, SEX_CODES, UPN_UNKNOWN_CODES, isCode } from './codes.js';
import { postcodeReason, ulnReason, upnReason } from './identifiers.js';

/** The identity items as the engine holds them; a missing item is undefined, null or blank. */
export interface ChildIdentity {
  upn?: string | null;
  uln?: string | null;
  upnUnknown?: string | null;
  sex?: string | null;
  ethnicity?: string | null;
  postcode?: string | null;
}

export type ChildIdentityField = keyof ChildIdentity;

/** One reason for each field that cannot be returned; an empty object when all can. */
export type ChildIdentityReasons = Partial<Record<ChildIdentityField, string>>;

/**
 * Why each identity item cannot be returned. Sex, Ethnicity and PostCode are required (1..1 in
 * the XSD [S9]); UPN and ULN are optional, each checked when given; UPNunknown, "UPN and ULN
 * unavailable – reason" [S1], is required exactly when both are missing (witan flags "Missing
 * UPN & ULN (no reason given)", sen2.md §2.3 check 16) and refused when either is given (choices).
 */
export function childIdentityReasons(identity: ChildIdentity): ChildIdentityReasons {
  const reasons: ChildIdentityReasons = {};
  const upn = given(identity.upn);
  const uln = given(identity.uln);
  note(reasons, 'upn', upn === null ? null : upnReason(upn));
  note(reasons, 'uln', uln === null ? null : ulnReason(uln));
  note(reasons, 'upnUnknown', upnUnknownReason(given(identity.upnUnknown), upn !== null || uln !== null));
  note(reasons, 'sex', codeReason(SEX_CODES, given(identity.sex), 'Sex', 'M or F'));
  note(reasons, 'ethnicity', codeReason(ETHNICITY_CODES, given(identity.ethnicity), 'Ethnicity', 'one of the DfE codes (e.g. WBRI, or REFU if refused, NOBT if not yet obtained)'));
  const postcode = given(identity.postcode);
  note(reasons, 'postcode', postcode === null ? 'A postcode is required (Person/PostCode).' : postcodeReason(postcode));
  return reasons;
}

function upnUnknownReason(value: string | null, hasIdentifier: boolean): string | null {
  if (hasIdentifier) {
    return value === null ? null : 'UPNunknown gives the reason a child has neither UPN nor ULN: leave it out when either is given.';
  }
  if (value === null) return 'With no UPN and no ULN, the reason is required (UPNunknown, UN1 to UN10).';
  return isCode(UPN_UNKNOWN_CODES, value) ? null : `UPNunknown is one of UN1 to UN10; "${value}" is not.`;
}

function codeReason(codes: readonly string[], value: string | null, item: string, expected: string): string | null {
  if (value === null) return `${item} is required.`;
  return isCode(codes, value) ? null : `${item} is ${expected}; "${value}" is not.`;
}

/** A value that was given: not undefined, null or blank. */
function given(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value;
}

function note(reasons: ChildIdentityReasons, field: ChildIdentityField, reason: string | null): void {
  if (reason !== null) reasons[field] = reason;
}
