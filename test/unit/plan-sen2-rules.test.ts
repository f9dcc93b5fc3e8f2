import { describe, expect, it } from '@jest/globals';
import { leavingReason, placementReasons, planSen2Reasons, type NewPlacement, type PlanSen2Items } from '../../src/plans/plan-sen2-rules.js';

const EMPTY: PlanSen2Items = { planRes: null, planWbp: null, personalBudget: null, organisedArrangements: null, directPayments: null, primaryNeed: null, secondaryNeed: null };
const PLACEMENT: NewPlacement = {
  urn: '123456', ukprn: null, senSetting: null, senSettingOther: null, placementRank: 1, entryDate: '2025-09-03',
  senUnit: false, resourcedProvision: false, residential: null, workBased: null,
};
const PLAN = { startedOn: '2025-03-10' };
const TODAY = '2026-11-23';

describe('The plan’s SEN2 rules', () => {
  it('refuses nothing that is not yet known, and accepts every listed code', () => {
    expect(planSen2Reasons(EMPTY)).toEqual({});
    expect(planSen2Reasons({ planRes: 'B', planWbp: 'T', personalBudget: true, organisedArrangements: false, directPayments: 'I', primaryNeed: 'DS', secondaryNeed: 'OTH' })).toEqual({});
    expect(placementReasons(PLACEMENT, PLAN, TODAY)).toEqual({});
    expect(placementReasons({ ...PLACEMENT, urn: null, senSetting: 'NIEO', senSettingOther: 'Awaiting a place' }, PLAN, TODAY)).toEqual({});
  });

  it('names each field that is wrong', () => {
    expect(Object.keys(planSen2Reasons({ ...EMPTY, planRes: 'C', planWbp: 'X', directPayments: 'Q', primaryNeed: 'ADHD', secondaryNeed: 'XX' })).sort()).toEqual(
      ['directPayments', 'planRes', 'planWbp', 'primaryNeed', 'secondaryNeed'],
    );
    expect(planSen2Reasons({ ...EMPTY, secondaryNeed: 'MLD' }).secondaryNeed).toMatch(/only with a primary need/);
    expect(planSen2Reasons({ ...EMPTY, primaryNeed: 'MLD', secondaryNeed: 'MLD' }).secondaryNeed).toMatch(/differ/);
    expect(placementReasons({ ...PLACEMENT, urn: '1234567' }, PLAN, TODAY).urn).toMatch(/6 digits/);
    expect(placementReasons({ ...PLACEMENT, urn: null, ukprn: '20000000' }, PLAN, TODAY).ukprn).toMatch(/begins with 1/);
    expect(Object.keys(placementReasons({ ...PLACEMENT, senSetting: 'OTH' }, PLAN, TODAY)).sort()).toEqual(['senSetting', 'urn']);
    expect(placementReasons({ ...PLACEMENT, senSettingOther: 'x' }, PLAN, TODAY).senSettingOther).toMatch(/OTH or NIEO/);
  });

  it('takes dates from the plan’s start to today, and a leaving date from the entry to today', () => {
    expect(placementReasons({ ...PLACEMENT, entryDate: PLAN.startedOn }, PLAN, TODAY)).toEqual({});
    expect(placementReasons({ ...PLACEMENT, entryDate: TODAY }, PLAN, TODAY)).toEqual({});
    expect(placementReasons({ ...PLACEMENT, entryDate: '2025-03-09' }, PLAN, TODAY).entryDate).toMatch(/before the plan’s start/);
    expect(placementReasons({ ...PLACEMENT, entryDate: '2026-11-24' }, PLAN, TODAY).entryDate).toMatch(/future/);
    expect(leavingReason('2025-09-03', '2025-09-03', TODAY)).toBeNull();
    expect(leavingReason('2025-09-02', '2025-09-03', TODAY)).toMatch(/before/);
    expect(leavingReason('2026-11-24', '2025-09-03', TODAY)).toMatch(/future/);
  });
});
