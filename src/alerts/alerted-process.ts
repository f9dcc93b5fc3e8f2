import { PLAN_CASE_JOB, PLAN_PLAN_JOB } from '../queues/queue-names.js';

/** The statutory processes whose limits alert (design section 7): the assessment case and the maintained plan. */
export type ProcessKind = 'case' | 'plan';

/**
 * Where a process kind keeps its row and its limit rows, which notification column names it, and
 * the job (and the job's data field) that re-plans it. Every alert consumer reads through this,
 * so a process is alerted, swept and de-duplicated the same way whatever its kind.
 */
export interface ProcessTables {
  kind: ProcessKind;
  table: 'ehc_case' | 'ehc_plan';
  deadlines: 'case_deadline' | 'plan_deadline';
  /** The column naming the process in its limit rows and in `notification`. */
  key: 'case_id' | 'plan_id';
  job: typeof PLAN_CASE_JOB | typeof PLAN_PLAN_JOB;
  idField: 'caseId' | 'planId';
}

export const PROCESSES: Readonly<Record<ProcessKind, ProcessTables>> = {
  case: { kind: 'case', table: 'ehc_case', deadlines: 'case_deadline', key: 'case_id', job: PLAN_CASE_JOB, idField: 'caseId' },
  plan: { kind: 'plan', table: 'ehc_plan', deadlines: 'plan_deadline', key: 'plan_id', job: PLAN_PLAN_JOB, idField: 'planId' },
};
