import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  UPN_CHECK_LETTERS,
  UPN_UNKNOWN_CODES,
  childIdentityReasons,
  normalisePostcode,
  postcodeReason,
  ulnCheckDigit,
  ulnReason,
  upnCheckLetter,
  upnReason,
} from '../../workflows/sen2/index.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const digit = fc.integer({ min: 0, max: 9 }).map(String);
const digits = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((ds) => ds.join(''));
const checkTableLetter = fc.constantFrom(...UPN_CHECK_LETTERS);

/** The last 12 characters of a UPN: 11 digits, then a digit or (temporary UPN) a check-table letter. */
const upnBody = fc.tuple(digits(11), fc.oneof(digit, checkTableLetter)).map(([d, last]) => d + last);
const validUpn = upnBody.map((body) => upnCheckLetter(body)! + body);

/** Nine digits not beginning with 0 that have a check digit, and the ULN they make. */
const validUln = fc
  .tuple(fc.integer({ min: 1, max: 9 }), digits(8))
  .map(([first, rest]) => `${first}${rest}`)
  .filter((nine) => ulnCheckDigit(nine) !== null)
  .map((nine) => `${nine}${ulnCheckDigit(nine)}`);

/** `s` with the character at `i` replaced. */
const replaced = (s: string, i: number, ch: string) => s.slice(0, i) + ch + s.slice(i + 1);
/** `s` with the characters at `i` and `j` swapped. */
const swapped = (s: string, i: number, j: number) => replaced(replaced(s, i, s[j]!), j, s[i]!);

describe('UPN check letter (properties)', () => {
  it('any 12-character body has exactly one valid check letter, and it is the computed one', () => {
    fc.assert(
      fc.property(upnBody, (body) => {
        const valid = [...ALPHABET].filter((letter) => upnReason(letter + body) === null);
        expect(valid).toEqual([upnCheckLetter(body)]);
      }),
    );
  });

  // A change of d in the digit at position p moves the sum by p·d, with 2 ≤ p ≤ 13 and 1 ≤ |d| ≤ 9:
  // never a multiple of 23, which is prime, so the check letter always changes.
  it('changing one digit of a valid UPN makes it invalid', () => {
    fc.assert(
      fc.property(validUpn, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 9 }), (upn, i, step) => {
        fc.pre(/\d/.test(upn[i]!));
        const changed = replaced(upn, i, String((Number(upn[i]) + step) % 10));
        expect(upnReason(changed)).not.toBeNull();
      }),
    );
  });

  // Swapping digits a and b at positions p and q moves the sum by (a − b)(p − q): both factors
  // are below 23 and not 0, so every transposition of two different digits is caught.
  it('swapping two different digits of a valid UPN makes it invalid', () => {
    fc.assert(
      fc.property(validUpn, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), (upn, i, j) => {
        fc.pre(/\d/.test(upn[i]!) && /\d/.test(upn[j]!) && upn[i] !== upn[j]);
        expect(upnReason(swapped(upn, i, j))).not.toBeNull();
      }),
    );
  });

  it('changing the last letter of a valid temporary UPN to another makes it invalid', () => {
    const temporary = validUpn.filter((upn) => /[A-Z]$/.test(upn));
    fc.assert(
      fc.property(temporary, checkTableLetter, (upn, letter) => {
        fc.pre(letter !== upn[12]);
        expect(upnReason(replaced(upn, 12, letter))).not.toBeNull();
      }),
    );
  });

  it('changing the check letter of a valid UPN makes it invalid', () => {
    fc.assert(
      fc.property(validUpn, fc.constantFrom(...ALPHABET), (upn, letter) => {
        fc.pre(letter !== upn[0]);
        expect(upnReason(letter + upn.slice(1))).not.toBeNull();
      }),
    );
  });
});

