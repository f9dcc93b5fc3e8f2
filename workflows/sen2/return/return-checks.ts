/**
 * Pre-submission checks of a SEN2 return (issue 15 item 3): the required items and codes of
 * ../shared/sen2.md §2.1, and the consistency checks of §2.3 (inferred, not DfE rule text: run
 * until DfE's validation rules can be read). Each problem names the child, the record to open
 * (case or plan) and the element, and says what to fix. Errors are what COLLECT would refuse or
 * what makes an item wrong; warnings are what DfE queries or what is worth a second look.
 */
import type { IsoDate } from '../../calendar/dates.js';
import { senTypeAllowedIn } from '../codes.js';
import type { RecordRef, Sen2ActivePlans, Sen2Header, Sen2NamedPlan, Sen2Person, Sen2Request, Sen2Return } from './return-model.js';

export type Sen2Severity = 'error' | 'warning';

export interface Sen2Problem {
  severity: Sen2Severity;
  /** The element, as a path from Message (`Person/Sex`, `Requests/ActivePlans/SENneed`). */
  item: string;
  message: string;
  /** Null for the header. */
  childId: string | null;
  /** The case or plan to open; null for the child record and the header. */
  about: RecordRef | null;
}

type Found = Omit<Sen2Problem, 'childId'>;

const error = (item: string, message: string, about: RecordRef | null = null): Found => ({ severity: 'error', item, message, about });
const warning = (item: string, message: string, about: RecordRef | null = null): Found => ({ severity: 'warning', item, message, about });
const longDate = (on: IsoDate) => new Date(`${on}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export function headerProblems(header: Sen2Header): Sen2Problem[] {
  const found: Found[] = [];
  if (header.LEA === null) found.push(error('Header/Source/LEA', 'The authority\'s 3-digit LA number is not set: set it in the SEN2 return settings.'));
  for (const officer of ['DMO', 'DCO', 'DSCO'] as const) {
    if (header[officer] === null) found.push(error(`Header/Source/${officer}`, `Whether the area has a ${OFFICERS[officer]} is not set: set it in the SEN2 return settings.`));
  }
  return found.map((f) => ({ ...f, childId: null }));
}

const OFFICERS = { DMO: 'Designated Medical Officer', DCO: 'Designated Clinical Officer', DSCO: 'Designated Social Care Officer' };

function identityProblems(person: Sen2Person): Found[] {
  const found: Found[] = [];
  if (person.Sex === null) found.push(error('Person/Sex', 'The child\'s sex is not recorded: record it on the child\'s page.'));
  if (person.Ethnicity === null) found.push(error('Person/Ethnicity', 'The child\'s ethnicity is not recorded: record it on the child\'s page (NOBT when the family declined to say).'));
  if (person.PostCode === null) found.push(error('Person/PostCode', 'The child\'s postcode is not recorded: record it on the child\'s page.'));
  if (!person.UPN && !person.UniqueLearnerNumber && !person.UPNunknown) {
    found.push(error('Person/UPN', 'Neither a UPN nor a ULN is recorded, nor the reason both are unavailable: record one of the three on the child\'s page.'));
  }
  return found;
}

/** Every date of a request's elements that must not be after the reference date (all but PhaseTransferDueDate). */
function datedItems(request: Sen2Request): [string, IsoDate | undefined, RecordRef][] {
  const plan = request.Assessment?.NamedPlan;
  const active = request.ActivePlans;
  return [
    ['Requests/ReceivedDate', request.ReceivedDate, request.about],
    ['Requests/RequestOutcomeDate', request.RequestOutcomeDate, request.about],
    ['Requests/Assessment/AssessmentOutcomeDate', request.Assessment?.AssessmentOutcomeDate, request.about],
    ...(plan ? ([['Requests/Assessment/NamedPlan/StartDate', plan.StartDate, plan.about], ['Requests/Assessment/NamedPlan/CeaseDate', plan.CeaseDate, plan.about]] as const) : []),
    ...(active
      ? ([
          ...active.PlacementDetail.flatMap((p) => [['Requests/ActivePlans/PlacementDetail/EntryDate', p.EntryDate, active.about], ['Requests/ActivePlans/PlacementDetail/LeavingDate', p.LeavingDate, active.about]] as const),
          ['Requests/ActivePlans/ReviewMeeting', active.ReviewMeeting, active.about],
          ['Requests/ActivePlans/ReviewDraft', active.ReviewDraft, active.about],
          ['Requests/ActivePlans/PhaseTransferFinalDate', active.PhaseTransferFinalDate, active.about],
          ['Requests/ActivePlans/LastReview', active.LastReview, active.about],
        ] as const)
      : []),
  ] as [string, IsoDate | undefined, RecordRef][];
}

function dateProblems(person: Sen2Person, request: Sen2Request, referenceDate: IsoDate): Found[] {
  const found: Found[] = [];
  for (const [item, on, about] of datedItems(request)) {
    if (on === undefined) continue;
    if (on > referenceDate) found.push(error(item, `${longDate(on)} is after the census date (${longDate(referenceDate)}): check the date recorded.`, about));
    if (on < person.PersonBirthDate) found.push(error(item, `${longDate(on)} is before the child's date of birth (${longDate(person.PersonBirthDate)}): check the date of birth or this date.`, about));
  }
  return found;
}

