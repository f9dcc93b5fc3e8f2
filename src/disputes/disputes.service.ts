import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  applyDisputeEvent,
  CASE_DISPUTED_DECISIONS,
  computeDisputeLimitRecords,
  DISPUTE_STARTED,
  disputeFactsOf,
  disputeMachines,
  migrateDispute,
  replayDisputeWithCorrection,
  orderStepsMetBy,
  PLAN_DISPUTED_DECISIONS,
  startDispute,
  type DisputeClockOptions,
  type DisputedDecision,
  type DisputeEvent,
  type DisputeFacts,
  type DisputeStatus,
  type IsoDate,
  type SubjectStep,
} from '../../workflows/ehc-dispute/index.js';
import { caseFactsOf, type CaseOrderAction, type DisputeOrderedEvent } from '../../workflows/ehc-needs-assessment/index.js';
import { planFactsOf, type PlanFacts } from '../../workflows/ehc-plan/index.js';
import { deadlineOn, type Deadline } from '../../workflows/limits/index.js';
import type { PersistedSnapshot } from '../../workflows/process/pure-machine.js';
import type { ChildDataReader } from '../access-log/logs-child-data.decorator.js';
import { ForbiddenError } from '../auth/auth.errors.js';
import type { CaseActor } from '../cases/case-actor.js';
import type { CaseEventView } from '../cases/case-view.js';
import { caseStore } from '../cases/case-store.js';
import { Clock } from '../common/clock.js';
import { ValidationFailedError } from '../common/domain-error.js';
import { writeDespiteLostRaces } from '../database/lost-races.js';
import { trailLines, trailView } from '../database/process-trail.js';
import { PROCESSES } from '../database/process-tables.js';
import type { NewEvent, Supersession } from '../database/process-write.js';
import { EVENT_CORRECTED } from '../../workflows/process/corrections.js';
import { MACHINE_MIGRATED } from '../../workflows/process/migration.js';
import { deadlineChanges, nextDueOn } from '../limits/deadline-rows.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { planStore } from '../plans/plan-store.js';
import { OutboxRelay } from '../queues/outbox.relay.js';
import type { CreateDisputeDto } from './create-dispute.dto.js';
import { disputeStore, type DisputeRecord } from './dispute-store.js';
import { toDisputeView, toDisputeViewWith, type DisputeView } from './dispute-view.js';
import { DisputeCorrectionRefusedError, DisputeMigrationRefusedError, DisputeRefusedError, DisputeTransitionRefusedError, DisputeVersionConflictError } from './disputes.errors.js';

export type DisputeEventView = CaseEventView;

export function disputeClockOptions(authority: LocalAuthority): DisputeClockOptions {
  return { strictMode: authority.strictDayCounting };
}

/** The authority's buffer after the last appeal date (domain 5.6), kept by the dispute as it stood when it was opened. */
export function appealBufferOf(authority: LocalAuthority): number {
  return authority.appealBufferWorkingDays;
}

/** The case or plan a dispute is about, and the day it made the decision disputed. */
interface Subject {
  caseId: string | null;
  planId: string | null;
  decidedOn: IsoDate;
}

/** The latest of some dates, or undefined. */
const latest = (dates: (IsoDate | undefined)[]): IsoDate | undefined => dates.filter((d): d is IsoDate => d !== undefined).sort().at(-1);

/** The day the plan made the decision, from its facts; a reason when it made none. */
function planDecisionOn(facts: PlanFacts, decision: DisputedDecision): IsoDate | string {
  switch (decision) {
    case 'decision_to_cease': {
      const cease = facts.ceases.at(-1);
      return cease && cease.withdrawnOn === undefined ? cease.on : 'The plan has no decision to cease in force (none was made, or it was withdrawn).';
    }
    case 'refusal_to_reassess':
      return latest(facts.reassessments.map((r) => (r.decision?.decision === 'refuse' ? r.decision.on : undefined))) ?? 'The plan has no decision refusing a re-assessment.';
    case 'decision_not_to_amend':
      return latest([...facts.amendments.map((a) => a.notAmendedOn), ...facts.reassessments.map((r) => r.notAmended?.on)]) ?? 'The plan has no decision not to amend.';
    case 'plan_contents':
      return latest([facts.issuedOn ?? facts.startedOn, ...facts.amendments.map((a) => a.issuedOn)])!;
    default:
      return `${decision} is a decision of an assessment, not of a plan.`;
  }
}

/**
 * Disputes on the plan's model: every change is read, checked against the version, computed by
 * the pure workflow and written with its event and limit rows in one statement.
 */
