/**
 * Builds each child's SEN2 Person element from the engine's records as they stood on the
 * reference date (../shared/sen2.md §1.1, domain document 7.4). Pure: the records come in as
 * plain facts, and a step dated after the reference date (or told to the family after it) has
 * not happened yet for the return.
 */
import type { IsoDate } from '../../calendar/dates.js';
import { notifiedOn, week20ExceptionApplies, type CaseFacts, type NoticeName } from '../../ehc-needs-assessment/index.js';
import { notified, type PlanFacts } from '../../ehc-plan/index.js';
import { isCode, type CeaseReason, type RequestSource, type ReviewOutcome } from '../codes.js';
import { laNumberReason } from '../identifiers.js';
import type { CollectionPeriod } from './collection.js';
import type { RecordRef, Sen2ActivePlans, Sen2Assessment, Sen2NamedPlan, Sen2Person, Sen2Placement, Sen2Request, Sen2Setting } from './return-model.js';

/** Mediation asked for, or an appeal sent to the authority, by the reference date, per disputed decision (domain 7.4). */
export interface DisputeFlags {
  requestMediation: boolean;
  requestTribunal: boolean;
  assessmentMediation: boolean;
  assessmentTribunal: boolean;
  otherMediation: boolean;
  otherTribunal: boolean;
}

export interface CaseRecord {
  ref: RecordRef;
  childId: string;
  givenName: string;
  familyName: string;
  dateOfBirth: IsoDate;
  facts: CaseFacts;
  disputes: DisputeFlags;
  /** The plan its final plan made, if any. */
  planId: string | null;
}

export interface PlacementRecord {
  urn: string | null;
  ukprn: string | null;
  senSetting: string | null;
  senSettingOther: string | null;
  placementRank: number;
  entryDate: IsoDate;
  leavingDate: IsoDate | null;
  senUnit: boolean;
  resourcedProvision: boolean;
  residential: string | null;
  workBased: string | null;
}

/** The plan's SEN2 items of NamedPlan and SENneed (plan_sen2_detail): null when not (yet) known. */
export interface PlanSen2DetailRecord {
  planRes: string | null;
  planWbp: string | null;
  personalBudget: boolean | null;
  organisedArrangements: boolean | null;
  directPayments: string | null;
  primaryNeed: string | null;
  secondaryNeed: string | null;
}

export interface PlanRecord {
  ref: RecordRef;
  childId: string;
  caseId: string | null;
  givenName: string;
  familyName: string;
  dateOfBirth: IsoDate;
  facts: PlanFacts;
  /** The authority it transferred in from, as entered. */
  fromAuthority: string | null;
  detail: PlanSen2DetailRecord | null;
  placements: PlacementRecord[];
  /** Its phase-transfer limits (plan_deadline rows `phaseTransfer…`). */
  phaseTransfers: { dueOn: IsoDate; metOn: IsoDate | null }[];
}

/** A child record's SEN2 identity items (sen2.md §1.1 Person): null when not (yet) known. */
export interface ChildRecord {
  id: string;
  upn: string | null;
  uln: string | null;
  upnUnknown: string | null;
  sex: string | null;
  ethnicity: string | null;
  postcode: string | null;
}

/** SEN2 RequestSource (item 2.2): the parent and the young person share code 1. */
export const REQUEST_SOURCE_CODES: Record<CaseFacts['requestSource'], RequestSource> = {
  parent: 1,
  young_person: 1,
  school: 2,
  health: 3,
  social_care: 4,
  other: 5,
};

const REVIEW_OUTCOME_CODES: Record<string, ReviewOutcome> = { amend: 'A', cease: 'C', maintain: 'M' };

const byDate = (asOf: IsoDate) => (on: IsoDate | undefined): IsoDate | undefined => (on !== undefined && on <= asOf ? on : undefined);

/** A case step as the return sees it: its date told to the family, if that was by the reference date. */
function caseStepTold(facts: CaseFacts, notice: NoticeName, stepOn: IsoDate | undefined, asOf: IsoDate): IsoDate | undefined {
  return byDate(asOf)(notifiedOn(facts, notice, byDate(asOf)(stepOn))?.on);
}

