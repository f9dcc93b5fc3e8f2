/**
 * The identifiers a SEN2 return carries, each with a validator that gives the reason a value
 * cannot be returned, or null when it can (never throwing), and where a value has a normal form
 * a function that tidies what a caseworker typed into it. The validators judge the value as it
 * will be written into the XML: tidy first, then validate.
 *
 * Patterns are the unofficial 2024 XSD's (sen2.md §2.1 [S9]); the UPN check letter is the
 * school census's (sen2.md §2.2 [S32]) and the ULN check digit the ILR's (see ulnCheckDigit).
 */

/**
 * The check letters of a UPN, indexed by the remainder they stand for: A = 0 … Z = 22; I, O and
 * S are not used (school census rules 1500/1510 [S32], and Juniper's page on rule 1510).
 */
export const UPN_CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

const UPN_BODY = /^\d{11}[0-9A-HJ-NP-RT-Z]$/;

/**
 * The check letter of a UPN's last 12 characters, or null when they are not 11 digits followed
 * by a digit or a letter of UPN_CHECK_LETTERS. Each character in positions 2–13 is multiplied by
 * its position (2 … 13), the 13th counting as its letter's number when it is a letter (a
 * temporary UPN); the sum's remainder on division by 23 indexes UPN_CHECK_LETTERS [S32].
 */
export function upnCheckLetter(body: string): string | null {
  if (!UPN_BODY.test(body)) return null;
  let sum = 0;
  for (let i = 0; i < 12; i += 1) {
    const ch = body[i]!;
    const value = i === 11 && !isDigit(ch) ? UPN_CHECK_LETTERS.indexOf(ch) : Number(ch);
    sum += value * (i + 2);
  }
  return UPN_CHECK_LETTERS[sum % 23]!;
}

/** A temporary UPN ends in a letter instead of a digit (the XSD's `[A-Za-z]\d{11}[A-Za-z]` [S9]). */
export function isTemporaryUpn(upn: string): boolean {
  return upn.length === 13 && !isDigit(upn[12]!);
}

