import type { EntityManager } from 'typeorm';
import { computeLimitRecords, type IsoDate } from '../../workflows/ehc-needs-assessment/index.js';
import { computePlanLimitRecords, PLAN_STARTED } from '../../workflows/ehc-plan/index.js';
import type { LimitRecord } from '../../workflows/limits/index.js';
import { IDENTITY_COLUMNS, IDENTITY_FIELDS, type ChildIdentityItems } from '../children/child-store.js';
import { caseStore } from '../cases/case-store.js';
import { REQUEST_RECEIVED } from '../cases/cases.service.js';
import { PROCESSES, type ProcessTables } from '../database/process-tables.js';
import { DEADLINE_COLUMNS, nextDueOn } from '../limits/deadline-rows.js';
import { planStore } from '../plans/plan-store.js';
import { ALERTS_QUEUE } from '../queues/queue-names.js';
import type { BuiltCase, BuiltPlan } from './import-history.js';
import type { ImportedRecord } from './import-rows.js';

export interface ImportWriter {
  tx: EntityManager;
  localAuthorityId: string;
  batchId: string;
  fileName: string;
  /** The trail's actor on every imported line: who imported it, from which file. */
  actor: string;
  /** The moment of the import: alerts due before it are the previous system's. */
  alertsFrom: Date;
  strictMode: boolean;
}

interface TrailLine {
  type: string;
  occurredOn: IsoDate;
  payload: Record<string, unknown>;
}

/**
 * The SQL of an import: each record is written as it stands at the end of its history (row,
 * every trail line, its limit rows and one outbox job to plan its alerts), in the caller's
 * transaction, so a file is imported whole or not at all.
 */