/** Whether the case is one the return reports: received by the period's end, and in it or still open at its start. */
export function caseInReturn(facts: CaseFacts, period: CollectionPeriod): boolean {
  if (facts.requestReceivedOn > period.to) return false;
  if (facts.requestReceivedOn >= period.from) return true;
  const closedOn = [facts.decisionToAssess?.decision === 'decline' ? facts.decisionToAssess.on : undefined, facts.issueDecision?.decision === 'not_issue' ? facts.issueDecision.on : undefined, facts.finalIssuedOn, facts.withdrawnOn]
    .filter((on): on is IsoDate => on !== undefined)
    .sort()[0];
  return closedOn === undefined || closedOn >= period.from;
}

/** Whether the plan is active on the reference date, or ended since the previous census. */
export function planInReturn(facts: PlanFacts, period: CollectionPeriod): boolean {
  if (facts.startedOn > period.referenceDate) return false;
  const ended = facts.ceasedOn ?? facts.transferredOut?.on;
  return ended === undefined || ended > period.endedAfter;
}

function requestOutcome(facts: CaseFacts, asOf: IsoDate): Pick<Sen2Request, 'RequestOutcome' | 'RequestOutcomeDate'> {
  const decided = facts.decisionToAssess;
  const told = caseStepTold(facts, 'decision_to_assess', decided?.on, asOf);
  if (decided && told) return { RequestOutcome: decided.decision === 'assess' ? 'Y' : 'N', RequestOutcomeDate: told };
  const withdrawn = byDate(asOf)(facts.withdrawnOn);
  if (withdrawn) return { RequestOutcome: 'W', RequestOutcomeDate: withdrawn };
  return { RequestOutcome: 'A' };
}

function assessment(c: CaseRecord, plan: PlanRecord | undefined, period: CollectionPeriod): Sen2Assessment {
  const { facts, disputes } = c;
  const asOf = period.referenceDate;
  const decided = facts.issueDecision;
  const told = caseStepTold(facts, 'decision_to_issue', decided?.on, asOf);
  const withdrawn = byDate(asOf)(facts.withdrawnOn);
  const outcome: Pick<Sen2Assessment, 'AssessmentOutcome' | 'AssessmentOutcomeDate'> =
    decided && told ? { AssessmentOutcome: decided.decision === 'issue' ? 'Y' : 'N', AssessmentOutcomeDate: told } : withdrawn ? { AssessmentOutcome: 'W', AssessmentOutcomeDate: withdrawn } : { AssessmentOutcome: 'A' };
  return {
    ...outcome,
    AssessmentMediation: disputes.assessmentMediation,
    AssessmentTribunal: disputes.assessmentTribunal,
    OtherMediation: disputes.otherMediation,
    OtherTribunal: disputes.otherTribunal,
    Week20: week20ExceptionApplies(facts, asOf),
    NamedPlan: plan && namedPlan(plan, period),
  };
}

function exceptionsAwaitingApproval(facts: CaseFacts, asOf: IsoDate): IsoDate[] {
  return facts.exceptions.filter((e) => e.recordedOn <= asOf && (e.approvedOn === undefined || e.approvedOn > asOf)).map((e) => e.recordedOn);
}

/** A request for assessment, with the plan it made when that plan is in the return too (it started by the reference date). */
export function caseRequest(c: CaseRecord, plan: PlanRecord | undefined, period: CollectionPeriod): Sen2Request {
  const asOf = period.referenceDate;
  const outcome = requestOutcome(c.facts, asOf);
  return {
    about: c.ref,
    ReceivedDate: c.facts.requestReceivedOn,
    RequestSource: REQUEST_SOURCE_CODES[c.facts.requestSource],
    ...outcome,
    RequestMediation: c.disputes.requestMediation,
    RequestTribunal: c.disputes.requestTribunal,
    Assessment: outcome.RequestOutcome === 'Y' ? assessment(c, plan, period) : undefined,
    ActivePlans: plan && activePlans(plan, period),
    notes: { exceptionsAwaitingApproval: exceptionsAwaitingApproval(c.facts, asOf) },
  };
}

/**
 * A plan whose request is not in this return (made before the period, transferred in, or
 * entered without its assessment): RequestOutcome and AssessmentOutcome H, no request dates
 * (sen2.md §1.4, "Historical plans").
 */
