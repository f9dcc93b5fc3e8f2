import { describe, expect, it } from '@jest/globals';
import {
  isTemporaryUpn,
  laNumberReason,
  normalisePostcode,
  normaliseUpn,
  postcodeReason,
  ukprnReason,
  ulnCheckDigit,
  ulnReason,
  upnCheckLetter,
  upnReason,
  urnReason,
} from '../../workflows/sen2/index.js';

// Check letters by hand: characters 2–13 times weights 2–13, summed, mod 23, read off
// A B C D E F G H J K L M N P Q R T U V W X Y Z (A = 0 … P = 13 … X = 20 … Z = 22).
describe('UPN check letter, worked by hand', () => {
  it.each([
    // 2·2 + 0·3 + 7·4 + 0·5 + 0·6 + 0·7 + 0·8 + 1·9 + 6·10 + 0·11 + 4·12 + 9·13
    //   = 4 + 28 + 9 + 60 + 48 + 117 = 266; 266 − 11·23 = 13 → P.
    // The school census help pages' example: they add to 267 and give Q (sen2.md §2.2 notes the slip).
    ['207000016049', 'P'],
    // 9·2 + 3·3 + 8·4 + 2·5 + 0 + 0 + 1·8 + 2·9 + 5·10 + 0 + 0 + 1·13 = 18 + 9 + 32 + 10 + 8 + 18 + 50 + 13 = 158;
    // 158 − 6·23 = 20 → X.
    ['938200125001', 'X'],
    // Temporary UPN, last character A counted as 0: 2·2 + 1·4 + 1·9 + 2·10 + 1·12 + 0·13 = 49; 49 − 2·23 = 3 → D.
    ['20100001201A', 'D'],
    // The same with C, counted as 2: 49 + 2·13 = 75; 75 − 3·23 = 6 → G.
    ['20100001201C', 'G'],
    // Nothing but zeros: 0 → A.
    ['000000000000', 'A'],
  ])('%s takes %s', (body, letter) => {
    expect(upnCheckLetter(body)).toBe(letter);
    expect(upnReason(`${letter}${body}`)).toBeNull();
  });

  it('has no check letter for a body that is not 11 digits and a digit or check-table letter', () => {
    expect(upnCheckLetter('20700001604')).toBeNull();
    expect(upnCheckLetter('2070000160491')).toBeNull();
    expect(upnCheckLetter('20700001604I')).toBeNull();
    expect(upnCheckLetter('2070000X6049')).toBeNull();
  });

  it('tells a temporary UPN by its last character', () => {
    expect(isTemporaryUpn('G20100001201C')).toBe(true);
    expect(isTemporaryUpn('P207000016049')).toBe(false);
  });
});

describe('upnReason', () => {
  it.each([
    ['the published slip: Q for 207000016049', 'Q207000016049', /check letter of a UPN ending 207000016049 is P, not Q/],
    ['the incorrect UPN of the help pages', 'B207000016049', /is P, not B/],
    ['a check letter one off', 'N938200125001', /is X, not N/],
    ['twelve characters', 'P20700001604', /13 characters; "P20700001604" has 12/],
    ['fourteen characters', 'P2070000160490', /has 14/],
    ['a space inside', 'P207 00016049', /character 5 is " "/],
    ['lower case', 'p207000016049', /capital letters: P207000016049/],
    ['a letter among characters 2 to 12', 'P2070000A6049', /Characters 2 to 12 .* character 9 is "A"/],
    ['O as the last character', 'P20700001604O', /letter other than I, O and S; it is "O"/],
    ['a punctuation mark as the last character', 'P20700001604-', /it is "-"/],
    ['I as the check letter', 'I207000016049', /check letter, one of ABCDEFGHJKLMNPQRTUVWXYZ; it is "I"/],
    ['a digit as the check letter', '1207000016049', /it is "1"/],
    ['a temporary UPN with the wrong check letter', 'D20100001201C', /is G, not D/],
    ['empty', '', /has 0/],
  ])('refuses %s', (_, upn, reason) => {
    expect(upnReason(upn)).toMatch(reason);
  });

  // A letter in position 13 counts as its place in the table, so a digit and the letter of the
  // same value (2 and C) give the same check letter: the one single change the check cannot see.
  it('cannot tell a final digit from the letter of the same value', () => {
    expect(upnReason('G20100001201C')).toBeNull();
    expect(upnReason('G201000012012')).toBeNull();
  });

  it('tidies spaces and lower case before checking', () => {
    expect(normaliseUpn(' p207 0000 16049 ')).toBe('P207000016049');
    expect(upnReason(normaliseUpn(' p207 0000 16049 '))).toBeNull();
  });
});

