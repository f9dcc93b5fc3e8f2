import type { EntityManager } from 'typeorm';
import type { PanelDecision } from '../../workflows/panels/index.js';
import type { LoadedMeeting } from './panel-meetings.service.js';

/**
 * A deferral changes nothing on the case: its limit keeps running (domain 6.2), so the case goes
 * straight onto the panel's next meeting, if one is scheduled. Otherwise the next meeting's
 * proposal picks it up, because it still waits at this stage. Returns that meeting's id.
 */
export async function carryForward(tx: EntityManager, { meeting, panel }: LoadedMeeting, caseId: string, reasons: string, actor: string): Promise<string | null> {
  const [next]: Array<{ id: string }> = await tx.query(
    `SELECT id FROM panel_meeting WHERE panel_id = $1 AND meeting_date > $2 ORDER BY meeting_date LIMIT 1`,
    [panel.id, meeting.meetingDate],
  );
  if (!next) return null;
  await tx.query(
    `INSERT INTO agenda_item (local_authority_id, meeting_id, case_id, origin, added_reason, added_by)
     VALUES ($1, $2, $3, 'carried_forward', $4, $5)
     ON CONFLICT (meeting_id, case_id) WHERE removed_at IS NULL DO NOTHING`,
    [meeting.localAuthorityId, next.id, caseId, `Deferred by ${panel.name} on ${meeting.meetingDate}: ${reasons}`, actor],
  );
  return next.id;
}

/** A decided case leaves the live, undecided agendas of later meetings, with the reason why. */
export async function withdrawFromOtherAgendas(tx: EntityManager, { meeting, panel }: LoadedMeeting, caseId: string, decision: PanelDecision, actor: string): Promise<void> {
  await tx.query(
    `UPDATE agenda_item a SET removed_at = now(), removed_by = $4, removed_reason = $5
     WHERE a.case_id = $1 AND a.local_authority_id = $2 AND a.meeting_id <> $3 AND a.removed_at IS NULL
       AND a.meeting_id IN (SELECT m.id FROM panel_meeting m WHERE m.local_authority_id = $2 AND m.meeting_date >= $6)
       AND NOT EXISTS (SELECT 1 FROM panel_decision d WHERE d.meeting_id = a.meeting_id AND d.case_id = a.case_id)`,
    [caseId, meeting.localAuthorityId, meeting.id, actor, `Decided (${decision}) by ${panel.name} on ${meeting.meetingDate}.`, meeting.meetingDate],
  );
}
