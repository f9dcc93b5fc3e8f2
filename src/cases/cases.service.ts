import { Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  applyEvent,
  caseFactsOf,
  computeLimitRecords,
  notifiedOn,
  deadlineOn,
  EVENT_CORRECTED,
  machineVersions,
  replayWithCorrection,
  migrateCase,
  startCase,
  type CaseEvent,
  type CaseFacts,
  type CaseStatus,
  type ClockOptions,
  type Deadline,
  type IsoDate,
  type PersistedCaseSnapshot,
} from '../../workflows/ehc-needs-assessment/index.js';
import type { ChildDataReader } from '../access-log/logs-child-data.decorator.js';
import { Clock } from '../common/clock.js';
import { OutboxRelay } from '../queues/outbox.relay.js';
import { writeDespiteLostRaces } from '../database/lost-races.js';
import { ForbiddenError } from '../auth/auth.errors.js';
import { NotFoundError, ValidationFailedError } from '../common/domain-error.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { deadlineChanges, nextDueOn } from '../limits/deadline-rows.js';
import { caseStore, type NewEvent, type Supersession } from './case-store.js';
import { CaseEventRecord } from './case-event.entity.js';
import { toCaseEventView, toCaseView, toCaseViewWith, type CaseEventView, type CaseView } from './case-view.js';
import { CaseCorrectionRefusedError, CaseMigrationRefusedError, CaseTransitionRefusedError, CaseVersionConflictError } from './cases.errors.js';
import { CaseEventSupersession } from './case-event-supersession.entity.js';
import type { CorrectionRequest } from './correction.pipe.js';
import type { CreateCaseDto } from './create-case.dto.js';
import { EhcCase } from './ehc-case.entity.js';
import { childStore } from '../children/child-store.js';
import type { CaseActor } from './case-actor.js';
import { PlansService, type PlanStart } from '../plans/plans.service.js';
import { carriedOutStepsRefusal, openDisputesOfOne, type OpenDispute } from '../disputes/open-disputes.js';
import { DisputesService } from '../disputes/disputes.service.js';
import { CASE_EVENTS_CARRYING_OUT_ORDERS, caseSubjectStep } from '../../workflows/ehc-dispute/index.js';

export const REQUEST_RECEIVED = 'REQUEST_RECEIVED';
import { MACHINE_MIGRATED } from '../../workflows/process/migration.js';

interface NextState {
  snapshot: PersistedCaseSnapshot;
  status: CaseStatus;
  facts: CaseFacts;
}

interface Change {
  next: NextState;
  event: NewEvent;
  /** A correction names the event it supersedes. */
  supersedes?: Supersession;
  /** Runs in the case's transaction once its event is written; answers whether it changed other limit rows. */
  afterWrite?: (tx: EntityManager, written: EhcCase) => Promise<boolean>;
}


/**
 * Computes a change from the case as it is now (reading more of it through `db` if it must);
 * throws a DomainError to refuse it.
 */
type TransitionStep = (current: EhcCase, today: IsoDate, db: EntityManager) => Change | Promise<Change>;

/** Work that commits with an event of one type, in its transaction (an advice request's emailed link). */
export type EventWrittenHook = (tx: EntityManager, authority: LocalAuthority, written: EhcCase, event: NewEvent) => Promise<void>;

/**
 * Every change to a case is atomic: read the case, check the version, compute the next
 * snapshot with the pure workflow, then write the case, its event and its deadline rows in
 * one statement that applies only if the version is unchanged. A refused change writes nothing.
 */
