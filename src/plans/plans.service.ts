import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  applyPlanEvent,
  computePlanLimitRecords,
  migratePlan,
  planFactsOf,
  planMachines,
  PLAN_STARTED,
  EVENT_CORRECTED,
  replayPlanWithCorrection,
  startPlan,
  type IsoDate,
  type PlanClockOptions,
  type PlanEvent,
  type PlanFacts,
  type PlanInput,
  type PlanStatus,
} from '../../workflows/ehc-plan/index.js';
import { PLAN_EVENTS_CARRYING_OUT_ORDERS, planSubjectStep } from '../../workflows/ehc-dispute/index.js';
import { deadlineOn, type Deadline } from '../../workflows/limits/index.js';
import type { PersistedSnapshot } from '../../workflows/process/pure-machine.js';
import type { ChildDataReader } from '../access-log/logs-child-data.decorator.js';
import { ForbiddenError } from '../auth/auth.errors.js';
import type { CaseActor } from '../cases/case-actor.js';
import type { CaseEventView } from '../cases/case-view.js';
import { Clock } from '../common/clock.js';
import { ValidationFailedError } from '../common/domain-error.js';
import type { NewEvent, Supersession } from '../database/process-write.js';
import { deadlineChanges, nextDueOn } from '../limits/deadline-rows.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { carriedOutStepsRefusal, ceaseAppealOf, openDisputesOfOne } from '../disputes/open-disputes.js';
import { DisputesService } from '../disputes/disputes.service.js';
import { OutboxRelay } from '../queues/outbox.relay.js';
import { writeDespiteLostRaces } from '../database/lost-races.js';
import { trailLines, trailView } from '../database/process-trail.js';
import { PROCESSES } from '../database/process-tables.js';
import type { CreatePlanDto } from './create-plan.dto.js';
import type { PlanCorrectionRequest } from './plan-correction.pipe.js';
import { planStore, type PlanRecord } from './plan-store.js';
import { childStore } from '../children/child-store.js';
import { toPlanView, toPlanViewWith, type PlanView } from './plan-view.js';
import { PlanCorrectionRefusedError, PlanMigrationRefusedError, PlanTransitionRefusedError, PlanVersionConflictError } from './plans.errors.js';

import { MACHINE_MIGRATED } from '../../workflows/process/migration.js';

/** A line of the plan's trail, in the shape of a case's. */
export type PlanEventView = CaseEventView;

/** The child and the dates a new plan starts from, whether from a case or entered directly. */
export interface PlanStart {
  child: { givenName: string; familyName: string; dateOfBirth: IsoDate };
  input: PlanInput;
  caseId: string | null;
  /** The child record it shares (a plan made by a case's final plan: the case's); absent, a new one. */
  childId?: string;
  /** What the trail's first line records about where the plan came from. */
  origin: Record<string, unknown>;
}

export function planClockOptions(authority: LocalAuthority): PlanClockOptions {
  return { strictMode: authority.strictDayCounting };
}

/**
 * Every change to a plan is atomic, as for cases: read the plan, check the version, compute the
 * next snapshot with the pure workflow, then write the plan, its event and its limit rows in
 * one statement that applies only if the version is unchanged. A refused change writes nothing.
 */
