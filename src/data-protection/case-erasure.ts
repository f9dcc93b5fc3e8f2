import type { EntityManager } from 'typeorm';
import type { DigestContent } from '../alerts/digest/digest-content.js';

/** The transaction-local setting that, with a `retention_deletion` row of this transaction, lifts the trails' append-only triggers for one case. */
export const DELETION_SETTING = 'ehc.retention_deletion_case';

/** `$1` is the case; `$2` its authority, in the steps whose index starts with the authority. */
interface ErasureStep {
  table: string;
  sql: string;
  byAuthority?: true;
}

/**
 * Everything that refers to a case, in an order the foreign keys allow (children before what they
 * reference). A table that gains a `case_id` column must be added here: the retention-deletion test
 * compares this list with every such column in the schema.
 */
const ERASURE_STEPS: readonly ErasureStep[] = [
  // Append-only: the trigger lets the case link go (and only it), so who read how many cases when stays on record.
  { table: 'access_log', sql: `UPDATE access_log SET case_id = NULL WHERE local_authority_id = $2 AND case_id = $1`, byAuthority: true },
  // Jobs not yet pruned: the case's re-planning, and the deliveries of its notifications.
  {
    table: 'outbox',
    sql: `DELETE FROM outbox WHERE data->>'caseId' = $1::text OR data->>'disputeId' IN (SELECT id::text FROM dispute WHERE case_id = $1::uuid)
            OR (data->>'kind' = 'notification' AND data->>'id' IN (SELECT id::text FROM notification WHERE case_id = $1::uuid OR dispute_id IN (SELECT id FROM dispute WHERE case_id = $1::uuid)))
            OR (data->>'kind' = 'case_notice' AND data->>'id' IN (SELECT id::text FROM case_notice WHERE case_id = $1::uuid))
            OR (data->>'kind' = 'advice_link' AND data->>'id' IN (SELECT id::text FROM advice_link WHERE case_id = $1::uuid))
            OR (data->>'messageId' IN (SELECT id::text FROM family_message WHERE case_id = $1::uuid))
            OR (data->>'kind' = 'family_update' AND data->>'id' IN (SELECT id::text FROM family_update WHERE case_id = $1::uuid))`,
  },
  { table: 'notification_delivery', sql: `DELETE FROM notification_delivery WHERE notification_id IN (SELECT id FROM notification WHERE case_id = $1 OR dispute_id IN (SELECT id FROM dispute WHERE case_id = $1::uuid))` },
  { table: 'notification', sql: `DELETE FROM notification WHERE case_id = $1 OR dispute_id IN (SELECT id FROM dispute WHERE case_id = $1::uuid)` },
  // A dispute of the case's decisions is part of the case's record (its trail's triggers let it go during the deletion).
  // Dispute reads are not access-logged, so no access_log line names one.
  { table: 'dispute_deadline', sql: `DELETE FROM dispute_deadline WHERE dispute_id IN (SELECT id FROM dispute WHERE case_id = $1::uuid)` },
  { table: 'dispute_event_supersession', sql: `DELETE FROM dispute_event_supersession WHERE dispute_id IN (SELECT id FROM dispute WHERE case_id = $1::uuid)` },
  { table: 'dispute_event', sql: `DELETE FROM dispute_event WHERE dispute_id IN (SELECT id FROM dispute WHERE case_id = $1::uuid)` },
  { table: 'dispute', sql: `DELETE FROM dispute WHERE case_id = $1 AND local_authority_id = $2`, byAuthority: true },
  { table: 'panel_decision', sql: `DELETE FROM panel_decision WHERE case_id = $1` },
  { table: 'agenda_item', sql: `DELETE FROM agenda_item WHERE case_id = $1` },
  { table: 'case_deadline', sql: `DELETE FROM case_deadline WHERE case_id = $1` },
  { table: 'case_report_step', sql: `DELETE FROM case_report_step WHERE case_id = $1` },
  // The plan the case's final plan made is the child's own record and outlives the assessment: only the link goes.
  { table: 'ehc_plan', sql: `UPDATE ehc_plan SET case_id = NULL WHERE case_id = $1 AND local_authority_id = $2`, byAuthority: true },
  // The imported row stays, without the link, so importing the same file again does not bring the deleted case back.
  { table: 'import_record', sql: `UPDATE import_record SET case_id = NULL WHERE case_id = $1 AND local_authority_id = $2`, byAuthority: true },
  // A document kept in the S3-compatible store leaves its key behind, released: the object is deleted after commit (or by the nightly prune), never before, so a rolled-back erasure keeps every file.
  {
    table: 'stored_object',
    sql: `UPDATE stored_object SET released_at = now() WHERE storage_key IN (SELECT storage_key FROM advice_document WHERE case_id = $1 AND local_authority_id = $2
            UNION ALL SELECT storage_key FROM family_document WHERE case_id = $1 AND local_authority_id = $2)`,
    byAuthority: true,
  },
  // What the family sent and the emails telling them what changed, before who could send it.
  { table: 'family_document', sql: `DELETE FROM family_document WHERE case_id = $1 AND local_authority_id = $2`, byAuthority: true },
  { table: 'family_update_delivery', sql: `DELETE FROM family_update_delivery WHERE update_id IN (SELECT id FROM family_update WHERE case_id = $1)` },
  { table: 'family_update', sql: `DELETE FROM family_update WHERE case_id = $1 AND local_authority_id = $2`, byAuthority: true },
  { table: 'family_message', sql: `DELETE FROM family_message WHERE case_id = $1 AND local_authority_id = $2`, byAuthority: true },
  // Who in the family could see the case, revoked or not.
  { table: 'family_contact', sql: `DELETE FROM family_contact WHERE case_id = $1 AND local_authority_id = $2`, byAuthority: true },
  // The notices as sent: append-only like the trail, and lifted for this case in the same way.
  { table: 'case_notice_delivery', sql: `DELETE FROM case_notice_delivery WHERE notice_id IN (SELECT id FROM case_notice WHERE case_id = $1)` },
  { table: 'case_notice', sql: `DELETE FROM case_notice WHERE case_id = $1 AND local_authority_id = $2`, byAuthority: true },
  // The advice portal: what came through the links, then the links, their tokens and their emails.
  { table: 'advice_document', sql: `DELETE FROM advice_document WHERE case_id = $1 AND local_authority_id = $2`, byAuthority: true },
  { table: 'advice_link_token', sql: `DELETE FROM advice_link_token WHERE link_id IN (SELECT id FROM advice_link WHERE case_id = $1)` },
  { table: 'advice_link_delivery', sql: `DELETE FROM advice_link_delivery WHERE link_id IN (SELECT id FROM advice_link WHERE case_id = $1)` },
  { table: 'advice_link', sql: `DELETE FROM advice_link WHERE case_id = $1 AND local_authority_id = $2`, byAuthority: true },
  // Append-only: lifted for this case only, by the deletion setting and this transaction's retention_deletion row.
  { table: 'case_event_supersession', sql: `DELETE FROM case_event_supersession WHERE case_id = $1` },
  { table: 'case_event', sql: `DELETE FROM case_event WHERE case_id = $1` },
  { table: 'ehc_case', sql: `DELETE FROM ehc_case WHERE id = $1 AND local_authority_id = $2`, byAuthority: true },
];

