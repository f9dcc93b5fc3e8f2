import { describe, expect, it } from '@jest/globals';
import {
  ASSESSMENT_OUTCOME_LABELS,
  CEASE_REASONS,
  CEASE_REASON_LABELS,
  DESIGNATED_OFFICER_CODES,
  DESIGNATED_OFFICER_LABELS,
  DIRECT_PAYMENT_CODES,
  DIRECT_PAYMENT_LABELS,
  ETHNICITY_CODES,
  ETHNICITY_LABELS,
  GENDER_CURRENT_2023_CODES,
  GENDER_CURRENT_2023_LABELS,
  OUTCOME_CODES,
  RANKS,
  RANK_LABELS,
  REQUEST_OUTCOME_LABELS,
  REQUEST_SOURCES,
  REQUEST_SOURCE_LABELS,
  RESIDENTIAL_CODES,
  RESIDENTIAL_LABELS,
  RESIDENTIAL_LABELS_2024,
  REVIEW_OUTCOME_CODES,
  REVIEW_OUTCOME_LABELS,
  SEN2_BOOLEAN_CODES,
  SEN2_SOURCE_CHOICES,
  SEN_SETTING_CODES,
  SEN_SETTING_LABELS,
  SEN_SETTINGS_TAKING_OTHER_TEXT,
  SEN_TYPE_CODES,
  SEN_TYPE_LABELS,
  SEX_CODES,
  SEX_LABELS,
  UPN_UNKNOWN_CODES,
  UPN_UNKNOWN_LABELS,
  WEEK20_LABELS,
  WORK_BASED_LEARNING_CODES,
  WORK_BASED_LEARNING_LABELS,
  childIdentityReasons,
  isCode,
  sen2Boolean,
  senTypeAllowedIn,
} from '../../workflows/sen2/index.js';

/** Every list, its labels, and the number of codes sen2.md §1.3 gives it. */
const LISTS: [string, readonly (string | number)[], Readonly<Record<string, string>>, number][] = [
  ['DMO / DCO / DSCO', DESIGNATED_OFFICER_CODES, DESIGNATED_OFFICER_LABELS, 3],
  ['Sex', SEX_CODES, SEX_LABELS, 2],
  ['GenderCurrent (2023)', GENDER_CURRENT_2023_CODES, GENDER_CURRENT_2023_LABELS, 4],
  ['Ethnicity', ETHNICITY_CODES, ETHNICITY_LABELS, 20],
  ['UPNunknown', UPN_UNKNOWN_CODES, UPN_UNKNOWN_LABELS, 10],
  ['RequestSource', REQUEST_SOURCES, REQUEST_SOURCE_LABELS, 5],
  ['RequestOutcome', OUTCOME_CODES, REQUEST_OUTCOME_LABELS, 5],
  ['AssessmentOutcome', OUTCOME_CODES, ASSESSMENT_OUTCOME_LABELS, 5],
  ['Week20', SEN2_BOOLEAN_CODES, WEEK20_LABELS, 2],
  ['PlanRes / Res', RESIDENTIAL_CODES, RESIDENTIAL_LABELS, 2],
  ['PlanRes / Res (2024)', RESIDENTIAL_CODES, RESIDENTIAL_LABELS_2024, 2],
  ['PlanWBP / WBP', WORK_BASED_LEARNING_CODES, WORK_BASED_LEARNING_LABELS, 3],
  ['DP', DIRECT_PAYMENT_CODES, DIRECT_PAYMENT_LABELS, 4],
  ['CeaseReason', CEASE_REASONS, CEASE_REASON_LABELS, 9],
  ['SENsetting', SEN_SETTING_CODES, SEN_SETTING_LABELS, 8],
  ['SENtype', SEN_TYPE_CODES, SEN_TYPE_LABELS, 13],
  ['ReviewOutcome', REVIEW_OUTCOME_CODES, REVIEW_OUTCOME_LABELS, 3],
  ['PlacementRank / SENtypeRank', RANKS, RANK_LABELS, 2],
];