function orderProblems(request: Sen2Request): Found[] {
  const found: Found[] = [];
  const { ReceivedDate: received, RequestOutcomeDate: decided, about } = request;
  const assessed = request.Assessment?.AssessmentOutcomeDate;
  if (received && decided && decided < received) found.push(error('Requests/RequestOutcomeDate', `The decision whether to assess (${longDate(decided)}) is before the request was received (${longDate(received)}).`, about));
  if (assessed && decided && assessed < decided) found.push(error('Requests/Assessment/AssessmentOutcomeDate', `The assessment's outcome (${longDate(assessed)}) is before the decision to assess (${longDate(decided)}).`, about));
  if (assessed && received && assessed < received) found.push(error('Requests/Assessment/AssessmentOutcomeDate', `The assessment's outcome (${longDate(assessed)}) is before the request was received (${longDate(received)}).`, about));
  const plan = request.Assessment?.NamedPlan;
  if (plan && received && plan.StartDate < received) {
    found.push(error('Requests/Assessment/NamedPlan/StartDate', `The plan's start date (${longDate(plan.StartDate)}) is before its request was received (${longDate(received)}): correct the plan's start or the request's date.`, plan.about));
  }
  return found;
}

function namedPlanProblems(plan: Sen2NamedPlan): Found[] {
  const found: Found[] = [];
  const { about } = plan;
  if (plan.PlanDetail.length === 0) found.push(error('Requests/Assessment/NamedPlan/PlanDetail', 'No setting is recorded for the plan (URN, UKPRN or a type of setting): add the setting on the plan\'s SEN2 page.', about));
  if (plan.CeaseDate && plan.CeaseReason === undefined) found.push(error('Requests/Assessment/NamedPlan/CeaseReason', 'The plan ceased without a SEN2 reason: correct the decision to cease with its reason.', about));
  if (plan.CeaseDate && plan.CeaseDate < plan.StartDate) found.push(error('Requests/Assessment/NamedPlan/CeaseDate', `The plan ceased (${longDate(plan.CeaseDate)}) before it started (${longDate(plan.StartDate)}).`, about));
  if (plan.CeaseReason === 9) found.push(warning('Requests/Assessment/NamedPlan/CeaseReason', 'The reason the plan ceased is "Other" (9): COLLECT will ask for more information; use a specific reason if one applies.', about));
  if (plan.PB === undefined) found.push(warning('Requests/Assessment/NamedPlan/PB', 'Whether a personal budget was taken up is not recorded: record it on the plan\'s SEN2 page.', about));
  for (const detail of plan.PlanDetail) {
    if (detail.SENsetting === 'OTH' || detail.SENsetting === 'NIEO') found.push(warning('Requests/Assessment/NamedPlan/PlanDetail/SENsetting', `The setting is ${detail.SENsetting}: COLLECT will ask for more information; name the setting by its URN or UKPRN if it has one.`, about));
  }
  return found;
}

