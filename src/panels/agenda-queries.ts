import type { EntityManager } from 'typeorm';
import type { IsoDate } from '../../workflows/ehc-needs-assessment/index.js';
import { STAGE_DEADLINE, STAGE_STATUS, type Conflict, type MemberRole, type OfficerDecision, type PanelDecision, type PanelPurpose } from '../../workflows/panels/index.js';

export interface AgendaRow {
  caseId: string;
  origin: string;
  addedReason: string | null;
  childSchool: string | null;
  reference: string;
  givenName: string;
  familyName: string;
  dateOfBirth: IsoDate;
  status: string;
  requestReceivedOn: IsoDate;
  dueOn: IsoDate;
  decision: PanelDecision | null;
  reasons: string | null;
  decidedOn: IsoDate | null;
  recordedBy: string | null;
  conflicts: Conflict[] | null;
  recommenderId: string | null;
  recommenderName: string | null;
  recommenderRole: MemberRole | null;
  officerDecision: OfficerDecision | null;
  officerReasons: string | null;
  officerDecidedOn: IsoDate | null;
  decidedBy: string | null;
}

/**
 * Proposes the agenda of a new meeting: every case waiting at the panel's stage, except those
 * already on the live, undecided agenda of an earlier (or same-day) upcoming meeting of a panel
 * with the same purpose, so two panels do not both take a case, and except those whose panel has
 * recommended and whose officer's decision is awaited.
 */
export async function proposeAgenda(
  tx: EntityManager,
  meeting: { id: string; localAuthorityId: string; meetingDate: IsoDate },
  purpose: PanelPurpose,
  today: IsoDate,
  actor: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO agenda_item (local_authority_id, meeting_id, case_id, origin, added_by)
     SELECT c.local_authority_id, $2, c.id, 'proposed', $6
     FROM ehc_case c
     WHERE c.local_authority_id = $1 AND c.status = $3
       AND NOT EXISTS (
         SELECT 1 FROM agenda_item a
         JOIN panel_meeting m ON m.id = a.meeting_id
         JOIN panel p ON p.id = m.panel_id
         WHERE a.case_id = c.id AND a.removed_at IS NULL AND p.purpose = $4 AND m.id <> $2
           AND m.meeting_date BETWEEN $5 AND $7
           AND NOT EXISTS (SELECT 1 FROM panel_decision d WHERE d.meeting_id = a.meeting_id AND d.case_id = a.case_id))
       AND NOT EXISTS (
         SELECT 1 FROM panel_decision d WHERE d.case_id = c.id AND d.decision <> 'defer' AND d.officer_decision IS NULL)`,
    [meeting.localAuthorityId, meeting.id, STAGE_STATUS[purpose], purpose, today, actor, meeting.meetingDate],
  );
}

/** The live agenda with each case's statutory due date, soonest first. */
export async function readAgenda(db: EntityManager, localAuthorityId: string, meetingId: string, purpose: PanelPurpose): Promise<AgendaRow[]> {
  return db.query(
    `SELECT a.case_id AS "caseId", a.origin, a.added_reason AS "addedReason", a.child_school AS "childSchool",
            c.reference, c.child_given_name AS "givenName", c.child_family_name AS "familyName",
            c.child_date_of_birth AS "dateOfBirth", c.status, c.request_received_on AS "requestReceivedOn",
            dl.due_on AS "dueOn", pd.decision, pd.reasons, pd.decided_on AS "decidedOn",
            pd.recorded_by AS "recordedBy", pd.conflicts,
            rm.id AS "recommenderId", rm.name AS "recommenderName", rm.role AS "recommenderRole",
            pd.officer_decision AS "officerDecision", pd.officer_reasons AS "officerReasons",
            pd.officer_decided_on AS "officerDecidedOn", pd.decided_by AS "decidedBy"
     FROM agenda_item a
     JOIN ehc_case c ON c.id = a.case_id
     JOIN case_deadline dl ON dl.case_id = c.id AND dl.name = $3
     LEFT JOIN panel_decision pd ON pd.meeting_id = a.meeting_id AND pd.case_id = a.case_id
     LEFT JOIN panel_member rm ON rm.id = pd.recommended_by_member_id
     WHERE a.meeting_id = $1 AND a.local_authority_id = $2 AND a.removed_at IS NULL
     ORDER BY dl.due_on, c.reference`,
    [meetingId, localAuthorityId, STAGE_DEADLINE[purpose]],
  );
}

export async function readRemovedItems(db: EntityManager, localAuthorityId: string, meetingId: string) {
  return db.query(
    `SELECT a.case_id AS "caseId", c.reference, a.removed_reason AS "reason", a.removed_by AS "removedBy", a.removed_at AS "removedAt"
     FROM agenda_item a JOIN ehc_case c ON c.id = a.case_id
     WHERE a.meeting_id = $1 AND a.local_authority_id = $2 AND a.removed_at IS NOT NULL
     ORDER BY a.removed_at`,
    [meetingId, localAuthorityId],
  ) as Promise<Array<{ caseId: string; reference: string; reason: string; removedBy: string; removedAt: Date }>>;
}

/** Scheduled meeting dates of the panel after `date`: the following meeting is the first of them. */
export async function laterScheduledDates(db: EntityManager, panelId: string, date: IsoDate): Promise<IsoDate[]> {
  const rows: Array<{ meeting_date: IsoDate }> = await db.query(
    `SELECT meeting_date FROM panel_meeting WHERE panel_id = $1 AND kind = 'scheduled' AND meeting_date > $2 ORDER BY meeting_date LIMIT 1`,
    [panelId, date],
  );
  return rows.map((r) => r.meeting_date);
}