export function historicalRequest(plan: PlanRecord, period: CollectionPeriod): Sen2Request {
  const transferredFrom = plan.fromAuthority !== null && laNumberReason(plan.fromAuthority) !== null ? plan.fromAuthority : undefined;
  return {
    about: plan.ref,
    RequestOutcome: 'H',
    Assessment: { AssessmentOutcome: 'H', NamedPlan: namedPlan(plan, period) },
    ActivePlans: activePlans(plan, period),
    notes: { exceptionsAwaitingApproval: [], transferredFrom },
  };
}

function setting(p: PlacementRecord): Sen2Setting {
  return {
    URN: p.urn ?? undefined,
    UKPRN: p.ukprn ?? undefined,
    SENsetting: (p.senSetting ?? undefined) as Sen2Setting['SENsetting'],
    SENsettingOther: p.senSettingOther ?? undefined,
    PlacementRank: p.placementRank as Sen2Setting['PlacementRank'],
    SENunitIndicator: p.senUnit,
    ResourcedProvisionIndicator: p.resourcedProvision,
  };
}

/** PlanDetail: the first setting of each rank the plan recorded (the setting it named), main first. */
function namedSettings(placements: PlacementRecord[], asOf: IsoDate): Sen2Setting[] {
  const first = new Map<number, PlacementRecord>();
  for (const p of [...placements].sort((a, b) => a.entryDate.localeCompare(b.entryDate))) {
    if (p.entryDate <= asOf && !first.has(p.placementRank)) first.set(p.placementRank, p);
  }
  return [...first.values()].sort((a, b) => a.placementRank - b.placementRank).map(setting);
}

function planEnd(facts: PlanFacts, asOf: IsoDate): { on: IsoDate; reason?: CeaseReason } | undefined {
  const transferred = byDate(asOf)(facts.transferredOut?.on);
  if (transferred) return { on: transferred, reason: 5 };
  const ceased = byDate(asOf)(facts.ceasedOn);
  if (!ceased) return undefined;
  const decision = facts.ceases.filter((c) => c.withdrawnOn === undefined && c.on <= ceased).at(-1);
  return { on: ceased, reason: decision?.ceaseReason };
}

function namedPlan(plan: PlanRecord, period: CollectionPeriod): Sen2NamedPlan {
  const asOf = period.referenceDate;
  const detail = plan.detail;
  const ended = planEnd(plan.facts, asOf);
  return {
    about: plan.ref,
    StartDate: plan.facts.startedOn,
    PlanDetail: namedSettings(plan.placements, asOf),
    PlanRes: (detail?.planRes ?? undefined) as Sen2NamedPlan['PlanRes'],
    PlanWBP: (detail?.planWbp ?? undefined) as Sen2NamedPlan['PlanWBP'],
    PB: detail?.personalBudget ?? undefined,
    OA: detail?.organisedArrangements ?? undefined,
    DP: (detail?.directPayments ?? undefined) as Sen2NamedPlan['DP'],
    CeaseDate: ended?.on,
    CeaseReason: ended?.reason,
  };
}

/** PlacementDetail: the settings attended on the reference date, and those left during the collection period. */
function placementsReported(placements: PlacementRecord[], period: CollectionPeriod): Sen2Placement[] {
  return placements
    .filter((p) => p.entryDate <= period.referenceDate && (p.leavingDate === null || p.leavingDate >= period.from))
    .sort((a, b) => a.entryDate.localeCompare(b.entryDate) || a.placementRank - b.placementRank)
    .map((p) => ({
      ...setting(p),
      EntryDate: p.entryDate,
      LeavingDate: byDate(period.referenceDate)(p.leavingDate ?? undefined),
      Res: (p.residential ?? undefined) as Sen2Placement['Res'],
      WBP: (p.workBased ?? undefined) as Sen2Placement['WBP'],
    }));
}

/** The latest review meeting held by the reference date, its decision if notified by then, and the draft it led to. */
function reviewItems(facts: PlanFacts, asOf: IsoDate): Pick<Sen2ActivePlans, 'ReviewMeeting' | 'ReviewOutcome' | 'ReviewDraft' | 'LastReview'> {
  const review = facts.reviews.filter((r) => r.heldOn !== undefined && r.heldOn <= asOf).at(-1);
  if (!review) return {};
  const toldOn = byDate(asOf)(notified(review.decisionNotices, byDate(asOf)(review.decision?.on))?.on);
  if (!review.decision || !toldOn) return { ReviewMeeting: review.heldOn };
  const amendment = facts.amendments.find((a) => a.source === 'review' && a.review === review.n);
  const draftOn = amendment && byDate(asOf)(notified(amendment.notices, amendment.sentOn)?.on);
  return { ReviewMeeting: review.heldOn, ReviewOutcome: REVIEW_OUTCOME_CODES[review.decision.decision], ReviewDraft: draftOn, LastReview: toldOn };
}