/** The transaction-local setting that, with the case's deletion under way, lifts the child tables' append-only triggers for the child it names. */
export const CHILD_DELETION_SETTING = 'ehc.retention_deletion_child';

/**
 * The child record, when the case was the last case or plan to name it (`$1` the child, `$2` its
 * authority). Append-only tables let go only of this child, and only while its case is being deleted.
 */
const CHILD_ERASURE_STEPS: readonly ErasureStep[] = [
  { table: 'access_log', sql: `UPDATE access_log SET child_id = NULL WHERE local_authority_id = $2 AND child_id = $1` },
  { table: 'child_identity_change', sql: `DELETE FROM child_identity_change WHERE child_id = $1 AND local_authority_id = $2` },
  { table: 'child', sql: `DELETE FROM child WHERE id = $1 AND local_authority_id = $2` },
];

/** Every table the erasure clears of a case (manager_digest is rewritten, not listed: its case ids sit inside its content). */
export const ERASED_TABLES: readonly string[] = [...new Set([...ERASURE_STEPS, ...CHILD_ERASURE_STEPS].map((step) => step.table)), 'manager_digest'];

/**
 * Removes the case and everything derived from it, inside the caller's transaction, which must
 * already hold the case row's lock and have written its `retention_deletion` row.
 */
export async function eraseCase(tx: EntityManager, caseId: string, authorityId: string): Promise<void> {
  await tx.query(`SELECT set_config($1, $2, true)`, [DELETION_SETTING, caseId]);
  const disputes: { id: string }[] = await tx.query(`SELECT id FROM dispute WHERE case_id = $1 AND local_authority_id = $2`, [caseId, authorityId]);
  const [{ child_id: childId }] = await tx.query(`SELECT child_id FROM ehc_case WHERE id = $1 AND local_authority_id = $2`, [caseId, authorityId]);
  for (const step of ERASURE_STEPS) await tx.query(step.sql, step.byAuthority ? [caseId, authorityId] : [caseId]);
  await eraseChildIfUnused(tx, childId, authorityId);
  await unlinkFromDigests(tx, caseId, disputes.map((d) => d.id), authorityId);
}