@Injectable()
export class DisputesService {
  private recordCaseOrder?: CaseOrderRecorder;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    @Optional() private readonly outbox?: OutboxRelay,
  ) {}

  async create(authority: LocalAuthority, request: CreateDisputeDto, actor: string): Promise<DisputeView> {
    if ((request.caseId === undefined) === (request.planId === undefined)) throw new ValidationFailedError('Give exactly one of caseId and planId.');
    const forPlan = request.planId !== undefined || request.decision === 'plan_contents';
    const allowed: readonly string[] = request.planId !== undefined ? PLAN_DISPUTED_DECISIONS : [...CASE_DISPUTED_DECISIONS, 'plan_contents'];
    if (!allowed.includes(request.decision)) {
      throw new ValidationFailedError(`decision ${request.decision} is not a decision of ${request.planId ? 'a plan' : 'a case'}; one of: ${allowed.join(', ')}`);
    }
    const today = this.clock.today();
    if (request.noticeSentOn > today) throw new DisputeRefusedError(`noticeSentOn ${request.noticeSentOn} is in the future; today is ${today}`);
    const created = await this.db.transaction(async (tx) => {
      const subject = await this.subjectOf(tx, authority, request, forPlan);
      if (request.decidedOn !== undefined && request.decidedOn !== subject.decidedOn) {
        throw new DisputeRefusedError(`decidedOn ${request.decidedOn} is not the day the decision was recorded (${subject.decidedOn}).`);
      }
      if (request.noticeSentOn < subject.decidedOn) throw new DisputeRefusedError(`noticeSentOn ${request.noticeSentOn} is before the decision (${subject.decidedOn}).`);
      const input = { decision: request.decision, decidedOn: subject.decidedOn, noticeSentOn: request.noticeSentOn, appealBufferWorkingDays: appealBufferOf(authority) };
      const started = startDispute(input);
      const rows = computeDisputeLimitRecords(started.facts, disputeClockOptions(authority));
      const record = await disputeStore.insert(
        tx,
        {
          localAuthorityId: authority.id,
          reference: await disputeStore.allocateReference(tx, authority.id, Number(request.noticeSentOn.slice(0, 4))),
          machineId: started.machineId,
          machineVersion: started.machineVersion,
          snapshot: started.snapshot,
          status: started.status,
          caseId: subject.caseId,
          planId: subject.planId,
          decision: request.decision,
          noticeSentOn: request.noticeSentOn,
          assigneeId: started.facts.assigneeId ?? null,
          nextDueOn: nextDueOn(rows),
        },
        { type: DISPUTE_STARTED, occurredOn: request.noticeSentOn, actor, machineVersion: started.machineVersion, payload: { ...input, caseId: subject.caseId, planId: subject.planId } },
        rows,
      );
      return toDisputeViewWith(record, rows.map((row) => deadlineOn(row, today)));
    });
    this.outbox?.nudge();
    return created;
  }

  /** The case or plan in the caller's authority, and the day it made the decision (404 or 422 otherwise). */
  private async subjectOf(tx: EntityManager, authority: LocalAuthority, request: CreateDisputeDto, forPlan: boolean): Promise<Subject> {
    if (request.caseId !== undefined) {
      const { record } = await caseStore.read(tx, authority.id, request.caseId);
      if (forPlan) {
        if (!record.planId) throw new DisputeRefusedError('The case has made no plan: a dispute of plan_contents needs the plan the case issued.');
        return this.planSubject(tx, authority, record.planId, request.decision);
      }
      const facts = caseFactsOf(record.snapshot);
      const on =
        request.decision === 'refusal_to_assess'
          ? facts.decisionToAssess?.decision === 'decline' ? facts.decisionToAssess.on : undefined
          : facts.issueDecision?.decision === 'not_issue' ? facts.issueDecision.on : undefined;
      if (on === undefined) {
        throw new DisputeRefusedError(request.decision === 'refusal_to_assess' ? 'The case has no decision not to assess.' : 'The case has no decision not to issue a plan.');
      }
      return { caseId: record.id, planId: null, decidedOn: on };
    }
    return this.planSubject(tx, authority, request.planId!, request.decision);
  }

  private async planSubject(tx: EntityManager, authority: LocalAuthority, planId: string, decision: DisputedDecision): Promise<Subject> {
    const { record } = await planStore.read(tx, authority.id, planId);
    const on = planDecisionOn(planFactsOf(record.snapshot), decision);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(on)) throw new DisputeRefusedError(on);
    return { caseId: null, planId: record.id, decidedOn: on };
  }

  async get(authority: LocalAuthority, disputeId: string): Promise<DisputeView> {
    const { record } = await disputeStore.read(this.db.manager, authority.id, disputeId);
    return toDisputeView(record, this.clock.today(), disputeClockOptions(authority));
  }

  async trail(authority: LocalAuthority, disputeId: string): Promise<DisputeEventView[]> {
    await disputeStore.read(this.db.manager, authority.id, disputeId);
    return trailView(this.db.manager, PROCESSES.dispute, disputeId, authority.id);
  }

  /** Called once by the cases service: an order to assess or to issue reopens the case it concerns. */
  receiveCaseOrdersWith(recorder: CaseOrderRecorder): void {
    this.recordCaseOrder = recorder;
  }

  /**
   * An event that can make an order (a decision, a concession, an agreement) is written in one
   * transaction with the case the order reopens.
   */
  recordEvent(authority: LocalAuthority, disputeId: string, submitted: DisputeEvent, expectedVersion: number | undefined, actor: CaseActor, reader?: ChildDataReader): Promise<DisputeView> {
    return this.transition(authority, disputeId, expectedVersion, applying(submitted, actor), MAY_MAKE_ORDERS.includes(submitted.type), reader);
  }

  /**
   * Supersedes a mis-recorded event (design section 7): the dispute is replayed from its trail
   * without it, or with `replacement` in its place. Refused when the change would alter an order
   * or an outcome its case or plan has already acted on (a case reopened, a plan ceased).
   */
  correct(authority: LocalAuthority, disputeId: string, correction: DisputeCorrectionRequest, expectedVersion: number | undefined, actor: CaseActor): Promise<DisputeView> {
    return this.transition(authority, disputeId, expectedVersion, async (current, today, db) => {
      const trail = await trailLines(db, PROCESSES.dispute, disputeId, authority.id);
      const replacement = correction.replacement && checkedEvent(correction.replacement, { ...current, version: correction.eventSeq - 1 }, actor, today);
      const ref = { machineId: current.machineId, machineVersion: current.machineVersion };
      const replayed = replayDisputeWithCorrection(ref, trail, { eventSeq: correction.eventSeq, replacement });
      if (!replayed.ok) throw new DisputeCorrectionRefusedError(replayed.message);
      await refuseUndoingWhatTheSubjectDid(db, current, disputeFactsOf(current.snapshot), replayed.facts);
      const payload = { eventSeq: correction.eventSeq, reason: correction.reason, ...(replayed.replacement && { replacement: replayed.replacement }) };
      return {
        next: replayed,
        line: { type: EVENT_CORRECTED, occurredOn: today, actor: actor.name, machineVersion: current.machineVersion, payload },
        supersedes: { seq: correction.eventSeq, reason: correction.reason },
      };
    }, true);
  }

  /** Moving a running dispute to a newer machine version is explicit and leaves a line in the trail. */
  migrate(authority: LocalAuthority, disputeId: string, toVersion: number, expectedVersion: number | undefined, actor: string): Promise<DisputeView> {
    return this.transition(authority, disputeId, expectedVersion, (current, today) => {
      if (!disputeMachines.registered().includes(toVersion)) {
        throw new DisputeMigrationRefusedError(`Version ${toVersion} of the dispute process is not registered; registered versions: ${disputeMachines.registered().join(', ')}.`);
      }
      const migrated = migrateDispute({ machineId: current.machineId, machineVersion: current.machineVersion }, current.snapshot, toVersion);
      if (!migrated.ok) throw new DisputeMigrationRefusedError(migrated.message);
      const payload = { fromVersion: current.machineVersion, toVersion };
      return { next: migrated, line: { type: MACHINE_MIGRATED, occurredOn: today, actor, machineVersion: toVersion, payload } };
    });
  }

  /**
   * Applies `step` to the dispute as it is now and writes it if nobody wrote in between (a lost
   * race is retried on the new state); `atomic` writes it under the row lock in one transaction
   * with what follows from it.
   */
  private async transition(authority: LocalAuthority, disputeId: string, expectedVersion: number | undefined, step: DisputeStep, atomic = false, reader?: ChildDataReader): Promise<DisputeView> {
    const today = this.clock.today();
    const attempt = (db: EntityManager, forUpdate: boolean) => this.tryTransition(db, authority, disputeId, expectedVersion, step, today, forUpdate, reader);
    const written = await writeDespiteLostRaces(this.db, attempt, { atomic });
    if (written.outboxed) this.outbox?.nudge();
    return toDisputeViewWith(written.record, written.deadlines);
  }

  /**
   * Meets, on each dispute of the case or plan that has an order to carry out, the steps its own
   * event `step` carried out, in the caller's transaction: the subject's event and the order's
   * steps commit together or not at all. A step the dispute refuses (one out of order, say) is left
   * for the caseworker to record on the dispute. Answers whether any dispute's limits changed.
   */
  async meetOrderSteps(tx: EntityManager, authority: LocalAuthority, subject: SubjectOfEvent, step: SubjectStep, actor: CaseActor): Promise<boolean> {
    const today = this.clock.today();
    const column = subject.process === 'plan' ? 'plan_id' : 'case_id';
    const ids: { id: string }[] = await tx.query(
      `SELECT id FROM dispute WHERE ${column} = $1 AND local_authority_id = $2 AND status = 'complying' ORDER BY created_at, id FOR UPDATE`,
      [subject.id, authority.id],
    );
    let changed = false;
    for (const { id } of ids) {
      const { record } = await disputeStore.read(tx, authority.id, id, true);
      for (const event of orderStepsMetBy(disputeFactsOf(record.snapshot), step)) {
        const carried = { ...event, carriedOutBy: { process: subject.process, reference: subject.reference, eventSeq: subject.eventSeq } };
        try {
          const written = await this.tryTransition(tx, authority, id, undefined, applying(carried, actor), today, true);
          changed ||= written?.outboxed ?? false;
        } catch (error) {
          if (!(error instanceof DisputeTransitionRefusedError)) throw error;
        }
      }
    }
    return changed;
  }

  private async tryTransition(
    db: EntityManager,
    authority: LocalAuthority,
    disputeId: string,
    expectedVersion: number | undefined,
    step: DisputeStep,
    today: IsoDate,
    forUpdate: boolean,
    reader?: ChildDataReader,
  ): Promise<{ record: DisputeRecord; deadlines: Deadline[]; outboxed: boolean } | null> {
    const stored = await disputeStore.read(db, authority.id, disputeId, forUpdate);
    const current = stored.record;
    if (expectedVersion !== undefined && expectedVersion !== current.version) throw new DisputeVersionConflictError(expectedVersion, current.version);
    const { next, line, supersedes } = await step(current, today, db);
    const rows = computeDisputeLimitRecords(next.facts, disputeClockOptions(authority));
    const changes = deadlineChanges(stored.deadlines, rows);
    const update = { snapshot: next.snapshot, status: next.status, machineVersion: line.machineVersion, assigneeId: next.facts.assigneeId ?? null, nextDueOn: nextDueOn(rows) };
    const written = await disputeStore.update(db, current, update, line, changes, supersedes, reader);
    if (!written) return null;
    const caseChanged = await this.reopenOrderedCase(db, authority, written, disputeFactsOf(current.snapshot), next.facts, line.actor);
    return { record: written, deadlines: rows.map((row) => deadlineOn(row, today)), outboxed: caseChanged || changes.changed.length + changes.removed.length > 0 };
  }

  /** A new order to assess or to issue a plan, on a case's dispute, reopens the case (reg 44(2)); answers whether it did. */
  private async reopenOrderedCase(tx: EntityManager, authority: LocalAuthority, dispute: DisputeRecord, before: DisputeFacts, after: DisputeFacts, actor: string): Promise<boolean> {
    const order = after.orders.at(-1);
    if (dispute.caseId === null || order === undefined || after.orders.length === before.orders.length || this.recordCaseOrder === undefined) return false;
    const action = order.actions.find((a): a is CaseOrderAction => a === 'assess' || a === 'issue_plan');
    if (action === undefined) return false;
    const event: DisputeOrderedEvent = { type: 'DISPUTE_ORDERED', occurredOn: order.on, action, disputeId: dispute.id, disputeReference: dispute.reference };
    return this.recordCaseOrder(tx, authority, dispute.caseId, event, actor);
  }
}