@Injectable()
export class CasesService implements OnModuleInit {
  private readonly hooks = new Map<string, EventWrittenHook>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly disputes: DisputesService,
    @Optional() private readonly outbox?: OutboxRelay,
    @Optional() private readonly plans?: PlansService,
  ) {}

  onModuleInit(): void {
    this.disputes.receiveCaseOrdersWith((tx, authority, caseId, event, actor) => this.recordOrderIn(tx, authority, caseId, event, actor));
  }

  /** Another module's work that must commit with every event of `type`; such events are then always written in one transaction. */
  onEventWritten(type: CaseEvent['type'], hook: EventWrittenHook): void {
    this.hooks.set(type, hook);
  }

  /** An order reopening the case, in its dispute's transaction; a case that cannot take it (withdrawn since, say) is left as it is. */
  private async recordOrderIn(tx: EntityManager, authority: LocalAuthority, caseId: string, event: CaseEvent, actor: string): Promise<boolean> {
    try {
      const written = await this.tryTransition(tx, authority, caseId, undefined, applyingEvent(event, { name: actor, mayApproveExceptions: false }), this.clock.today(), true);
      return written?.outboxed ?? false;
    } catch (error) {
      if (error instanceof CaseTransitionRefusedError) return false;
      throw error;
    }
  }

  /** The step wrapped so that, once written, the orders its event carries out are met in the same transaction. */
  private carryingOutOrders(step: TransitionStep, authority: LocalAuthority, actor: CaseActor): TransitionStep {
    return async (current, today, db) => {
      const change = await step(current, today, db);
      const { type, occurredOn, payload } = change.event;
      const carried = caseSubjectStep({ ...payload, type, occurredOn } as CaseEvent, caseFactsOf(current.snapshot));
      if (carried === null) return change;
      const afterWrite = (tx: EntityManager, written: EhcCase) =>
        this.disputes.meetOrderSteps(tx, authority, { process: 'case', id: written.id, reference: written.reference, eventSeq: written.version }, carried, actor);
      return { ...change, afterWrite };
    };
  }

  async create(authority: LocalAuthority, request: CreateCaseDto, actor: string): Promise<CaseView> {
    const today = this.clock.today();
    assertNotInFuture('requestReceivedOn', request.requestReceivedOn, today);
    if (request.child.dateOfBirth > request.requestReceivedOn) {
      throw new ValidationFailedError('child.dateOfBirth must be on or before requestReceivedOn');
    }
    const started = startCase({ requestReceivedOn: request.requestReceivedOn, requestSource: request.requestSource });
    const deadlineRows = computeLimitRecords(started.facts, clockOptions(authority));
    const deadlines = deadlineRows.map((limit) => deadlineOn(limit, today));
    const created = await this.db.transaction(async (tx) => {
      const year = Number(request.requestReceivedOn.slice(0, 4));
      const childId = await childStore.childFor(tx, authority.id, request.childId);
      const newCase = {
        localAuthorityId: authority.id,
        reference: await caseStore.allocateReference(tx, authority.id, year),
        machineId: started.machineId,
        machineVersion: started.machineVersion,
        snapshot: started.snapshot,
        status: started.status,
        childGivenName: request.child.givenName,
        childFamilyName: request.child.familyName,
        childDateOfBirth: request.child.dateOfBirth,
        childId,
        requestReceivedOn: request.requestReceivedOn,
        requestSource: request.requestSource,
        assigneeId: null,
        nextDueOn: nextDueOn(deadlineRows),
      };
      const event = {
        type: REQUEST_RECEIVED,
        occurredOn: request.requestReceivedOn,
        actor,
        machineVersion: started.machineVersion,
        payload: { child: { ...request.child }, requestSource: request.requestSource },
      };
      return caseStore.insert(tx, newCase, event, deadlineRows);
    });
    this.outbox?.nudge();
    return toCaseViewWith(created, deadlines);
  }

  async get(authority: LocalAuthority, caseId: string): Promise<CaseView> {
    const found = await this.db.getRepository(EhcCase).findOneBy({ id: caseId, localAuthorityId: authority.id });
    if (!found) throw new NotFoundError('case', caseId);
    return toCaseView(found, this.clock.today(), clockOptions(authority), await openDisputesOfOne(this.db.manager, 'case_id', found.id));
  }

  async trail(authority: LocalAuthority, caseId: string): Promise<CaseEventView[]> {
    await this.get(authority, caseId);
    const events = await this.trailOf(this.db.manager, authority, caseId);
    const supersessions = await this.db
      .getRepository(CaseEventSupersession)
      .findBy({ caseId, localAuthorityId: authority.id });
    return events.map((event) => toCaseEventView(event, supersessions.find((s) => s.seq === event.seq)));
  }

  private trailOf(db: EntityManager, authority: LocalAuthority, caseId: string): Promise<CaseEventRecord[]> {
    return db.getRepository(CaseEventRecord).find({ where: { caseId, localAuthorityId: authority.id }, order: { seq: 'ASC' } });
  }

  /** `reader`: the access-log line for the case returned, written with the event. */
  recordEvent(authority: LocalAuthority, caseId: string, event: CaseEvent, expectedVersion: number | undefined, actor: CaseActor, reader?: ChildDataReader): Promise<CaseView> {
    if (event.type === 'FINAL_PLAN_ISSUED' && this.plans) return this.issueFinalPlan(authority, caseId, event, expectedVersion, actor, reader);
    const atomic = CASE_EVENTS_CARRYING_OUT_ORDERS.includes(event.type) || this.hooks.has(event.type);
    return this.transition(authority, caseId, expectedVersion, this.carryingOutOrders(applyingEvent(event, actor), authority, actor), reader, atomic);
  }

  /**
   * Issuing the final plan makes the child's maintained plan (issue 13): the case, its event
   * and the new plan commit together, or not at all (a second plan for the child is refused).
   */
  private async issueFinalPlan(authority: LocalAuthority, caseId: string, event: CaseEvent, expectedVersion: number | undefined, actor: CaseActor, reader?: ChildDataReader): Promise<CaseView> {
    const today = this.clock.today();
    const written = await this.db.transaction(async (tx) => {
      const issued = await this.tryTransition(tx, authority, caseId, expectedVersion, this.carryingOutOrders(applyingEvent(event, actor), authority, actor), today, true, reader);
      if (!issued) throw new Error(`case ${caseId} changed under its lock`);
      const plan = await this.plans!.startIn(tx, authority, planStartOf(issued.record), actor.name);
      await tx.query(`UPDATE ehc_case SET plan_id = $2 WHERE id = $1`, [caseId, plan.id]);
      return { ...issued, record: { ...issued.record, planId: plan.id } };
    });
    this.outbox?.nudge();
    return toCaseViewWith(written.record, written.deadlines, await openDisputesOfOne(this.db.manager, 'case_id', caseId));
  }

  /**
   * Applies an event inside the caller's transaction (a panel decision, or a notice sent, recorded
   * together with what it makes): the case row is locked until that transaction ends, and the
   * orders the event carries out are met in it, as recordEvent does. The caller nudges the outbox
   * once it has committed.
   */
  async recordEventIn(tx: EntityManager, authority: LocalAuthority, caseId: string, event: CaseEvent, actor: string | CaseActor, expectedVersion?: number): Promise<CaseView> {
    const today = this.clock.today();
    const caseActor = typeof actor === 'string' ? { name: actor, mayApproveExceptions: false } : actor;
    const step = this.carryingOutOrders(applyingEvent(event, caseActor), authority, caseActor);
    const written = await this.tryTransition(tx, authority, caseId, expectedVersion, step, today, true);
    if (!written) throw new Error(`case ${caseId} changed under its lock`);
    return toCaseViewWith(written.record, written.deadlines, await openDisputesOfOne(tx, 'case_id', caseId));
  }

  /**
   * Supersedes a mis-recorded event (design section 7): the case is replayed from its trail
   * without it, or with `replacement` in its place, and written with an EVENT_CORRECTED line
   * and the supersession, or refused with nothing written.
   */
  correct(authority: LocalAuthority, caseId: string, correction: CorrectionRequest, expectedVersion: number | undefined, actor: CaseActor): Promise<CaseView> {
    return this.transition(authority, caseId, expectedVersion, async (current, today, db) => {
      const trail = await this.trailOf(db, authority, caseId);
      const replacement = correction.replacement && checkedEvent(correction.replacement, current, actor, correction.eventSeq, today);
      const ref = { machineId: current.machineId, machineVersion: current.machineVersion };
      const replayed = replayWithCorrection(ref, trail, { eventSeq: correction.eventSeq, replacement });
      if (!replayed.ok) throw new CaseCorrectionRefusedError(replayed.message);
      const carried = await carriedOutStepsRefusal(db, authority.id, 'case', current.reference, correction.eventSeq);
      if (carried) throw new CaseCorrectionRefusedError(carried);
      assertPlanUnchanged(current, replayed.facts);
      const payload = { eventSeq: correction.eventSeq, reason: correction.reason, ...(replayed.replacement && { replacement: replayed.replacement }) };
      const event = { type: EVENT_CORRECTED, occurredOn: today, actor: actor.name, machineVersion: current.machineVersion, payload };
      return { next: replayed, event, supersedes: { seq: correction.eventSeq, reason: correction.reason } };
    });
  }

  /** Moving a running case to a newer process version is explicit and leaves a line in the trail. */
  migrate(authority: LocalAuthority, caseId: string, toVersion: number, expectedVersion: number | undefined, actor: string): Promise<CaseView> {
    return this.transition(authority, caseId, expectedVersion, (current, today) => {
      if (!machineVersions().includes(toVersion)) {
        throw new CaseMigrationRefusedError(`Version ${toVersion} of the process is not registered; registered versions: ${machineVersions().join(', ')}.`);
      }
      const from = { machineId: current.machineId, machineVersion: current.machineVersion };
      const migrated = migrateCase(from, current.snapshot, toVersion);
      if (!migrated.ok) throw new CaseMigrationRefusedError(migrated.message);
      const payload = { fromVersion: current.machineVersion, toVersion };
      return { next: migrated, event: { type: MACHINE_MIGRATED, occurredOn: today, actor, machineVersion: toVersion, payload } };
    });
  }

  /**
   * Applies `step` to the case's current state and writes the result if nobody else wrote in
   * between. Without If-Match a lost race is retried on the new state, so no event is lost;
   * after a few lost races the case is written under its row lock, which always succeeds.
   */
  private async transition(authority: LocalAuthority, caseId: string, expectedVersion: number | undefined, step: TransitionStep, reader?: ChildDataReader, atomic = false): Promise<CaseView> {
    const today = this.clock.today();
    const attempt = (db: EntityManager, forUpdate: boolean) => this.tryTransition(db, authority, caseId, expectedVersion, step, today, forUpdate, reader);
    const written = await writeDespiteLostRaces(this.db, attempt, { atomic });
    if (written.outboxed) this.outbox?.nudge();
    return toCaseViewWith(written.record, written.deadlines, written.openDisputes ?? (await openDisputesOfOne(this.db.manager, 'case_id', caseId)));
  }

  private async tryTransition(
    db: EntityManager,
    authority: LocalAuthority,
    caseId: string,
    expectedVersion: number | undefined,
    step: TransitionStep,
    today: IsoDate,
    forUpdate: boolean,
    reader?: ChildDataReader,
  ): Promise<{ record: EhcCase; deadlines: Deadline[]; outboxed: boolean; openDisputes?: OpenDispute[] } | null> {
    const stored = await caseStore.read(db, authority.id, caseId, forUpdate);
    const current = stored.record;
    if (expectedVersion !== undefined && expectedVersion !== current.version) {
      throw new CaseVersionConflictError(expectedVersion, current.version);
    }
    const { next, event, supersedes, afterWrite } = await step(current, today, db);
    const deadlineRows = computeLimitRecords(next.facts, clockOptions(authority));
    const deadlines = deadlineRows.map((limit) => deadlineOn(limit, today));
    const update = {
      snapshot: next.snapshot,
      status: next.status,
      machineVersion: event.machineVersion,
      assigneeId: next.facts.assigneeId ?? null,
      nextDueOn: nextDueOn(deadlineRows),
    };
    const changes = deadlineChanges(stored.deadlines, deadlineRows);
    const written = await caseStore.update(db, current, update, event, changes, supersedes, reader);
    if (!written) return null;
    const disputesChanged = afterWrite ? await afterWrite(db, written) : false;
    const hook = this.hooks.get(event.type);
    await hook?.(db, authority, written, event);
    // The store puts a re-planning job in the outbox exactly when a deadline row changed.
    const outboxed = disputesChanged || changes.changed.length + changes.removed.length > 0;
    // The open disputes read with the case hold for the answer unless an order's steps or a hook wrote after it;
    // a dispute opened in between is ordered after this change (it does not write the case row).
    return { record: written, deadlines, outboxed, ...(!afterWrite && !hook && { openDisputes: stored.openDisputes }) };
  }
}

