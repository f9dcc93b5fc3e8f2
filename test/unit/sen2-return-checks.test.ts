import { describe, expect, it } from '@jest/globals';
import { returnProblems, type Sen2Person, type Sen2Request, type Sen2Return } from '../../workflows/sen2/index.js';

/** A return with one child whose record has nothing to fix: a new plan of 2026, attended, with its needs. */
function cleanReturn(): Sen2Return {
  const caseRef = { kind: 'case' as const, id: 'case-1', reference: 'EHC-2026-0001' };
  const planRef = { kind: 'plan' as const, id: 'plan-1', reference: 'PLAN-2026-0001' };
  const request: Sen2Request = {
    about: caseRef,
    ReceivedDate: '2026-02-03',
    RequestSource: 2,
    RequestOutcomeDate: '2026-03-10',
    RequestOutcome: 'Y',
    RequestMediation: false,
    RequestTribunal: false,
    Assessment: {
      AssessmentOutcome: 'Y',
      AssessmentOutcomeDate: '2026-05-26',
      Week20: false,
      NamedPlan: { about: planRef, StartDate: '2026-06-16', PlanDetail: [{ URN: '123456', PlacementRank: 1, SENunitIndicator: false, ResourcedProvisionIndicator: false }], PB: false },
    },
    ActivePlans: {
      about: planRef,
      PlacementDetail: [{ URN: '123456', PlacementRank: 1, EntryDate: '2026-09-03', SENunitIndicator: false, ResourcedProvisionIndicator: false }],
      SENneed: [{ SENtype: 'ASD', SENtypeRank: 1 }],
      ReviewMeeting: '2026-12-01',
      ReviewOutcome: 'M',
      LastReview: '2026-12-10',
    },
    notes: { exceptionsAwaitingApproval: [] },
  };
  const person: Sen2Person = {
    childId: 'child-1',
    Surname: 'Example',
    Forename: 'Alex',
    PersonBirthDate: '2018-03-14',
    Sex: 'M',
    Ethnicity: 'WBRI',
    PostCode: 'AB1 2BD',
    UPN: 'K201361415001',
    Requests: [request],
  };
  const header = { Year: 2027, ReferenceDate: '2027-01-21', LEA: '201', SoftwareCode: 'x', Release: '1', SerialNo: '001', DateTime: '2027-02-01T09:00:00', DMO: 'Y' as const, DCO: 'Y' as const, DSCO: 'N' as const };
  return { header, persons: [person] };
}

type Change = (r: Sen2Return, person: Sen2Person, request: Sen2Request) => void;

