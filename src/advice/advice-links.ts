import type { EntityManager } from 'typeorm';
import type { IsoDate } from '../../workflows/ehc-needs-assessment/index.js';
import { ADVICE_LINK_DELIVERIES, addDeliveries, deliveriesJsonSql } from '../alerts/deliveries.js';

export type AdviceLinkState = 'sent' | 'used' | 'expired' | 'revoked';

/** A link as the caseworker sees it: never its tokens. */
export interface AdviceLinkView {
  id: string;
  /** The advice request (its deadline's name, `advice.health`). */
  request: string;
  contactEmail: string;
  state: AdviceLinkState;
  /** The last day it works. */
  expiresOn: IsoDate;
  createdBy: string;
  createdAt: string;
  revokedBy: string | null;
  revokedAt: string | null;
  usedAt: string | null;
  deliveries: { channel: 'email'; target: string; status: 'pending' | 'sent' | 'failed'; attempts: number; lastError: string | null; sentAt: string | null }[];
}

const COLUMNS = `l.id, l.request, l.contact_email AS "contactEmail",
  CASE WHEN l.used_at IS NOT NULL THEN 'used' WHEN l.revoked_at IS NOT NULL THEN 'revoked' WHEN l.expires_on < $TODAY::date THEN 'expired' ELSE 'sent' END AS state,
  to_char(l.expires_on, 'YYYY-MM-DD') AS "expiresOn", l.created_by AS "createdBy", to_json(l.created_at)#>>'{}' AS "createdAt",
  l.revoked_by AS "revokedBy", to_json(l.revoked_at)#>>'{}' AS "revokedAt", to_json(l.used_at)#>>'{}' AS "usedAt",
  ${deliveriesJsonSql(ADVICE_LINK_DELIVERIES, 'l.id')} AS deliveries`;

/** Every link of the case, oldest first (`$TODAY` decides which have expired). */
export function linksOf(db: EntityManager, authorityId: string, caseId: string, today: IsoDate): Promise<AdviceLinkView[]> {
  return db.query(`SELECT ${COLUMNS.replace('$TODAY', '$3')} FROM advice_link l WHERE l.local_authority_id = $1 AND l.case_id = $2 ORDER BY l.created_at, l.id`, [authorityId, caseId, today]);
}

export async function linkOf(db: EntityManager, id: string, today: IsoDate): Promise<AdviceLinkView> {
  const [row] = await db.query(`SELECT ${COLUMNS.replace('$TODAY', '$2')} FROM advice_link l WHERE l.id = $1`, [id, today]);
  return row;
}

export interface NewLink {
  authorityId: string;
  caseId: string;
  request: string;
  contactEmail: string;
  daysAfterDue: number;
  createdBy: string;
  /** Counted from when the request has no advice deadline row: 6 weeks from today. */
  today: IsoDate;
}

/**
 * A new link for the request, replacing the live one (revoked by the same hand), its email queued
 * through the outbox in the caller's transaction. It expires `daysAfterDue` days after the
 * request's advice deadline as the case's limit rows hold it now (reg 8(1): 6 weeks).
 */
export async function issueLinkIn(tx: EntityManager, link: NewLink): Promise<string> {
  await revokeLiveIn(tx, link.authorityId, link.caseId, link.request, link.createdBy);
  const [{ id }] = await tx.query(
    `INSERT INTO advice_link (local_authority_id, case_id, request, contact_email, expires_on, created_by)
     VALUES ($1, $2, $3, $4, coalesce((SELECT due_on FROM case_deadline WHERE case_id = $2 AND name = $3), $7::date + 42) + $5::int, $6)
     RETURNING id`,
    [link.authorityId, link.caseId, link.request, link.contactEmail, link.daysAfterDue, link.createdBy, link.today],
  );
  await addDeliveries(tx, ADVICE_LINK_DELIVERIES, id, [{ channel: 'email', target: link.contactEmail }]);
  return id;
}

/** Ends the request's live link, if any; answers its id. */
export async function revokeLiveIn(tx: EntityManager, authorityId: string, caseId: string, request: string, by: string): Promise<string | undefined> {
  const [rows] = await tx.query(
    `UPDATE advice_link SET revoked_at = now(), revoked_by = $4
     WHERE local_authority_id = $1 AND case_id = $2 AND request = $3 AND revoked_at IS NULL AND used_at IS NULL RETURNING id`,
    [authorityId, caseId, request, by],
  );
  return rows[0]?.id;
}