function applyingEvent(submitted: CaseEvent, actor: CaseActor): TransitionStep {
  return (current, today) => {
    const event = checkedEvent(submitted, current, actor, current.version + 1, today);
    const ref = { machineId: current.machineId, machineVersion: current.machineVersion };
    const result = applyEvent(ref, current.snapshot, event);
    if (!result.ok) throw new CaseTransitionRefusedError(result.code, result.message, current.status, result.allowedEvents);
    const { type, occurredOn, ...payload } = event;
    return { next: result, event: { type, occurredOn, actor: actor.name, machineVersion: current.machineVersion, payload } };
  };
}

/** An event as submitted, checked for dates it cannot have and given the engine fields it is applied with at trail place `seq`. */
function checkedEvent(submitted: CaseEvent, current: EhcCase, actor: CaseActor, seq: number, today: IsoDate): CaseEvent {
  assertWithinCase('occurredOn', submitted.occurredOn, current.requestReceivedOn, today);
  assertDatesNotInFuture(submitted, today);
  return withEngineFields(submitted, actor, seq);
}

/**
 * What the engine adds to an event before it is applied and kept in the trail: an exception's
 * place in the trail (approvals and endings name it), and who approved it. A caseworker's
 * exception is a proposal; a manager's is approved at once (domain 4, engine rule 1).
 */