/** Each problem the validation lists, made by one change to the clean return: [what, change, item, severity, the record it names]. */
const CASES: [string, Change, string, 'error' | 'warning', 'case' | 'plan' | null][] = [
  ['no LA number', (r) => (r.header.LEA = null), 'Header/Source/LEA', 'error', null],
  ['no DSCO answer', (r) => (r.header.DSCO = null), 'Header/Source/DSCO', 'error', null],
  ['no sex', (_, p) => (p.Sex = null), 'Person/Sex', 'error', null],
  ['no ethnicity', (_, p) => (p.Ethnicity = null), 'Person/Ethnicity', 'error', null],
  ['no postcode', (_, p) => (p.PostCode = null), 'Person/PostCode', 'error', null],
  ['neither UPN, ULN nor a reason', (_, p) => delete p.UPN, 'Person/UPN', 'error', null],
  ['a date after the census', (_, __, q) => (q.ActivePlans!.LastReview = '2027-01-22'), 'Requests/ActivePlans/LastReview', 'error', 'plan'],
  ['a request before the child was born', (_, p) => (p.PersonBirthDate = '2026-02-04'), 'Requests/ReceivedDate', 'error', 'case'],
  ['a decision before the request', (_, __, q) => (q.RequestOutcomeDate = '2026-02-01'), 'Requests/RequestOutcomeDate', 'error', 'case'],
  ['an assessment outcome before the decision to assess', (_, __, q) => (q.Assessment!.AssessmentOutcomeDate = '2026-03-01'), 'Requests/Assessment/AssessmentOutcomeDate', 'error', 'case'],
  ['a plan start date before its request', (_, __, q) => (q.Assessment!.NamedPlan!.StartDate = '2026-01-20'), 'Requests/Assessment/NamedPlan/StartDate', 'error', 'plan'],
  ['no setting named in the plan', (_, __, q) => (q.Assessment!.NamedPlan!.PlanDetail = []), 'Requests/Assessment/NamedPlan/PlanDetail', 'error', 'plan'],
  ['a cease date without a reason', (_, __, q) => (q.Assessment!.NamedPlan!.CeaseDate = '2026-12-01'), 'Requests/Assessment/NamedPlan/CeaseReason', 'error', 'plan'],
  ['ceased before it started', (_, __, q) => Object.assign(q.Assessment!.NamedPlan!, { CeaseDate: '2026-06-01', CeaseReason: 2 }), 'Requests/Assessment/NamedPlan/CeaseDate', 'error', 'plan'],
  ['cease reason Other', (_, __, q) => Object.assign(q.Assessment!.NamedPlan!, { CeaseDate: '2026-12-01', CeaseReason: 9 }), 'Requests/Assessment/NamedPlan/CeaseReason', 'warning', 'plan'],
  ['personal budget not recorded', (_, __, q) => delete q.Assessment!.NamedPlan!.PB, 'Requests/Assessment/NamedPlan/PB', 'warning', 'plan'],
  ['a setting of type OTH', (_, __, q) => (q.Assessment!.NamedPlan!.PlanDetail = [{ SENsetting: 'OTH', PlacementRank: 1, SENunitIndicator: false, ResourcedProvisionIndicator: false }]), 'Requests/Assessment/NamedPlan/PlanDetail/SENsetting', 'warning', 'plan'],
  ['no setting attended', (_, __, q) => (q.ActivePlans!.PlacementDetail = []), 'Requests/ActivePlans/PlacementDetail', 'error', 'plan'],
  ['no primary need', (_, __, q) => (q.ActivePlans!.SENneed = [{ SENtype: 'MLD', SENtypeRank: 2 }]), 'Requests/ActivePlans/SENneed', 'error', 'plan'],
  ['left a setting before starting there', (_, __, q) => (q.ActivePlans!.PlacementDetail[0].LeavingDate = '2026-09-01'), 'Requests/ActivePlans/PlacementDetail/LeavingDate', 'error', 'plan'],
  ['a review meeting before the plan started', (_, __, q) => (q.ActivePlans!.ReviewMeeting = '2026-06-01'), 'Requests/ActivePlans/ReviewMeeting', 'error', 'plan'],
  ['a review decision before its meeting', (_, __, q) => (q.ActivePlans!.LastReview = '2026-11-30'), 'Requests/ActivePlans/LastReview', 'error', 'plan'],
  ['a draft before the review meeting', (_, __, q) => (q.ActivePlans!.ReviewDraft = '2026-11-30'), 'Requests/ActivePlans/ReviewDraft', 'error', 'plan'],
  ['a phase-transfer final plan without its due date', (_, __, q) => (q.ActivePlans!.PhaseTransferFinalDate = '2026-02-10'), 'Requests/ActivePlans/PhaseTransferDueDate', 'error', 'plan'],
  ['an exception awaiting approval (Week20 would be wrong)', (_, __, q) => (q.notes.exceptionsAwaitingApproval = ['2026-04-01']), 'Requests/Assessment/Week20', 'warning', 'case'],
  ['a plan from an authority named in words', (_, __, q) => (q.notes.transferredFrom = 'Another County'), 'Requests/ActivePlans/TransferLA', 'warning', 'case'],
];

describe('SEN2 pre-submission checks (workflows/sen2/return/return-checks.ts)', () => {
  it('find nothing in a complete, consistent return', () => {
    expect(returnProblems(cleanReturn())).toEqual([]);
  });

  it.each(CASES)('list %s as the item it is about, and nothing else', (_, change, item, severity, kind) => {
    const sen2 = cleanReturn();
    change(sen2, sen2.persons[0], sen2.persons[0].Requests[0]);
    const problems = returnProblems(sen2);
    expect(problems.map((p) => [p.item, p.severity])).toEqual([[item, severity]]);
    expect(problems[0].about?.kind ?? null).toBe(kind);
    expect(problems[0].childId).toBe(item.startsWith('Header') ? null : 'child-1');
    expect(problems[0].message).toMatch(/\.$/);
  });

  it('refuse Down syndrome as a need before the 2025 return, when SEN2 did not have it', () => {
    const sen2 = cleanReturn();
    sen2.persons[0].Requests[0].ActivePlans!.SENneed = [{ SENtype: 'DS', SENtypeRank: 1 }];
    expect(returnProblems(sen2)).toEqual([]);
    sen2.header.Year = 2024;
    expect(returnProblems(sen2).map((p) => p.item)).toEqual(['Requests/ActivePlans/SENneed/SENtype']);
  });
});