/**
 * Writes DISPUTE_ORDERED to a case in the dispute's transaction and answers whether the case
 * took it (a case since withdrawn does not: the order's steps stay on the dispute). The cases
 * service provides it, since cases depend on disputes and not the other way round.
 */
export type CaseOrderRecorder = (tx: EntityManager, authority: LocalAuthority, caseId: string, event: DisputeOrderedEvent, actor: string) => Promise<boolean>;

/** Computes a change from the dispute as it is now; throws a DomainError to refuse it. */
type DisputeStep = (current: DisputeRecord, today: IsoDate, db: EntityManager) => DisputeChange | Promise<DisputeChange>;

interface DisputeChange {
  next: { snapshot: PersistedSnapshot; status: DisputeStatus; facts: DisputeFacts };
  line: NewEvent;
  /** A correction names the event it supersedes. */
  supersedes?: Supersession;
}

export interface DisputeCorrectionRequest {
  eventSeq: number;
  reason: string;
  replacement?: DisputeEvent;
}

function applying(submitted: DisputeEvent, actor: CaseActor): DisputeStep {
  return (current, today) => {
    const event = checkedEvent(submitted, current, actor, today);
    const result = applyDisputeEvent({ machineId: current.machineId, machineVersion: current.machineVersion }, current.snapshot, event);
    if (!result.ok) throw new DisputeTransitionRefusedError(result.code, result.message, current.status, result.allowedEvents);
    const { type, occurredOn, ...payload } = event;
    return { next: result, line: { type, occurredOn, actor: actor.name, machineVersion: current.machineVersion, payload } };
  };
}