/**
 * The child record goes with its last case: when no other case and no plan names it. Its row is
 * locked first, so a case or plan being created for this child either commits before the check
 * (and keeps the child) or waits and finds it gone (404).
 */
async function eraseChildIfUnused(tx: EntityManager, childId: string, authorityId: string): Promise<void> {
  await tx.query(`SELECT id FROM child WHERE id = $1 AND local_authority_id = $2 FOR UPDATE`, [childId, authorityId]);
  const [{ used }] = await tx.query(
    `SELECT EXISTS (SELECT 1 FROM ehc_case WHERE child_id = $1) OR EXISTS (SELECT 1 FROM ehc_plan WHERE child_id = $1) AS used`,
    [childId],
  );
  if (used) return;
  await tx.query(`SELECT set_config($1, $2, true)`, [CHILD_DELETION_SETTING, childId]);
  for (const step of CHILD_ERASURE_STEPS) await tx.query(step.sql, [childId, authorityId]);
}

/**
 * A digest is kept as it was sent (its email carried references only), so its lists keep the
 * case's lines and those of its disputes, but no longer their ids.
 */
async function unlinkFromDigests(tx: EntityManager, caseId: string, disputeIds: string[], authorityId: string): Promise<void> {
  const digests: { id: string; content: DigestContent }[] = await tx.query(
    `SELECT id, content FROM manager_digest
     WHERE local_authority_id = $2 AND (jsonb_path_exists(content, '$.teams[*].*[*] ? (@.caseId == $id)', jsonb_build_object('id', $1::text))
       OR EXISTS (SELECT 1 FROM unnest($3::text[]) AS dispute(id) WHERE jsonb_path_exists(content, '$.disputes.teams[*].*[*] ? (@.disputeId == $id)', jsonb_build_object('id', dispute.id))))`,
    [caseId, authorityId, disputeIds],
  );
  for (const { id, content } of digests) {
    await tx.query(`UPDATE manager_digest SET content = $2 WHERE id = $1`, [id, withoutCase(content, caseId, disputeIds)]);
  }
}

function withoutCase(content: DigestContent, caseId: string, disputeIds: string[]): DigestContent {
  const unlink = <T extends { caseId: string | null }>(items: T[]): T[] => items.map((item) => (item.caseId === caseId ? { ...item, caseId: null } : item));
  const unlinkDisputes = <T extends { disputeId: string | null }>(items: T[]): T[] => items.map((item) => (item.disputeId !== null && disputeIds.includes(item.disputeId) ? { ...item, disputeId: null } : item));
  const disputes = content.disputes && {
    ...content.disputes,
    teams: content.disputes.teams.map((team) => ({ ...team, ordersOverdue: unlinkDisputes(team.ordersOverdue), ordersDueSoon: unlinkDisputes(team.ordersDueSoon) })),
  };
  return {
    ...content,
    teams: content.teams.map((team) => ({ ...team, overdue: unlink(team.overdue), dueSoon: unlink(team.dueSoon), adviceOverdue: unlink(team.adviceOverdue) })),
    ...(disputes ? { disputes } : {}),
  };
}
