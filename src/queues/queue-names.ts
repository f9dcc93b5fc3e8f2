import type { JobsOptions } from 'bullmq';

/** Planning and raising alerts for a case or a plan. */
export const ALERTS_QUEUE = 'alerts';
/** Re-plans one case's alerts: after its deadlines change, and when a planned alert falls due. */
export const PLAN_CASE_JOB = 'plan-case';
/** The same for one maintained EHC plan. */
export const PLAN_PLAN_JOB = 'plan-plan';
/** The same for one dispute (issue 14). */
export const PLAN_DISPUTE_JOB = 'plan-dispute';
/** The same for one message from the family, whose answer has a target (issue 16 item 3). */
export const PLAN_FAMILY_MESSAGE_JOB = 'plan-family-message';
/** Finds alerts that should have been raised and were not (a lost job, a wiped Redis). */
export const SWEEP_JOB = 'sweep';
/** Raises the managers' daily digest of every authority that has none for today yet. */
export const DIGEST_JOB = 'manager-digest';
/** Deletes spent rows (relayed outbox rows, old refresh tokens, abandoned sign-in attempts) nightly. */
export const PRUNE_JOB = 'prune';
/** Sending a raised notification or digest by email or webhook. */
export const DELIVERIES_QUEUE = 'deliveries';
export const DELIVER_JOB = 'deliver';

/**
 * Transient failures retry with exponential backoff; finished jobs are kept for a while so a
 * deterministic job id still de-duplicates a late duplicate, then trimmed.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 50_000 },
  removeOnFail: { age: 30 * 24 * 3600, count: 50_000 },
};