const ordersOf = (facts: DisputeFacts): string => JSON.stringify(facts.orders.map((o) => [o.on, o.source, o.actions]));

/**
 * A correction cannot take back an order a case was reopened by, nor a dismissal a plan ceased
 * on: the subject's own record rests on them. Corrected on the dispute, they would leave the
 * case or plan standing on an order that no longer exists.
 */
async function refuseUndoingWhatTheSubjectDid(db: EntityManager, dispute: DisputeRecord, before: DisputeFacts, after: DisputeFacts): Promise<void> {
  if (dispute.caseId !== null && ordersOf(before) !== ordersOf(after)) {
    const [reopened]: { reference: string }[] = await db.query(`SELECT reference FROM ehc_case WHERE id = $1 AND snapshot->'context'->'order'->>'disputeId' = $2`, [dispute.caseId, dispute.id]);
    if (reopened) throw new DisputeCorrectionRefusedError(`The order of ${before.orders.at(-1)!.on} reopened case ${reopened.reference}, which is carrying it out: an order a case acted on cannot be corrected here.`);
  }
  if (dispute.planId !== null && before.outcome === 'appeal_dismissed' && (after.outcome !== before.outcome || after.outcomeOn !== before.outcomeOn)) {
    const [ceased]: { reference: string }[] = await db.query(`SELECT reference FROM ehc_plan WHERE id = $1 AND status = 'ceased'`, [dispute.planId]);
    if (ceased) throw new DisputeCorrectionRefusedError(`Plan ${ceased.reference} ceased on the Tribunal's dismissal of this appeal: the dismissal cannot be corrected while the plan stands ceased on it.`);
  }
}