function activePlanProblems(active: Sen2ActivePlans, plan: Sen2NamedPlan | undefined, year: number): Found[] {
  const found: Found[] = [];
  const { about } = active;
  if (active.PlacementDetail.length === 0) found.push(error('Requests/ActivePlans/PlacementDetail', 'No setting attended is recorded for the census date: add the setting on the plan\'s SEN2 page.', about));
  if (!active.SENneed.some((need) => need.SENtypeRank === 1)) found.push(error('Requests/ActivePlans/SENneed', 'The plan\'s primary SEN need is not recorded: record it on the plan\'s SEN2 page.', about));
  for (const need of active.SENneed) {
    if (!senTypeAllowedIn(need.SENtype, year)) found.push(error('Requests/ActivePlans/SENneed/SENtype', `${need.SENtype} is not a SEN type of the ${year} return.`, about));
  }
  for (const p of active.PlacementDetail) {
    if (p.LeavingDate && p.LeavingDate < p.EntryDate) found.push(error('Requests/ActivePlans/PlacementDetail/LeavingDate', `The child left a setting (${longDate(p.LeavingDate)}) before starting there (${longDate(p.EntryDate)}).`, about));
  }
  const { ReviewMeeting: meeting, LastReview: decided, ReviewDraft: draft } = active;
  if (meeting && plan && meeting < plan.StartDate) found.push(error('Requests/ActivePlans/ReviewMeeting', `The review meeting (${longDate(meeting)}) is before the plan started (${longDate(plan.StartDate)}).`, about));
  if (meeting && decided && decided < meeting) found.push(error('Requests/ActivePlans/LastReview', `The review decision (${longDate(decided)}) is before its meeting (${longDate(meeting)}): correct the review's dates.`, about));
  if (meeting && draft && draft < meeting) found.push(error('Requests/ActivePlans/ReviewDraft', `The draft amended plan (${longDate(draft)}) is before the review meeting (${longDate(meeting)}).`, about));
  if (active.PhaseTransferFinalDate && !active.PhaseTransferDueDate) found.push(error('Requests/ActivePlans/PhaseTransferDueDate', 'A phase-transfer final plan is recorded without its due date.', about));
  return found;
}

function requestProblems(person: Sen2Person, request: Sen2Request, year: number, referenceDate: IsoDate): Found[] {
  const found = [...dateProblems(person, request, referenceDate), ...orderProblems(request)];
  const plan = request.Assessment?.NamedPlan;
  if (plan) found.push(...namedPlanProblems(plan));
  if (request.ActivePlans) found.push(...activePlanProblems(request.ActivePlans, plan, year));
  for (const recordedOn of request.notes.exceptionsAwaitingApproval) {
    found.push(warning('Requests/Assessment/Week20', `An exception to the 20-week limit recorded on ${longDate(recordedOn)} was not approved by the census date, so Week20 is 0: approve or refuse it.`, request.about));
  }
  if (request.notes.transferredFrom !== undefined && request.ActivePlans && !request.ActivePlans.TransferLA) {
    found.push(warning('Requests/ActivePlans/TransferLA', `The plan came from "${request.notes.transferredFrom}", which is not a 3-digit LA number: record the LA number of the authority it came from.`, request.about));
  }
  return found;
}

/** Every problem of one child's Person element, the child record's first. */
export function personProblems(person: Sen2Person, year: number, referenceDate: IsoDate): Sen2Problem[] {
  const found = [...identityProblems(person), ...person.Requests.flatMap((request) => requestProblems(person, request, year, referenceDate))];
  return found.map((f) => ({ ...f, childId: person.childId }));
}

export function returnProblems(sen2: Sen2Return): Sen2Problem[] {
  return [...headerProblems(sen2.header), ...sen2.persons.flatMap((person) => personProblems(person, sen2.header.Year, sen2.header.ReferenceDate))];
}
