import { PLAN_CASE_JOB, PLAN_DISPUTE_JOB, PLAN_PLAN_JOB } from '../queues/queue-names.js';

/** The statutory processes the engine runs (design section 7): the assessment case, the maintained plan and the dispute. */
export type ProcessKind = 'case' | 'plan' | 'dispute';

/**
 * Where a process kind is stored: its row, its append-only trail, its limit rows, the column
 * that names it there (and in notifications and the access log), and the job that re-plans its
 * alerts. The writer, the alert planner, the sweep and notifications read through this, so every
 * process is written, alerted, swept and de-duplicated the same way whatever its kind.
 */
export interface ProcessTables {
  kind: ProcessKind;
  table: 'ehc_case' | 'ehc_plan' | 'dispute';
  eventTable: 'case_event' | 'plan_event' | 'dispute_event';
  deadlineTable: 'case_deadline' | 'plan_deadline' | 'dispute_deadline';
  idColumn: 'case_id' | 'plan_id' | 'dispute_id';
  /** The job data key of its alert re-planning job. */
  jobKey: 'caseId' | 'planId' | 'disputeId';
  alertJob: typeof PLAN_CASE_JOB | typeof PLAN_PLAN_JOB | typeof PLAN_DISPUTE_JOB;
  /** Corrections: the table recording which event supersedes which. */
  supersessionTable: 'case_event_supersession' | 'plan_event_supersession' | 'dispute_event_supersession';
}

export const PROCESSES: Readonly<Record<ProcessKind, ProcessTables>> = {
  case: {
    kind: 'case',
    table: 'ehc_case',
    eventTable: 'case_event',
    deadlineTable: 'case_deadline',
    idColumn: 'case_id',
    jobKey: 'caseId',
    alertJob: PLAN_CASE_JOB,
    supersessionTable: 'case_event_supersession',
  },
  plan: {
    kind: 'plan',
    table: 'ehc_plan',
    eventTable: 'plan_event',
    deadlineTable: 'plan_deadline',
    idColumn: 'plan_id',
    jobKey: 'planId',
    alertJob: PLAN_PLAN_JOB,
    supersessionTable: 'plan_event_supersession',
  },
  dispute: {
    kind: 'dispute',
    table: 'dispute',
    eventTable: 'dispute_event',
    deadlineTable: 'dispute_deadline',
    idColumn: 'dispute_id',
    jobKey: 'disputeId',
    alertJob: PLAN_DISPUTE_JOB,
    supersessionTable: 'dispute_event_supersession',
  },
};
