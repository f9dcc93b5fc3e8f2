import type { EntityManager } from 'typeorm';
import type { IsoDate } from '../../workflows/ehc-needs-assessment/index.js';
import type { PanelPurpose } from '../../workflows/panels/index.js';
import type { PanelViewer } from './panel-viewer.js';

/** One line of the list of meetings: enough to choose a meeting, nothing about the cases on it. */
export interface MeetingSummary {
  id: string;
  panelId: string;
  panelName: string;
  purpose: PanelPurpose;
  meetingDate: IsoDate;
  kind: 'scheduled' | 'ad_hoc';
  /** Cases on the live agenda. */
  items: number;
  /** Of those, the ones the panel has decided. */
  decided: number;
}

/**
 * The meetings on or after `since`, soonest first, of the panels the viewer may see: a panel
 * member only those of the panels they sit on, as GET /api/panels shows them.
 */
export async function meetingsSince(db: EntityManager, authorityId: string, since: IsoDate, viewer: PanelViewer): Promise<MeetingSummary[]> {
  const rows: Array<Omit<MeetingSummary, 'items' | 'decided'> & { items: string; decided: string }> = await db.query(
    `SELECT m.id, m.panel_id AS "panelId", p.name AS "panelName", p.purpose, m.meeting_date AS "meetingDate", m.kind,
            count(a.id) AS items, count(d.id) AS decided
     FROM panel_meeting m
     JOIN panel p ON p.id = m.panel_id
     LEFT JOIN agenda_item a ON a.meeting_id = m.id AND a.removed_at IS NULL
     LEFT JOIN panel_decision d ON d.meeting_id = m.id AND d.case_id = a.case_id
     WHERE m.local_authority_id = $1 AND m.meeting_date >= $2
       AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM panel_member pm WHERE pm.panel_id = p.id AND pm.user_id = $3 AND pm.active))
     GROUP BY m.id, p.id
     ORDER BY m.meeting_date, p.name`,
    [authorityId, since, viewer.kind === 'member' ? viewer.userId : null],
  );
  return rows.map((row) => ({ ...row, items: Number(row.items), decided: Number(row.decided) }));
}