@Injectable()
export class PlansService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly disputes: DisputesService,
    @Optional() private readonly outbox?: OutboxRelay,
  ) {}

  async create(authority: LocalAuthority, request: CreatePlanDto, actor: string): Promise<PlanView> {
    const today = this.clock.today();
    const dates: [string, IsoDate | undefined][] = [['startedOn', request.startedOn], ['lastReviewMeetingOn', request.lastReviewMeetingOn], ['transferredInOn', request.transferredInOn]];
    for (const [field, date] of dates) if (date !== undefined && date > today) throw new ValidationFailedError(`${field} ${date} is in the future; today is ${today}`);
    if (request.child.dateOfBirth > request.startedOn) throw new ValidationFailedError('child.dateOfBirth must be on or before startedOn');
    if (request.lastReviewMeetingOn !== undefined && request.lastReviewMeetingOn < request.startedOn) {
      throw new ValidationFailedError(`lastReviewMeetingOn ${request.lastReviewMeetingOn} is before the plan started (${request.startedOn})`);
    }
    if (request.transferredInOn !== undefined && request.transferredInOn < request.startedOn) {
      throw new ValidationFailedError(`transferredInOn ${request.transferredInOn} is before the plan was made (${request.startedOn})`);
    }
    const { child, fromAuthority, childId, ...input } = request;
    const start: PlanStart = {
      child: { ...child },
      input: { ...input, childDateOfBirth: child.dateOfBirth },
      caseId: null,
      ...(childId !== undefined && { childId }),
      origin: { entered: true, ...(fromAuthority && { fromAuthority }) },
    };
    const created = await this.db.transaction((tx) => this.startIn(tx, authority, start, actor));
    this.outbox?.nudge();
    return created;
  }

  /** Starts a plan inside the caller's transaction (the case whose final plan makes it writes in the same one). */
  async startIn(tx: EntityManager, authority: LocalAuthority, start: PlanStart, actor: string): Promise<PlanView> {
    const today = this.clock.today();
    const started = startPlan(start.input);
    const rows = computePlanLimitRecords(started.facts, planClockOptions(authority));
    const childId = await childStore.childFor(tx, authority.id, start.childId);
    const record = await planStore.insert(
      tx,
      {
        localAuthorityId: authority.id,
        reference: await planStore.allocateReference(tx, authority.id, Number(start.input.startedOn.slice(0, 4))),
        machineId: started.machineId,
        machineVersion: started.machineVersion,
        snapshot: started.snapshot,
        status: started.status,
        childGivenName: start.child.givenName,
        childFamilyName: start.child.familyName,
        childDateOfBirth: start.child.dateOfBirth,
        childId,
        startedOn: start.input.startedOn,
        caseId: start.caseId,
        assigneeId: started.facts.assigneeId ?? null,
        nextDueOn: nextDueOn(rows),
      },
      { type: PLAN_STARTED, occurredOn: start.input.startedOn, actor, machineVersion: started.machineVersion, payload: { ...start.input, ...start.origin, caseId: start.caseId } },
      rows,
    );
    return toPlanViewWith(record, rows.map((row) => deadlineOn(row, today)));
  }

  async get(authority: LocalAuthority, planId: string): Promise<PlanView> {
    const { record } = await planStore.read(this.db.manager, authority.id, planId);
    return toPlanView(record, this.clock.today(), planClockOptions(authority), await openDisputesOfOne(this.db.manager, 'plan_id', record.id));
  }

  async trail(authority: LocalAuthority, planId: string): Promise<PlanEventView[]> {
    await planStore.read(this.db.manager, authority.id, planId);
    return trailView(this.db.manager, PROCESSES.plan, planId, authority.id);
  }

  /**
   * An event that can carry out a Tribunal order's step (an amended plan, ceasing, …) is written
   * in one transaction with the steps it meets on the plan's disputes.
   */
  recordEvent(authority: LocalAuthority, planId: string, submitted: PlanEvent, expectedVersion: number | undefined, actor: CaseActor, reader?: ChildDataReader): Promise<PlanView> {
    const atomic = PLAN_EVENTS_CARRYING_OUT_ORDERS.includes(submitted.type);
    return this.transition(authority, planId, expectedVersion, reader, this.eventStep(authority, submitted, actor), atomic);
  }

  /**
   * The same inside the caller's transaction, under the plan's row lock, for a write that must
   * commit or fail with the event (a notice kept as sent with its NOTICE_SENT). The caller nudges
   * the outbox once it has committed.
   */
  async recordEventIn(tx: EntityManager, authority: LocalAuthority, planId: string, submitted: PlanEvent, actor: CaseActor, expectedVersion?: number): Promise<PlanView> {
    const written = await this.tryTransition(tx, authority, planId, expectedVersion, this.eventStep(authority, submitted, actor), this.clock.today(), true);
    // Under the row lock the version cannot move between the read and the write.
    if (!written) throw new Error(`plan ${planId} changed under its row lock`);
    return toPlanViewWith(written.record, written.deadlines, await openDisputesOfOne(tx, 'plan_id', planId));
  }

  private eventStep(authority: LocalAuthority, submitted: PlanEvent, actor: CaseActor): PlanStep {
    return async (current, today, db) => {
      const event = await withCeaseAppeal(db, current, checkedEvent(submitted, current, actor, today, authority));
      const result = applyPlanEvent({ machineId: current.machineId, machineVersion: current.machineVersion }, current.snapshot, event);
      if (!result.ok) throw new PlanTransitionRefusedError(result.code, result.message, current.status, result.allowedEvents);
      const { type, occurredOn, ...payload } = event;
      const step = planSubjectStep(event, current.status);
      const afterWrite = step
        ? (tx: EntityManager, written: PlanRecord) => this.disputes.meetOrderSteps(tx, authority, { process: 'plan', id: written.id, reference: written.reference, eventSeq: written.version }, step, actor)
        : undefined;
      return { next: result, line: { type, occurredOn, actor: actor.name, machineVersion: current.machineVersion, payload }, afterWrite };
    };
  }

  /**
   * Supersedes a mis-recorded event (design section 7): the plan is replayed from its trail
   * without it, or with `replacement` in its place, and written with an EVENT_CORRECTED line
   * and the supersession, or refused with nothing written.
   */
  correct(authority: LocalAuthority, planId: string, correction: PlanCorrectionRequest, expectedVersion: number | undefined, actor: CaseActor): Promise<PlanView> {
    return this.transition(authority, planId, expectedVersion, undefined, async (current, today, db) => {
      const trail = await trailLines(db, PROCESSES.plan, planId, authority.id);
      const replacement = correction.replacement && checkedEvent(correction.replacement, { ...current, version: correction.eventSeq - 1 }, actor, today, authority);
      const ref = { machineId: current.machineId, machineVersion: current.machineVersion };
      const replayed = replayPlanWithCorrection(ref, trail, { eventSeq: correction.eventSeq, replacement });
      if (!replayed.ok) throw new PlanCorrectionRefusedError(replayed.message);
      const carried = await carriedOutStepsRefusal(db, authority.id, 'plan', current.reference, correction.eventSeq);
      if (carried) throw new PlanCorrectionRefusedError(carried);
      const payload = { eventSeq: correction.eventSeq, reason: correction.reason, ...(replayed.replacement && { replacement: replayed.replacement }) };
      return {
        next: replayed,
        line: { type: EVENT_CORRECTED, occurredOn: today, actor: actor.name, machineVersion: current.machineVersion, payload },
        supersedes: { seq: correction.eventSeq, reason: correction.reason },
      };
    });
  }

  /** Moving a running plan to a newer machine version is explicit and leaves a line in the trail. */
  migrate(authority: LocalAuthority, planId: string, toVersion: number, expectedVersion: number | undefined, actor: string): Promise<PlanView> {
    return this.transition(authority, planId, expectedVersion, undefined, (current, today) => {
      if (!planMachines.registered().includes(toVersion)) {
        throw new PlanMigrationRefusedError(`Version ${toVersion} of the plan process is not registered; registered versions: ${planMachines.registered().join(', ')}.`);
      }
      const migrated = migratePlan({ machineId: current.machineId, machineVersion: current.machineVersion }, current.snapshot, toVersion);
      if (!migrated.ok) throw new PlanMigrationRefusedError(migrated.message);
      const payload = { fromVersion: current.machineVersion, toVersion };
      return { next: migrated, line: { type: MACHINE_MIGRATED, occurredOn: today, actor, machineVersion: toVersion, payload } };
    });
  }

  /**
   * Applies `step` to the plan as it is now and writes the result if nobody else wrote in
   * between. Without If-Match a lost race is retried on the new state, so no event is lost;
   * after a few lost races the plan is written under its row lock, which always succeeds.
   */
  private async transition(authority: LocalAuthority, planId: string, expectedVersion: number | undefined, reader: ChildDataReader | undefined, step: PlanStep, atomic = false): Promise<PlanView> {
    const today = this.clock.today();
    const attempt = (db: EntityManager, forUpdate: boolean) => this.tryTransition(db, authority, planId, expectedVersion, step, today, forUpdate, reader);
    const written = await writeDespiteLostRaces(this.db, attempt, { atomic });
    if (written.outboxed) this.outbox?.nudge();
    return toPlanViewWith(written.record, written.deadlines, await openDisputesOfOne(this.db.manager, 'plan_id', planId));
  }

  private async tryTransition(
    db: EntityManager,
    authority: LocalAuthority,
    planId: string,
    expectedVersion: number | undefined,
    step: PlanStep,
    today: IsoDate,
    forUpdate: boolean,
    reader?: ChildDataReader,
  ): Promise<{ record: PlanRecord; deadlines: Deadline[]; outboxed: boolean } | null> {
    const stored = await planStore.read(db, authority.id, planId, forUpdate);
    const current = stored.record;
    if (expectedVersion !== undefined && expectedVersion !== current.version) throw new PlanVersionConflictError(expectedVersion, current.version);
    const { next, line, supersedes, afterWrite } = await step(current, today, db);
    const rows = computePlanLimitRecords(next.facts, planClockOptions(authority));
    const changes = deadlineChanges(stored.deadlines, rows);
    const update = { snapshot: next.snapshot, status: next.status, machineVersion: line.machineVersion, assigneeId: next.facts.assigneeId ?? null, nextDueOn: nextDueOn(rows) };
    const written = await planStore.update(db, current, update, line, changes, supersedes, reader);
    if (!written) return null;
    const disputesChanged = afterWrite ? await afterWrite(db, written) : false;
    return { record: written, deadlines: rows.map((row) => deadlineOn(row, today)), outboxed: disputesChanged || changes.changed.length + changes.removed.length > 0 };
  }
}

