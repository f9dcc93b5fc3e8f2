import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  applyEvent,
  computeDeadlines,
  machineVersions,
  migrateCase,
  startCase,
  type CaseEvent,
  type CaseFacts,
  type ClockOptions,
  type IsoDate,
} from '../../workflows/ehc-needs-assessment/index.js';
import { Clock } from '../common/clock.js';
import { NotFoundError, ValidationFailedError } from '../common/domain-error.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { nextDueOn, toDeadlineRow } from './case-deadlines.js';
import { caseStore, type NewEvent } from './case-store.js';
import { CaseEventRecord } from './case-event.entity.js';
import { toCaseEventView, toCaseView, type CaseEventView, type CaseView } from './case-view.js';
import { CaseMigrationRefusedError, CaseTransitionRefusedError, CaseVersionConflictError } from './cases.errors.js';
import type { CreateCaseDto } from './create-case.dto.js';
import { EhcCase } from './ehc-case.entity.js';

export const REQUEST_RECEIVED = 'REQUEST_RECEIVED';
export const MACHINE_MIGRATED = 'MACHINE_MIGRATED';

/**
 * Every change to a case is one transaction: lock the row, check the version, compute
 * the next snapshot with the pure workflow, then write the case, its event and its
 * deadline rows together. A refused change rolls back and leaves all three untouched.
 */
@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async create(authority: LocalAuthority, request: CreateCaseDto, actor: string): Promise<CaseView> {
    const today = this.clock.today();
    assertNotInFuture('requestReceivedOn', request.requestReceivedOn, today);
    if (request.child.dateOfBirth > request.requestReceivedOn) {
      throw new ValidationFailedError('child.dateOfBirth must be on or before requestReceivedOn');
    }
    const started = startCase({ requestReceivedOn: request.requestReceivedOn, requestSource: request.requestSource });
    const deadlineRows = this.deadlineRows(started.facts, today, authority);
    const id = await this.db.transaction(async (tx) => {
      const year = Number(request.requestReceivedOn.slice(0, 4));
      const reference = await caseStore.allocateReference(tx, authority.id, year);
      const created = await tx.getRepository(EhcCase).save({
        localAuthorityId: authority.id,
        reference,
        machineId: started.machineId,
        machineVersion: started.machineVersion,
        snapshot: started.snapshot,
        status: started.status,
        version: 1,
        childGivenName: request.child.givenName,
        childFamilyName: request.child.familyName,
        childDateOfBirth: request.child.dateOfBirth,
        requestReceivedOn: request.requestReceivedOn,
        requestSource: request.requestSource,
        assigneeId: null,
        nextDueOn: nextDueOn(deadlineRows),
      });
      await caseStore.appendEvent(tx, authority.id, created.id, 1, {
        type: REQUEST_RECEIVED,
        occurredOn: request.requestReceivedOn,
        actor,
        machineVersion: started.machineVersion,
        payload: { child: { ...request.child }, requestSource: request.requestSource },
      });
      await caseStore.upsertDeadlines(tx, authority.id, created.id, deadlineRows);
      return created.id;
    });
    return this.get(authority, id);
  }

  async get(authority: LocalAuthority, caseId: string): Promise<CaseView> {
    const found = await this.db.getRepository(EhcCase).findOneBy({ id: caseId, localAuthorityId: authority.id });
    if (!found) throw new NotFoundError('case', caseId);
    return toCaseView(found, this.clock.today(), clockOptions(authority));
  }

  async trail(authority: LocalAuthority, caseId: string): Promise<CaseEventView[]> {
    await this.get(authority, caseId);
    const events = await this.db
      .getRepository(CaseEventRecord)
      .find({ where: { caseId, localAuthorityId: authority.id }, order: { seq: 'ASC' } });
    return events.map(toCaseEventView);
  }

  async recordEvent(authority: LocalAuthority, caseId: string, event: CaseEvent, expectedVersion: number | undefined, actor: string): Promise<CaseView> {
    const today = this.clock.today();
    await this.db.transaction(async (tx) => {
      const current = await this.lockForChange(tx, authority, caseId, expectedVersion);
      assertWithinCase('occurredOn', event.occurredOn, current.requestReceivedOn, today);
      const ref = { machineId: current.machineId, machineVersion: current.machineVersion };
      const result = applyEvent(ref, current.snapshot, event);
      if (!result.ok) throw new CaseTransitionRefusedError(result.code, result.message, current.status, result.allowedEvents);
      const { type, occurredOn, ...payload } = event;
      await this.writeTransition(tx, authority, current, result, today, { type, occurredOn, actor, machineVersion: current.machineVersion, payload });
    });
    return this.get(authority, caseId);
  }

  /** Moving a running case to a newer process version is explicit and leaves a line in the trail. */
  async migrate(authority: LocalAuthority, caseId: string, toVersion: number, expectedVersion: number | undefined, actor: string): Promise<CaseView> {
    const today = this.clock.today();
    await this.db.transaction(async (tx) => {
      const current = await this.lockForChange(tx, authority, caseId, expectedVersion);
      if (!machineVersions().includes(toVersion)) {
        throw new CaseMigrationRefusedError(`Version ${toVersion} of the process is not registered; registered versions: ${machineVersions().join(', ')}.`);
      }
      const from = { machineId: current.machineId, machineVersion: current.machineVersion };
      const migrated = migrateCase(from, current.snapshot, toVersion);
      if (!migrated.ok) throw new CaseMigrationRefusedError(migrated.message);
      await this.writeTransition(tx, authority, current, migrated, today, {
        type: MACHINE_MIGRATED,
        occurredOn: today,
        actor,
        machineVersion: toVersion,
        payload: { fromVersion: current.machineVersion, toVersion },
      });
    });
    return this.get(authority, caseId);
  }

  private async lockForChange(tx: EntityManager, authority: LocalAuthority, caseId: string, expectedVersion: number | undefined): Promise<EhcCase> {
    const current = await caseStore.lockCase(tx, authority.id, caseId);
    if (expectedVersion !== undefined && expectedVersion !== current.version) {
      throw new CaseVersionConflictError(expectedVersion, current.version);
    }
    return current;
  }

  private async writeTransition(
    tx: EntityManager,
    authority: LocalAuthority,
    current: EhcCase,
    next: { snapshot: EhcCase['snapshot']; status: EhcCase['status']; facts: CaseFacts; machineVersion?: number },
    today: IsoDate,
    event: NewEvent,
  ): Promise<void> {
    const deadlineRows = this.deadlineRows(next.facts, today, authority);
    await caseStore.updateCase(tx, current.id, current.version, {
      snapshot: next.snapshot,
      status: next.status,
      machineVersion: next.machineVersion ?? current.machineVersion,
      assigneeId: next.facts.assigneeId ?? null,
      nextDueOn: nextDueOn(deadlineRows),
    });
    await caseStore.appendEvent(tx, authority.id, current.id, current.version + 1, event);
    await caseStore.upsertDeadlines(tx, authority.id, current.id, deadlineRows);
  }

  private deadlineRows(facts: CaseFacts, today: IsoDate, authority: LocalAuthority) {
    return computeDeadlines(facts, today, clockOptions(authority)).map(toDeadlineRow);
  }
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