describe('ULN check digit (properties)', () => {
  it('nine digits have exactly one check digit, or none when the weighted sum is a multiple of 11', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), digits(8), (first, rest) => {
        const nine = `${first}${rest}`;
        const valid = [...'0123456789'].filter((d) => ulnReason(nine + d) === null);
        const sum = [...nine].reduce((total, ch, i) => total + Number(ch) * (10 - i), 0);
        expect(valid).toEqual(sum % 11 === 0 ? [] : [String(ulnCheckDigit(nine))]);
      }),
    );
  });

  // Weighted 10 … 1, a change of d in one digit moves the sum by w·d, with 1 ≤ w ≤ 10 and
  // 1 ≤ |d| ≤ 9: never a multiple of 11.
  it('changing one digit of a valid ULN makes it invalid', () => {
    fc.assert(
      fc.property(validUln, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (uln, i, step) => {
        expect(ulnReason(replaced(uln, i, String((Number(uln[i]) + step) % 10)))).not.toBeNull();
      }),
    );
  });

  it('swapping two different digits of a valid ULN makes it invalid', () => {
    fc.assert(
      fc.property(validUln, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 }), (uln, i, j) => {
        fc.pre(uln[i] !== uln[j]);
        expect(ulnReason(swapped(uln, i, j))).not.toBeNull();
      }),
    );
  });
});

/** Postcodes built from the letters each position may hold, one generator per outward form. */
const letterOf = (set: string) => fc.constantFrom(...set);
const AREA_1 = 'ABCDEFGHIJKLMNOPRSTUWYZ';
const AREA_2 = 'ABCDEFGHKLMNOPQRSTUVWXY';
const outward = fc.oneof(
  fc.tuple(letterOf(AREA_1), digits(1)).map((p) => p.join('')),
  fc.tuple(letterOf(AREA_1), digits(2)).map((p) => p.join('')),
  fc.tuple(letterOf(AREA_1), digits(1), letterOf('ABCDEFGHJKPSTUW')).map((p) => p.join('')),
  fc.tuple(letterOf(AREA_1), letterOf(AREA_2), digits(1)).map((p) => p.join('')),
  fc.tuple(letterOf(AREA_1), letterOf(AREA_2), digits(2)).map((p) => p.join('')),
  fc.tuple(letterOf(AREA_1), letterOf(AREA_2), digits(1), letterOf('ABEHMNPRVWXY')).map((p) => p.join('')),
);
const UNIT = 'ABDEFGHJLNPQRSTUWXYZ';
const postcode = fc.tuple(outward, digits(1), letterOf(UNIT), letterOf(UNIT)).map(([out, sector, a, b]) => `${out} ${sector}${a}${b}`);

describe('postcodes (properties)', () => {
  it('every postcode of the six forms is taken, and tidies back to itself however it was typed', () => {
    fc.assert(
      fc.property(postcode, fc.boolean(), fc.boolean(), (code, lower, squashed) => {
        expect(postcodeReason(code)).toBeNull();
        let typed = squashed ? code.replace(' ', '') : ` ${code}  `;
        if (lower) typed = typed.toLowerCase();
        expect(normalisePostcode(typed)).toBe(code);
      }),
    );
  });

  it('tidying twice is tidying once', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (raw) => {
        expect(normalisePostcode(normalisePostcode(raw))).toBe(normalisePostcode(raw));
      }),
    );
  });
});

describe('childIdentityReasons (properties)', () => {
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  const person = { sex: 'M', ethnicity: 'NOBT', postcode: 'M1 1AA' };

  it('with valid values, asks about UPNunknown exactly when it is given with a UPN or ULN, or missing without both', () => {
    fc.assert(
      fc.property(maybe(validUpn), maybe(validUln), maybe(fc.constantFrom(...UPN_UNKNOWN_CODES)), (upn, uln, upnUnknown) => {
        const reasons = childIdentityReasons({ ...person, upn, uln, upnUnknown });
        const hasIdentifier = upn !== undefined || uln !== undefined;
        expect(Object.keys(reasons)).toEqual(hasIdentifier === (upnUnknown !== undefined) ? ['upnUnknown'] : []);
      }),
    );
  });
});