/** Computes a change from the plan as it is now; throws a DomainError to refuse it. */
type PlanStep = (current: PlanRecord, today: IsoDate, db: EntityManager) => PlanChange | Promise<PlanChange>;

interface PlanChange {
  next: { snapshot: PersistedSnapshot; status: PlanStatus; facts: PlanFacts };
  line: NewEvent;
  /** A correction names the event it supersedes. */
  supersedes?: Supersession;
  /** Runs in the plan's transaction once its event is written; answers whether it changed other limit rows. */
  afterWrite?: (tx: EntityManager, written: PlanRecord) => Promise<boolean>;
}



/** CEASED carries what the disputes of the decision to cease say, so the pure rule can hold or allow it. */
async function withCeaseAppeal(db: EntityManager, current: PlanRecord, event: PlanEvent): Promise<PlanEvent> {
  if (event.type !== 'CEASED') return event;
  const cease = planFactsOf(current.snapshot).ceases.at(-1);
  const appeal = cease && (await ceaseAppealOf(db, current.id, cease.on));
  return appeal ? { ...event, appeal } : event;
}

/**
 * Dates of what has happened cannot be in the future, nor before the plan (a meeting may be
 * arranged for a future day); an exception's place in the trail and its approver are the engine's.
 */
function checkedEvent(event: PlanEvent, current: PlanRecord, actor: CaseActor, today: IsoDate, authority: LocalAuthority): PlanEvent {
  const dated: [string, IsoDate | undefined][] = [['occurredOn', event.occurredOn]];
  if ('notice' in event && typeof event.notice === 'object' && event.notice) dated.push(['notice.sentOn', event.notice.sentOn]);
  if (event.type === 'NOTICE_SENT') dated.push(['sentOn', event.sentOn]);
  if (event.type === 'EXCEPTION_RECORDED') dated.push(['from', event.from], ['to', event.to], ['familyToldOn', event.familyToldOn], ['adviceRequestedOn', event.adviceRequestedOn]);
  if (event.type === 'EXCEPTION_ENDED') dated.push(['to', event.to]);
  for (const [field, date] of dated) if (date !== undefined && date > today) throw new ValidationFailedError(`${field} ${date} is in the future; today is ${today}`);
  if (event.type === 'EXCEPTION_APPROVED') {
    if (!actor.mayApproveExceptions) throw new ForbiddenError('Only a manager with delegated authority can approve an exception (exceptions:approve).');
    return { ...event, approvedBy: actor.name };
  }
  if (event.type === 'EXCEPTION_RECORDED') return { ...event, seq: current.version + 1, approvedBy: actor.mayApproveExceptions ? actor.name : undefined };
  // A decision to cease keeps the authority's appeal buffer of the day, so a later change of the setting moves nothing decided.
  if (event.type === 'CEASE_DECISION' || (event.type === 'REVIEW_DECISION' && event.decision === 'cease')) return { ...event, appealBufferWorkingDays: authority.appealBufferWorkingDays };
  return event;
}

