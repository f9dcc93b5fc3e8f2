import {
  allowedPlanEvents,
  computePlanDeadlines,
  planFactsOf,
  type AmendmentRecord,
  type CeaseRecord,
  type EducationPhase,
  type IsoDate,
  type PhaseTransferRecord,
  type PlanClockOptions,
  type PlanEventType,
  type PlanExceptionRecord,
  type PlanStatus,
  type ReassessmentRecord,
  type ReviewRecord,
} from '../../workflows/ehc-plan/index.js';
import type { Deadline } from '../../workflows/limits/index.js';
import { deadlineViews, type DeadlineView } from '../cases/case-view.js';
import type { OpenDispute } from '../disputes/open-disputes.js';
import type { PlanRecord } from './plan-store.js';

/** A plan as `GET /api/plans/:id` returns it: the shape of a case, with the plan's own history. */
export interface PlanView {
  id: string;
  reference: string;
  status: PlanStatus;
  machineId: string;
  machineVersion: number;
  version: number;
  child: { givenName: string; familyName: string; dateOfBirth: IsoDate };
  /** The child record (GET /api/children/:id), shared with the case whose final plan made it. */
  childId: string;
  startedOn: IsoDate;
  /** The assessment case whose final plan started it; null for a plan made before the engine or transferred in. */
  caseId: string | null;
  /** Its open disputes (issue 14). */
  disputes: OpenDispute[];
  assignee: string | null;
  namedSetting: string | null;
  phase: EducationPhase;
  nextPhase: EducationPhase | null;
  yearGroupOffset: number;
  lastReviewMeetingOn: IsoDate | null;
  transferredInOn: IsoDate | null;
  deadlines: Record<string, DeadlineView>;
  allowedEvents: PlanEventType[];
  reviews: ReviewRecord[];
  amendments: AmendmentRecord[];
  reassessments: ReassessmentRecord[];
  phaseTransfers: PhaseTransferRecord[];
  ceases: CeaseRecord[];
  exceptions: PlanExceptionRecord[];
  ceasedOn: IsoDate | null;
  createdAt: string;
  updatedAt: string;
}

export function toPlanView(record: PlanRecord, today: IsoDate, options: PlanClockOptions, disputes: OpenDispute[] = []): PlanView {
  return toPlanViewWith(record, computePlanDeadlines(planFactsOf(record.snapshot), today, options), disputes);
}

/** For a plan just written, whose deadlines were computed for today already. */
export function toPlanViewWith(record: PlanRecord, computed: Deadline[], disputes: OpenDispute[] = []): PlanView {
  const facts = planFactsOf(record.snapshot);
  const deadlines = deadlineViews(computed);
  return {
    id: record.id,
    reference: record.reference,
    status: record.status,
    machineId: record.machineId,
    machineVersion: record.machineVersion,
    version: record.version,
    child: { givenName: record.childGivenName, familyName: record.childFamilyName, dateOfBirth: record.childDateOfBirth },
    childId: record.childId,
    startedOn: record.startedOn,
    caseId: record.caseId,
    disputes,
    assignee: record.assigneeId,
    namedSetting: facts.namedSetting ?? null,
    phase: facts.phase,
    nextPhase: facts.nextPhase ?? null,
    yearGroupOffset: facts.yearGroupOffset,
    lastReviewMeetingOn: facts.lastReviewMeetingOn ?? null,
    transferredInOn: facts.transferredInOn ?? null,
    deadlines,
    allowedEvents: allowedPlanEvents({ machineId: record.machineId, machineVersion: record.machineVersion }, record.snapshot),
    reviews: facts.reviews,
    amendments: facts.amendments,
    reassessments: facts.reassessments,
    phaseTransfers: facts.phaseTransfers,
    ceases: facts.ceases,
    exceptions: facts.exceptions,
    ceasedOn: facts.ceasedOn ?? null,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}