// Check digits by hand: digits 1–9 times 10, 9, … 2, summed; 10 minus the remainder mod 11.
describe('ULN check digit, worked by hand', () => {
  it.each([
    // 1·10 + 2·9 + 3·8 + 4·7 + 5·6 + 6·5 + 7·4 + 8·3 + 9·2 = 10 + 18 + 24 + 28 + 30 + 30 + 28 + 24 + 18 = 210;
    // 210 − 19·11 = 1; 10 − 1 = 9.
    ['123456789', 9],
    // 1·10 + 2·2 = 14; 14 mod 11 = 3; 10 − 3 = 7.
    ['100000002', 7],
    // 1·10 = 10; 10 mod 11 = 10; 10 − 10 = 0.
    ['100000000', 0],
    // 5·10 = 50; 50 mod 11 = 6; 10 − 6 = 4.
    ['500000000', 4],
  ])('%s takes %s', (firstNine, digit) => {
    expect(ulnCheckDigit(firstNine)).toBe(digit);
    expect(ulnReason(`${firstNine}${digit}`)).toBeNull();
  });

  // 9·10 + 8·9 + 7·8 + 6·7 + 5·6 + 4·5 + 3·4 + 2·3 + 1·2 = 330 = 30·11: remainder 0, so the
  // check digit would have to be 10. No ULN begins 987654321.
  it('has no check digit when the remainder is 0', () => {
    expect(ulnCheckDigit('987654321')).toBeNull();
    for (let d = 0; d <= 9; d += 1) expect(ulnReason(`987654321${d}`)).toMatch(/No ULN begins 987654321/);
  });
});

describe('ulnReason', () => {
  it.each([
    ['a wrong check digit', '1234567891', /check digit of a ULN beginning 123456789 is 9, not 1/],
    ['two digits swapped', '2134567899', /mistyped/],
    ['nine digits', '123456789', /10 digits/],
    ['eleven digits', '12345678991', /10 digits/],
    ['a letter', '12345678X0', /10 digits/],
    ['spaces', '12345 67890', /10 digits/],
    ['a leading 0', '0123456789', /does not begin with 0/],
    ['the ILR placeholder', '9999999999', /placeholder .* leave the ULN out/],
  ])('refuses %s', (_, uln, reason) => {
    expect(ulnReason(uln)).toMatch(reason);
  });
});

describe('URN, UKPRN and LA numbers', () => {
  it('takes a URN of 6 digits and nothing else', () => {
    expect(urnReason('100000')).toBeNull();
    expect(urnReason('012345')).toBeNull();
    expect(urnReason('10000')).toMatch(/6 digits/);
    expect(urnReason('1000000')).toMatch(/6 digits/);
    expect(urnReason('EY1234')).toMatch(/6 digits/);
  });

  it('takes a UKPRN of 8 digits beginning with 1', () => {
    expect(ukprnReason('10012345')).toBeNull();
    expect(ukprnReason('20012345')).toMatch(/begins with 1/);
    expect(ukprnReason('1001234')).toMatch(/8 digits/);
    expect(ukprnReason('100123456')).toMatch(/8 digits/);
  });

  it('takes an LA number of 3 digits', () => {
    expect(laNumberReason('201')).toBeNull();
    expect(laNumberReason('20')).toMatch(/3 digits/);
    expect(laNumberReason('E09000001')).toMatch(/3 digits/);
  });
});

describe('postcodes', () => {
  it.each(['M1 1AA', 'B33 8TH', 'CR2 6XH', 'DN55 1PT', 'W1A 1HQ', 'EC1A 1BB', 'SW1A 2AA'])('takes %s, one of each outward form', (postcode) => {
    expect(postcodeReason(postcode)).toBeNull();
  });

  it.each([
    ['sw1a1aa', 'SW1A 1AA'],
    ['  ec1a  1bb ', 'EC1A 1BB'],
    ['M11AA', 'M1 1AA'],
  ])('writes %s as %s, and tells a caseworker who typed it so', (raw, normal) => {
    expect(normalisePostcode(raw)).toBe(normal);
    expect(postcodeReason(raw)).toMatch(`Write the postcode as ${normal}`);
  });

  it.each([
    ['Q as the first letter', 'QA1 1AA'],
    ['Z as the second letter', 'AZ1 1AA'],
    ['C among the unit letters', 'SW1A 1CA'],
    ['a digit-only inward code', 'SW1A 111'],
    ['too short', 'SW1'],
    ['too long', 'SW1A1 1AA'],
    ['Girobank', 'GIR 0AA'],
    ['an overseas territory', 'ASCN 1ZZ'],
    ['empty', ''],
  ])('refuses %s', (_, postcode) => {
    expect(postcodeReason(postcode)).toMatch(/not a UK postcode/);
  });
});
