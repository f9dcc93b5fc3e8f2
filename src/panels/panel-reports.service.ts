import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { IsoDate } from '../../workflows/ehc-needs-assessment/index.js';
import { panelFigures, type DecisionFact, type PanelFigures } from '../../workflows/panels/index.js';
import { NotFoundError, ValidationFailedError } from '../common/domain-error.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { decisionLetter, type DecisionLetter } from './decision-letter.js';
import type { DecisionLetterQuery } from './panel-meetings.dto.js';
import { PanelMeetingsService } from './panel-meetings.service.js';
import type { PanelViewer } from './panel-viewer.js';
import { PanelRequestRefusedError } from './panels.errors.js';
import { PanelsService } from './panels.service.js';

export interface MeetingFigures extends PanelFigures {
  meetingId: string;
  meetingDate: IsoDate;
}

export interface PanelFiguresView {
  panelId: string;
  from: IsoDate;
  to: IsoDate;
  period: PanelFigures;
  meetings: MeetingFigures[];
}

type FigureRow = { meetingId: string; meetingDate: IsoDate } & Partial<DecisionFact>;

/** What panels produce for families and for managers: decision letters and panel figures. */
@Injectable()
export class PanelReportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly panels: PanelsService,
    private readonly meetings: PanelMeetingsService,
  ) {}

  async letter(authority: LocalAuthority, meetingId: string, caseId: string, query: DecisionLetterQuery, viewer: PanelViewer): Promise<DecisionLetter> {
    const { meeting, panel } = await this.meetings.load(this.db.manager, authority, meetingId, viewer);
    const [row] = await this.db.query(
      `SELECT d.decision AS "recommendation", d.officer_decision AS "decision", coalesce(d.officer_reasons, d.reasons) AS "reasons",
              d.officer_decided_on AS "decidedOn", d.decided_by AS "recordedBy", c.reference,
              c.child_given_name AS "givenName", c.child_family_name AS "familyName", c.child_date_of_birth AS "dateOfBirth"
       FROM panel_decision d JOIN ehc_case c ON c.id = d.case_id
       WHERE d.meeting_id = $1 AND d.case_id = $2 AND d.local_authority_id = $3`,
      [meeting.id, caseId, authority.id],
    );
    if (!row) throw new NotFoundError('decision at this meeting for case', caseId);
    if (row.decision === null) {
      throw new PanelRequestRefusedError(`The panel recommended "${row.recommendation}"; no officer has decided yet, and the letter gives the authority's decision.`);
    }
    if (row.decision !== 'decline' && row.decision !== 'not_issue') {
      throw new PanelRequestRefusedError(`The decision was "${row.decision}"; only a decision not to assess or not to issue a plan has a refusal letter with appeal rights.`);
    }
    if (query.noticeSentOn !== undefined && query.noticeSentOn < row.decidedOn) {
      throw new ValidationFailedError(`noticeSentOn ${query.noticeSentOn} is before the decision was made (${row.decidedOn}).`);
    }
    const sentOn = query.noticeSentOn ?? row.decidedOn;
    if (query.mediationCertificateIssuedOn !== undefined && query.mediationCertificateIssuedOn < sentOn) {
      throw new ValidationFailedError(`mediationCertificateIssuedOn ${query.mediationCertificateIssuedOn} is before the notice was sent (${sentOn}).`);
    }
    const child = { givenName: row.givenName, familyName: row.familyName, dateOfBirth: row.dateOfBirth };
    const facts = { caseId, reference: row.reference, child, decision: row.decision, decidedOn: row.decidedOn, reasons: row.reasons };
    return decisionLetter(
      { ...facts, panelMeetingId: meeting.id, panelName: panel.name, decisionRecordedBy: row.recordedBy },
      query.noticeSentOn,
      query.mediationCertificateIssuedOn,
    );
  }

  async figures(authority: LocalAuthority, panelId: string, from: IsoDate, to: IsoDate, viewer: PanelViewer): Promise<PanelFiguresView> {
    if (from > to) throw new ValidationFailedError(`from ${from} is after to ${to}.`);
    await this.panels.panel(this.db.manager, authority, panelId, viewer);
    const rows: FigureRow[] = await this.db.query(
      `SELECT m.id AS "meetingId", m.meeting_date AS "meetingDate", d.decision, d.decided_on AS "decidedOn",
              c.request_received_on AS "requestReceivedOn"
       FROM panel_meeting m
       LEFT JOIN panel_decision d ON d.meeting_id = m.id
       LEFT JOIN ehc_case c ON c.id = d.case_id
       WHERE m.panel_id = $1 AND m.local_authority_id = $2 AND m.meeting_date BETWEEN $3 AND $4
       ORDER BY m.meeting_date, m.id`,
      [panelId, authority.id, from, to],
    );
    const decisions = (r: FigureRow[]) => r.filter((row): row is FigureRow & DecisionFact => row.decision != null);
    const meetingIds = [...new Set(rows.map((r) => r.meetingId))];
    const meetings = meetingIds.map((meetingId) => {
      const own = rows.filter((r) => r.meetingId === meetingId);
      return { meetingId, meetingDate: own[0].meetingDate, ...panelFigures(decisions(own)) };
    });
    return { panelId, from, to, period: panelFigures(decisions(rows)), meetings };
  }
}