describe('SEN2 code lists (sen2.md §1.3)', () => {
  it.each(LISTS)('%s: every code once, each with a label, and no label without a code', (_, codes, labels, count) => {
    expect(codes).toHaveLength(count);
    expect(new Set(codes).size).toBe(count);
    expect(Object.keys(labels).sort()).toEqual(codes.map(String).sort());
    for (const code of codes) expect(labels[String(code)]!.trim()).not.toBe('');
  });

  it('leaves out the codes the source choices refuse: Sex U, AssessmentOutcome S', () => {
    expect(isCode(SEX_CODES, 'U')).toBe(false);
    expect(isCode(OUTCOME_CODES, 'S')).toBe(false);
  });

  it('allows Down syndrome from the 2025 collection only', () => {
    expect(senTypeAllowedIn('DS', 2024)).toBe(false);
    expect(senTypeAllowedIn('DS', 2025)).toBe(true);
    expect(senTypeAllowedIn('ASD', 2024)).toBe(true);
  });

  it('lets only OTH and NIEO carry SENsettingOther text', () => {
    expect(SEN_SETTINGS_TAKING_OTHER_TEXT).toEqual(['OTH', 'NIEO']);
    for (const code of SEN_SETTINGS_TAKING_OTHER_TEXT) expect(isCode(SEN_SETTING_CODES, code)).toBe(true);
  });

  it('writes booleans as 1 and 0', () => {
    expect(sen2Boolean(true)).toBe('1');
    expect(sen2Boolean(false)).toBe('0');
  });

  it('tells codes from other values of the same look', () => {
    expect(isCode(REQUEST_SOURCES, 5)).toBe(true);
    expect(isCode(REQUEST_SOURCES, '5')).toBe(false);
    expect(isCode(ETHNICITY_CODES, 'wbri')).toBe(false);
  });

  it('names each source choice with a reason', () => {
    expect(SEN2_SOURCE_CHOICES.length).toBeGreaterThan(0);
    for (const { item, choice, why } of SEN2_SOURCE_CHOICES) {
      expect([item, choice, why].every((text) => text.trim().length > 0)).toBe(true);
    }
    expect(new Set(SEN2_SOURCE_CHOICES.map((c) => c.item)).size).toBe(SEN2_SOURCE_CHOICES.length);
  });
});

const person = { sex: 'F', ethnicity: 'WBRI', postcode: 'SW1A 1AA' };

describe('childIdentityReasons', () => {
  it('takes a child with a UPN, a ULN, or neither and a reason', () => {
    expect(childIdentityReasons({ ...person, upn: 'P207000016049' })).toEqual({});
    expect(childIdentityReasons({ ...person, uln: '1234567899' })).toEqual({});
    expect(childIdentityReasons({ ...person, upn: 'P207000016049', uln: '1234567899' })).toEqual({});
    expect(childIdentityReasons({ ...person, upnUnknown: 'UN3' })).toEqual({});
  });

  it('asks for the reason when both UPN and ULN are missing, blank counting as missing', () => {
    expect(childIdentityReasons({ ...person })).toEqual({ upnUnknown: expect.stringMatching(/reason is required/) });
    expect(childIdentityReasons({ ...person, upn: ' ', uln: null, upnUnknown: '' })).toEqual({ upnUnknown: expect.stringMatching(/reason is required/) });
    expect(childIdentityReasons({ ...person, upnUnknown: 'UN11' })).toEqual({ upnUnknown: expect.stringMatching(/UN1 to UN10; "UN11"/) });
  });

  it('refuses a reason given alongside a UPN or a ULN, even one that is itself refused', () => {
    expect(childIdentityReasons({ ...person, upn: 'P207000016049', upnUnknown: 'UN1' })).toEqual({ upnUnknown: expect.stringMatching(/leave it out/) });
    expect(childIdentityReasons({ ...person, uln: '1234567891', upnUnknown: 'UN1' })).toEqual({
      uln: expect.stringMatching(/is 9, not 1/),
      upnUnknown: expect.stringMatching(/leave it out/),
    });
  });

  it('gives one reason per field, naming each', () => {
    const reasons = childIdentityReasons({ upn: 'Q207000016049', uln: '0123456789', sex: 'U', ethnicity: 'WHITE', postcode: 'sw1a1aa' });
    expect(reasons).toEqual({
      upn: expect.stringMatching(/is P, not Q/),
      uln: expect.stringMatching(/does not begin with 0/),
      sex: expect.stringMatching(/M or F; "U"/),
      ethnicity: expect.stringMatching(/"WHITE" is not/),
      postcode: expect.stringMatching(/SW1A 1AA/),
    });
  });

  it('requires sex, ethnicity and postcode', () => {
    expect(childIdentityReasons({ upnUnknown: 'UN1' })).toEqual({
      sex: 'Sex is required.',
      ethnicity: 'Ethnicity is required.',
      postcode: expect.stringMatching(/postcode is required/),
    });
  });
});