export const importStore = {
  async createChild(w: ImportWriter, identity: Partial<ChildIdentityItems>): Promise<string> {
    const given = IDENTITY_FIELDS.filter((field) => identity[field] != null);
    const columns = ['local_authority_id', ...given.map((field) => IDENTITY_COLUMNS[field])];
    const values = [w.localAuthorityId, ...given.map((field) => identity[field])];
    const [{ id }] = await w.tx.query(`INSERT INTO child (${columns.join(', ')}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`, values);
    return id;
  },

  async writeCase(w: ImportWriter, record: ImportedRecord, built: BuiltCase, childId: string): Promise<{ id: string; reference: string }> {
    const { input } = record.assessment!;
    const rows = computeLimitRecords(built.state.facts, { strictMode: w.strictMode });
    const reference = await caseStore.allocateReference(w.tx, w.localAuthorityId, Number(input.requestReceivedOn.slice(0, 4)));
    const lines: TrailLine[] = [
      { type: REQUEST_RECEIVED, occurredOn: input.requestReceivedOn, payload: { child: { ...record.child }, requestSource: input.requestSource, ...(input.importedFromReturn && { importedFromReturn: input.importedFromReturn }), imported: importedFrom(w, record) } },
      ...trailLinesOf(built.events),
    ];
    const [{ id }] = await w.tx.query(
      `INSERT INTO ehc_case (local_authority_id, reference, machine_id, machine_version, snapshot, status, version, child_given_name, child_family_name,
         child_date_of_birth, request_received_on, request_source, assignee_id, next_due_on, child_id, alerts_from)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
      [w.localAuthorityId, reference, built.started.machineId, built.started.machineVersion, built.state.snapshot, built.state.status, lines.length,
        record.child.givenName, record.child.familyName, record.child.dateOfBirth, input.requestReceivedOn, input.requestSource,
        built.state.facts.assigneeId ?? null, nextDueOn(rows), childId, w.alertsFrom],
    );
    await writeTrailAndLimits(w, PROCESSES.case, id, built.started.machineVersion, lines, rows);
    return { id, reference };
  },

  async writePlan(w: ImportWriter, record: ImportedRecord, built: BuiltPlan, childId: string, fromCase: { id: string; reference: string } | null): Promise<{ id: string; reference: string }> {
    const caseId = fromCase?.id ?? null;
    const rows = computePlanLimitRecords(built.state.facts, { strictMode: w.strictMode });
    const reference = await planStore.allocateReference(w.tx, w.localAuthorityId, Number(built.input.startedOn.slice(0, 4)));
    const origin = fromCase ? { fromCase: fromCase.reference } : { entered: true, ...(record.plan?.fromAuthority && { fromAuthority: record.plan.fromAuthority }) };
    const lines: TrailLine[] = [
      { type: PLAN_STARTED, occurredOn: built.input.startedOn, payload: { ...built.input, ...origin, caseId, imported: importedFrom(w, record) } },
      ...trailLinesOf(built.events),
    ];
    const [{ id }] = await w.tx.query(
      `INSERT INTO ehc_plan (local_authority_id, reference, machine_id, machine_version, snapshot, status, version, child_given_name, child_family_name,
         child_date_of_birth, started_on, case_id, assignee_id, next_due_on, child_id, alerts_from)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
      [w.localAuthorityId, reference, built.started.machineId, built.started.machineVersion, built.state.snapshot, built.state.status, lines.length,
        record.child.givenName, record.child.familyName, record.child.dateOfBirth, built.input.startedOn, caseId,
        built.state.facts.assigneeId ?? null, nextDueOn(rows), childId, w.alertsFrom],
    );
    if (caseId) await w.tx.query(`UPDATE ehc_case SET plan_id = $2 WHERE id = $1`, [caseId, id]);
    await writeTrailAndLimits(w, PROCESSES.plan, id, built.started.machineVersion, lines, rows);
    return { id, reference };
  },

  async recordRow(w: ImportWriter, record: ImportedRecord, caseId: string | null, planId: string | null): Promise<void> {
    await w.tx.query(
      `INSERT INTO import_record (local_authority_id, legacy_reference, batch_id, line, content_sha256, case_id, plan_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [w.localAuthorityId, record.legacyReference, w.batchId, record.line, record.contentHash, caseId, planId],
    );
  },
};

/** Events as the trail stores them: the engine's columns, and the rest as the payload. */
function trailLinesOf(events: { type: string; occurredOn: IsoDate }[]): TrailLine[] {
  return events.map(({ type, occurredOn, ...payload }) => ({ type, occurredOn, payload }));
}

function importedFrom(w: ImportWriter, record: ImportedRecord): Record<string, unknown> {
  return { batchId: w.batchId, file: w.fileName, line: record.line, legacyReference: record.legacyReference };
}

/** Every line with its place (`seq` from 1), the limit rows, and the job that plans the record's alerts. */
async function writeTrailAndLimits(w: ImportWriter, tables: ProcessTables, id: string, machineVersion: number, lines: TrailLine[], rows: LimitRecord[]): Promise<void> {
  await w.tx.query(
    `INSERT INTO ${tables.eventTable} (${tables.idColumn}, seq, local_authority_id, type, occurred_on, actor, machine_version, payload, import_batch_id)
     SELECT $1, line.seq, $2, line.type, line.occurred_on, $3, $4, line.payload, $5
     FROM unnest($6::text[], $7::date[], $8::jsonb[]) WITH ORDINALITY AS line (type, occurred_on, payload, seq)`,
    [id, w.localAuthorityId, w.actor, machineVersion, w.batchId, lines.map((l) => l.type), lines.map((l) => l.occurredOn), lines.map((l) => JSON.stringify(l.payload))],
  );
  const columns = DEADLINE_COLUMNS.map(([column]) => column);
  const arrays = DEADLINE_COLUMNS.map(([, field, type], i) => ({ sql: `$${i + 3}::${type}[]`, value: rows.map((row) => row[field]) }));
  await w.tx.query(
    `INSERT INTO ${tables.deadlineTable} (${tables.idColumn}, local_authority_id, ${columns.join(', ')})
     SELECT $1, $2, row.* FROM unnest(${arrays.map((a) => a.sql).join(', ')}) AS row`,
    [id, w.localAuthorityId, ...arrays.map((a) => a.value)],
  );
  await w.tx.query(
    `INSERT INTO outbox (queue, job_name, job_id, data) VALUES ($1, $2, $3, $4)`,
    [ALERTS_QUEUE, tables.alertJob, `${tables.alertJob}.${id}.${lines.length}`, { [tables.jobKey]: id, previous: [] }],
  );
}