function withEngineFields(event: CaseEvent, actor: CaseActor, seq: number): CaseEvent {
  if (event.type === 'EXCEPTION_APPROVED' && !actor.mayApproveExceptions) {
    throw new ForbiddenError('Only a manager with delegated authority can approve an exception (exceptions:approve).');
  }
  if (event.type === 'EXCEPTION_APPROVED') return { ...event, approvedBy: actor.name };
  if (event.type === 'EXCEPTION_RECORDED') return { ...event, seq, ...(actor.mayApproveExceptions && { approvedBy: actor.name }) };
  return event;
}

/** Dates of what has happened cannot be in the future: an exception cannot relax a limit before it starts. */
function assertDatesNotInFuture(event: CaseEvent, today: IsoDate): void {
  const dated: [string, IsoDate | undefined][] =
    event.type === 'EXCEPTION_RECORDED' ? [['from', event.from], ['to', event.to], ['familyToldOn', event.familyToldOn]]
    : event.type === 'EXCEPTION_ENDED' ? [['to', event.to]]
    : event.type === 'NOTICE_SENT' ? [['sentOn', event.sentOn]]
    : 'notice' in event && event.notice ? [['notice.sentOn', event.notice.sentOn]]
    : [];
  for (const [field, date] of dated) if (date !== undefined) assertNotInFuture(field, date, today);
}