/** The dispute events that can make an order, a concession or an agreement on appealable matters. */
const MAY_MAKE_ORDERS: readonly DisputeEvent['type'][] = ['TRIBUNAL_DECIDED', 'APPEAL_CONCEDED', 'MEDIATION_ENDED'];

/** The case or plan event that may carry out an order's steps: the process, its reference and the event's place in its trail. */
export interface SubjectOfEvent {
  process: 'plan' | 'case';
  id: string;
  reference: string;
  eventSeq: number;
}

/**
 * Dates of what has happened cannot be in the future; an exception's place in the trail and its
 * approver are the engine's, as for plans.
 */
function checkedEvent(event: DisputeEvent, current: DisputeRecord, actor: CaseActor, today: IsoDate): DisputeEvent {
  const dated: [string, IsoDate | undefined][] = [['occurredOn', event.occurredOn]];
  if (event.type === 'APPEAL_REGISTERED') dated.push(['registeredOn', event.registeredOn]);
  if (event.type === 'EXCEPTION_RECORDED') dated.push(['from', event.from], ['to', event.to], ['familyToldOn', event.familyToldOn], ['adviceRequestedOn', event.adviceRequestedOn]);
  if (event.type === 'EXCEPTION_ENDED') dated.push(['to', event.to]);
  for (const [field, date] of dated) if (date !== undefined && date > today) throw new ValidationFailedError(`${field} ${date} is in the future; today is ${today}`);
  if (event.type === 'EXCEPTION_APPROVED') {
    if (!actor.mayApproveExceptions) throw new ForbiddenError('Only a manager with delegated authority can approve an exception (exceptions:approve).');
    return { ...event, approvedBy: actor.name };
  }
  if (event.type === 'EXCEPTION_RECORDED') return { ...event, seq: current.version + 1, approvedBy: actor.mayApproveExceptions ? actor.name : undefined };
  return event;
}
