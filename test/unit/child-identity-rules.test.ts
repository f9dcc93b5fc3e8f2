import { describe, expect, it } from '@jest/globals';
import { identityRefusals, tidyIdentity } from '../../src/children/identity-rules.js';
import { ulnCheckDigit, upnCheckLetter } from '../../workflows/sen2/index.js';

const UPN = `${upnCheckLetter('938201600229')}938201600229`;
const WRONG_UPN = `${UPN[0] === 'A' ? 'B' : 'A'}${UPN.slice(1)}`;
const ULN = `123456789${ulnCheckDigit('123456789')}`;
const EMPTY = { upn: null, uln: null, upnUnknown: null, sex: null, ethnicity: null, postcode: null };

describe(tidyIdentity.name, () => {
  it('keeps only the fields given, clears blanks, and tidies the UPN and postcode into the form SEN2 carries', () => {
    expect(tidyIdentity({ upn: ` ${UPN.toLowerCase().slice(0, 6)} ${UPN.slice(6)}`, postcode: ' sw1a1aa ', sex: '', ethnicity: null })).toEqual({
      upn: UPN,
      postcode: 'SW1A 1AA',
      sex: null,
      ethnicity: null,
    });
    expect(tidyIdentity({})).toEqual({});
  });
});

describe(identityRefusals.name, () => {
  it('refuses no record for what it does not hold yet', () => {
    expect(identityRefusals(EMPTY)).toEqual({});
    expect(identityRefusals({ ...EMPTY, sex: 'F' })).toEqual({});
  });

  it('names each held item SEN2 could not return', () => {
    const refused = identityRefusals({ ...EMPTY, upn: WRONG_UPN, ethnicity: 'XXXX', sex: 'F' });
    expect(Object.keys(refused).sort()).toEqual(['ethnicity', 'upn']);
    expect(refused.upn).toMatch(/check letter/);
  });

  it('refuses UPNunknown alongside a UPN or a ULN, and accepts it alone', () => {
    expect(Object.keys(identityRefusals({ ...EMPTY, upn: UPN, upnUnknown: 'UN1' }))).toEqual(['upnUnknown']);
    expect(Object.keys(identityRefusals({ ...EMPTY, uln: ULN, upnUnknown: 'UN1' }))).toEqual(['upnUnknown']);
    expect(identityRefusals({ ...EMPTY, uln: ULN })).toEqual({});
    expect(identityRefusals({ ...EMPTY, upnUnknown: 'UN10' })).toEqual({});
    expect(Object.keys(identityRefusals({ ...EMPTY, upnUnknown: 'UN11' }))).toEqual(['upnUnknown']);
  });
});