/**
 * The final plan made the child's plan, whose clock runs from it: a correction may not move or
 * remove it (correct the plan instead), nor issue one (that is FINAL_PLAN_ISSUED's, which makes the plan).
 */
function assertPlanUnchanged(current: EhcCase, replayed: CaseFacts): void {
  const before = caseFactsOf(current.snapshot);
  const servedOn = (facts: CaseFacts) => notifiedOn(facts, 'final_plan', facts.finalIssuedOn)?.on;
  if (current.planId === null && replayed.finalIssuedOn !== undefined && before.finalIssuedOn === undefined) {
    throw new CaseCorrectionRefusedError('A correction cannot issue the final plan: record FINAL_PLAN_ISSUED as an event, which makes the child’s plan.');
  }
  if (current.planId !== null && (replayed.finalIssuedOn !== before.finalIssuedOn || servedOn(replayed) !== servedOn(before))) {
    throw new CaseCorrectionRefusedError(
      `This correction would move or remove the final plan, which made the child’s plan (${current.planId}) and started its clock. Correct the plan’s own record instead; the case keeps its final plan.`,
    );
  }
}

/**
 * The plan starts on the final plan's served date (steps can be recorded from its issue), names
 * the setting the final plan names, and stays with the caseworker who had the case.
 */
function planStartOf(record: EhcCase): PlanStart {
  const facts = caseFactsOf(record.snapshot);
  const startedOn = notifiedOn(facts, 'final_plan', facts.finalIssuedOn)!.on;
  return {
    child: { givenName: record.childGivenName, familyName: record.childFamilyName, dateOfBirth: record.childDateOfBirth },
    input: {
      startedOn,
      issuedOn: facts.finalIssuedOn,
      childDateOfBirth: record.childDateOfBirth,
      ...(facts.placement && { namedSetting: facts.placement }),
      ...(facts.assigneeId && { assigneeId: facts.assigneeId }),
    },
    caseId: record.id,
    childId: record.childId,
    origin: { fromCase: record.reference },
  };
}

export function clockOptions(authority: LocalAuthority): ClockOptions {
  return { strictMode: authority.strictDayCounting };
}

function assertNotInFuture(field: string, date: IsoDate, today: IsoDate): void {
  if (date > today) throw new ValidationFailedError(`${field} ${date} is in the future; today is ${today}`);
}

function assertWithinCase(field: string, date: IsoDate, requestReceivedOn: IsoDate, today: IsoDate): void {
  assertNotInFuture(field, date, today);
  if (date < requestReceivedOn) {
    throw new ValidationFailedError(`${field} ${date} is before the request was received (${requestReceivedOn})`);
  }
}
