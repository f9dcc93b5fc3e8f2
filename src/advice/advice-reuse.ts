import type { EntityManager } from 'typeorm';
import { longDate } from '../../workflows/calendar/dates.js';
import { caseFactsOf, type AdviceContact, type AdviceRequest, type IsoDate, type PersistedCaseSnapshot } from '../../workflows/ehc-needs-assessment/index.js';
import type { KeptDocument } from './advice-documents.js';
import type { DocumentStore, StoredContent } from '../documents/document-store.js';

/** Earlier advice offered for reuse on a link's page and to the caseworker: never its content. */
export interface ReusableAdvice {
  id: string;
  caseId: string;
  caseReference: string;
  request: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  /** The day the advice was first received (a copy's original day, so a year never restarts by copying). */
  receivedOn: IsoDate;
  /** Who gave it: the address its link was sent to, and whom its request named. */
  givenBy: { email: string; name?: string; organisation?: string };
}

/** The request a link asks for, as reuse matches it. */
export interface AskedOf {
  authorityId: string;
  caseId: string;
  childId: string;
  request: AdviceRequest;
  contactEmail: string;
}

interface CandidateRow extends Omit<ReusableAdvice, 'givenBy'> {
  reusedFrom: string | null;
  contactEmail: string;
  snapshot: PersistedCaseSnapshot;
}

/**
 * Advice of the same child (any of its cases, the earlier assessment included), in the same
 * authority, from the same kind of contributor, first received less than a year before today.
 * The child and the authority are in the WHERE: nothing of another child or authority is read.
 */
const CANDIDATES = `
  SELECT d.id, d.case_id AS "caseId", c.reference AS "caseReference", d.request, d.filename, d.content_type AS "contentType", d.size_bytes AS "sizeBytes",
    to_char(coalesce(d.reused_received_on, d.received_on), 'YYYY-MM-DD') AS "receivedOn", d.reused_from AS "reusedFrom", l.contact_email AS "contactEmail", c.snapshot
  FROM advice_document d
  JOIN ehc_case c ON c.id = d.case_id AND c.local_authority_id = d.local_authority_id
  JOIN advice_link l ON l.id = d.link_id
  WHERE d.local_authority_id = $1 AND c.child_id = $2 AND NOT (d.case_id = $3 AND d.request = $4)
    AND substring(d.request from '^advice\\.([a-z_]+)') = $5
    AND coalesce(d.reused_received_on, d.received_on) > ($6::date - interval '1 year')::date
    AND coalesce(d.reused_received_on, d.received_on) <= $6::date
  ORDER BY coalesce(d.reused_received_on, d.received_on) DESC, d.created_at, d.filename`;

/** What the link's page offers for reuse (SEND Regs 2014 reg 6(4)), newest first. */
export async function reusableAdvice(db: EntityManager, asked: AskedOf, today: IsoDate): Promise<ReusableAdvice[]> {
  const rows: CandidateRow[] = await db.query(CANDIDATES, [asked.authorityId, asked.childId, asked.caseId, asked.request.name, asked.request.contributor, today]);
  const current = { ...asked.request.contact, email: asked.contactEmail, body: asked.request.body };
  const offered = rows.flatMap((row) => {
    const earlier = caseFactsOf(row.snapshot).advice.find((a) => a.name === row.request);
    const givenBy = { ...earlier?.contact, email: row.contactEmail };
    if (!sameBody(current, { ...givenBy, body: earlier?.body })) return [];
    const { id, caseId, caseReference, request, filename, contentType, sizeBytes, receivedOn } = row;
    const shown: ReusableAdvice = { id, caseId, caseReference, request, filename, contentType, sizeBytes, receivedOn, givenBy: defined(givenBy) };
    return [{ offered: shown, reusedFrom: row.reusedFrom }];
  });
  // A copy whose original is offered too is the same advice: the original alone is offered.
  const ids = new Set(offered.map((o) => o.offered.id));
  return offered.filter((o) => !(o.reusedFrom && ids.has(o.reusedFrom))).map((o) => o.offered);
}

type BodyOf = AdviceContact & { email: string; body?: string };

/**
 * "The same body": the same contact address, or the same organisation named on both requests;
 * never two differently named bodies of one contributor (paediatrics and speech and language
 * therapy are both health).
 */
function sameBody(current: BodyOf, earlier: BodyOf): boolean {
  if (current.body && earlier.body && same(current.body) !== same(earlier.body)) return false;
  if (same(current.email) === same(earlier.email)) return true;
  return Boolean(current.organisation && earlier.organisation && same(current.organisation) === same(earlier.organisation));
}

const same = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as T;
}

/**
 * The chosen documents as copies for the new request, each naming its original and its first day.
 * The bytes are read through the store and kept again as the copy's own, so the copy outlives
 * the original's erasure wherever the bytes live.
 */
export async function copiesOf(tx: EntityManager, store: DocumentStore, chosen: ReusableAdvice[]): Promise<KeptDocument[]> {
  const rows: ({ id: string; filename: string; contentType: string; sha256: string } & StoredContent)[] = await tx.query(
    `SELECT id, filename, content_type AS "contentType", sha256, content, storage_key AS "storageKey" FROM advice_document WHERE id = ANY($1::uuid[])`,
    [chosen.map((c) => c.id)],
  );
  const copies: KeptDocument[] = [];
  for (const c of chosen) {
    const { id, filename, contentType, sha256, ...stored } = rows.find((row) => row.id === c.id)!;
    copies.push({ filename, contentType, sha256, content: await store.read({ ...stored, sha256 }), reusedFrom: { id, receivedOn: c.receivedOn } });
  }
  return copies;
}

/** The ADVICE_RECEIVED note: what was confirmed, and that the decision is not the contributor's alone. */
export function stillStandsNote(chosen: ReusableAdvice[], today: IsoDate): string {
  const items = chosen.map((c) => `${c.filename === 'advice.txt' ? 'typed advice' : c.filename} received ${longDate(c.receivedOn)} (case ${c.caseReference})`);
  return `Confirmed on ${longDate(today)} by the contributor as still standing (SEND Regs 2014 reg 6(4)): ${items.join('; ')}. `
    + 'It is sufficient only if the local authority and the parent or young person agree too.';
}