/** A UPN as it is written into the return: no spaces, capital letters. */
export function normaliseUpn(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/**
 * Why `upn` cannot be returned as Person/UPN, or null. A UPN is 13 characters: a check letter
 * and 12 digits, or in a temporary UPN 11 digits and a letter [S9]. (DfE's UPN guidance, which
 * is not among the sources read, reads the digits as the allocating LA's number, 2–4, the
 * establishment number, 5–8, the year, 9–10, and a serial number; the LA number is not checked
 * against a list here.) The XSD allows lower-case letters; we ask for capitals, the letters of
 * the check table (choices).
 */
export function upnReason(upn: string): string | null {
  if (upn.length !== 13) return `A UPN has 13 characters; "${upn}" has ${upn.length}.`;
  if (upn !== upn.toUpperCase()) return `Write the UPN in capital letters: ${upn.toUpperCase()}.`;
  const notDigit = [...upn.slice(1, 12)].findIndex((ch) => !isDigit(ch));
  if (notDigit >= 0) {
    return `Characters 2 to 12 of a UPN are digits (LA number, establishment number, year, serial number); character ${notDigit + 2} is "${upn[notDigit + 1]}".`;
  }
  const last = upn[12]!;
  if (!isDigit(last) && !UPN_CHECK_LETTERS.includes(last)) {
    return `Character 13 of a UPN is a digit, or in a temporary UPN a letter other than I, O and S; it is "${last}".`;
  }
  const first = upn[0]!;
  if (!UPN_CHECK_LETTERS.includes(first)) {
    return `Character 1 of a UPN is its check letter, one of ${UPN_CHECK_LETTERS}; it is "${first}".`;
  }
  const expected = upnCheckLetter(upn.slice(1))!;
  if (first !== expected) {
    return `The check letter of a UPN ending ${upn.slice(1)} is ${expected}, not ${first}: the UPN has been mistyped.`;
  }
  return null;
}

/** The ILR's placeholder for a learner whose ULN is not yet known (ValidationConstants.TemporaryULN). */
export const PLACEHOLDER_ULN = '9999999999';

/**
 * The check digit of a ULN with these first nine digits, or null when there is none. This is
 * the ESFA's rule, as the ILR validation service implements it (DerivedData_01, used by rule
 * ULN_04): multiply the digits by 10, 9, … 2, take the sum's remainder on division by 11, and the
 * check digit is 10 minus that remainder; a remainder of 0 would need a check digit of 10, so no
 * ULN begins with those nine digits. Put another way, the ten digits weighted 10 … 1 sum to
 * 10 modulo 11 (not 0, as a plain modulus-11 check would have it).
 */
export function ulnCheckDigit(firstNine: string): number | null {
  if (!/^\d{9}$/.test(firstNine)) return null;
  const sum = [...firstNine].reduce((total, ch, i) => total + Number(ch) * (10 - i), 0);
  const remainder = sum % 11;
  return remainder === 0 ? null : 10 - remainder;
}

/**
 * Why `uln` cannot be returned as Person/UniqueLearnerNumber, or null: 10 digits [S9], not
 * beginning with 0 (the ILR reads a ULN as a number of ten digits), with the check digit of
 * ulnCheckDigit. The ILR's placeholder is refused: SEN2 says "no ULN" by leaving it out.
 */
export function ulnReason(uln: string): string | null {
  if (!/^\d{10}$/.test(uln)) return `A ULN is 10 digits; "${uln}" is not.`;
  if (uln === PLACEHOLDER_ULN) return 'The ULN 9999999999 is the ILR\'s placeholder for "not yet known": leave the ULN out instead.';
  if (uln.startsWith('0')) return `A ULN does not begin with 0; "${uln}" does.`;
  const expected = ulnCheckDigit(uln.slice(0, 9));
  if (expected === null) return `No ULN begins ${uln.slice(0, 9)}: those nine digits leave no possible check digit. The ULN has been mistyped.`;
  if (Number(uln[9]) !== expected) return `The check digit of a ULN beginning ${uln.slice(0, 9)} is ${expected}, not ${uln[9]}: the ULN has been mistyped.`;
  return null;
}

/** Why `urn` cannot be returned as a setting's URN (the GIAS Unique Reference Number), or null: 6 digits [S9]. */
export function urnReason(urn: string): string | null {
  return /^\d{6}$/.test(urn) ? null : `A URN (GIAS unique reference number) is 6 digits; "${urn}" is not.`;
}

/**
 * Why `ukprn` cannot be returned as a setting's UKPRN, or null. The XSD asks for 8 digits [S9];
 * we also ask for a leading 1, as UKPRNs allocated by the UK Register of Learning Providers
 * begin (taken as known, not confirmed from a source read here; choices).
 */
export function ukprnReason(ukprn: string): string | null {
  if (!/^\d{8}$/.test(ukprn)) return `A UKPRN is 8 digits; "${ukprn}" is not.`;
  return ukprn.startsWith('1') ? null : `A UKPRN begins with 1; "${ukprn}" does not.`;
}

/** Why `code` cannot be returned as an LA number (Header LEA, TransferLA, Exported), or null: 3 digits [S9]. */
export function laNumberReason(code: string): string | null {
  return /^\d{3}$/.test(code) ? null : `An LA number is 3 digits (e.g. 201); "${code}" is not.`;
}

/**
 * A UK postcode in its normal form: an outward code (area letters, district), one space, an
 * inward code (sector digit, two unit letters), with the letters each position may hold as the
 * government's Bulk Data Transfer validation pattern (2015) and the Regular Expressions
 * Cookbook give them: the first letter is never Q, V or X; the second never I, J or Z; a letter
 * after a one-letter area's digit is one of ABCDEFGHJKPSTUW (the Cookbook leaves out P; we allow
 * it, since refusing a real address is worse than passing a mistyped one), after a two-letter
 * area's digit one of ABEHMNPRVWXY; the unit letters are never C, I, K, M, O or V. GIR 0AA,
 * overseas territories and BFPO numbers are not home addresses in England and are refused.
 */
const POSTCODE =
  /^[A-PR-UWYZ](?:\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d{1,2}|[A-HK-Y]\d[ABEHMNPRVWXY]) \d[ABD-HJLNP-UW-Z]{2}$/;

/** A postcode as it is written into Person/PostCode: capitals, one space before the inward code. */
export function normalisePostcode(raw: string): string {
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  return compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
}

/** Why `postcode` cannot be returned as Person/PostCode, or null; a postcode in another form is told its normal form. */
export function postcodeReason(postcode: string): string | null {
  const normal = normalisePostcode(postcode);
  if (!POSTCODE.test(normal)) return `"${postcode}" is not a UK postcode (e.g. SW1A 1AA).`;
  return normal === postcode ? null : `Write the postcode as ${normal}: capitals, one space before the last three characters.`;
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}