/** The phase transfer due from the start of the collection period to the end of March after the census, the latest such. */
function phaseTransferItems(plan: PlanRecord, period: CollectionPeriod): Pick<Sen2ActivePlans, 'PhaseTransferDueDate' | 'PhaseTransferFinalDate'> {
  const last = `${period.year}-03-31`;
  const transfer = plan.phaseTransfers.filter((t) => t.dueOn >= period.from && t.dueOn <= last).sort((a, b) => a.dueOn.localeCompare(b.dueOn)).at(-1);
  if (!transfer) return {};
  return { PhaseTransferDueDate: transfer.dueOn, PhaseTransferFinalDate: byDate(period.referenceDate)(transfer.metOn ?? undefined) };
}

function activePlans(plan: PlanRecord, period: CollectionPeriod): Sen2ActivePlans | undefined {
  const asOf = period.referenceDate;
  if (planEnd(plan.facts, asOf)) return undefined;
  const transferredIn = plan.facts.transferredInOn;
  const transferLa = transferredIn && transferredIn >= period.from && plan.fromAuthority !== null && laNumberReason(plan.fromAuthority) === null ? plan.fromAuthority : undefined;
  const needs = [plan.detail?.primaryNeed, plan.detail?.secondaryNeed];
  return {
    about: plan.ref,
    TransferLA: transferLa,
    PlacementDetail: placementsReported(plan.placements, period),
    SENneed: needs.flatMap((need, i) => (need ? [{ SENtype: need as Sen2ActivePlans['SENneed'][number]['SENtype'], SENtypeRank: (i + 1) as 1 | 2 }] : [])),
    ...reviewItems(plan.facts, asOf),
    ...phaseTransferItems(plan, period),
  };
}

/** The newest record carries the name the child is known by now. */
function latestName(cases: CaseRecord[], plans: PlanRecord[]): { givenName: string; familyName: string; dateOfBirth: IsoDate } {
  const plan = [...plans].sort((a, b) => a.facts.startedOn.localeCompare(b.facts.startedOn)).at(-1);
  if (plan) return plan;
  return [...cases].sort((a, b) => a.facts.requestReceivedOn.localeCompare(b.facts.requestReceivedOn)).at(-1)!;
}

/**
 * One child's Person: a Requests element per request in the return (carrying the plan it made),
 * and one per plan in the return whose request is not (a historical plan). Null when none of the
 * child's records is in the return.
 */
export function personOf(child: ChildRecord, cases: CaseRecord[], plans: PlanRecord[], period: CollectionPeriod): Sen2Person | null {
  const reportedCases = cases.filter((c) => caseInReturn(c.facts, period));
  const reportedPlans = plans.filter((p) => planInReturn(p.facts, period));
  if (reportedCases.length === 0 && reportedPlans.length === 0) return null;
  const planOf = (c: CaseRecord) => reportedPlans.find((p) => p.ref.id === c.planId);
  const requests = reportedCases
    .sort((a, b) => a.facts.requestReceivedOn.localeCompare(b.facts.requestReceivedOn))
    .map((c) => caseRequest(c, planOf(c), period));
  const carried = new Set(requests.flatMap((r) => [r.Assessment?.NamedPlan?.about.id, r.ActivePlans?.about.id]));
  const historical = reportedPlans.filter((p) => !carried.has(p.ref.id)).map((p) => historicalRequest(p, period));
  const name = latestName(cases, plans);
  return {
    childId: child.id,
    Surname: name.familyName,
    Forename: name.givenName,
    PersonBirthDate: name.dateOfBirth,
    Sex: isCode(['M', 'F'] as const, child.sex) ? child.sex : null,
    Ethnicity: (child.ethnicity ?? null) as Sen2Person['Ethnicity'],
    PostCode: child.postcode,
    UPN: child.upn ?? undefined,
    UniqueLearnerNumber: child.uln ?? undefined,
    UPNunknown: (child.upnUnknown ?? undefined) as Sen2Person['UPNunknown'],
    Requests: [...historical, ...requests],
  };
}
