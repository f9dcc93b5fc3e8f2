import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { IsoDate } from '../../workflows/ehc-needs-assessment/index.js';
import { AccessLogService } from '../access-log/access-log.service.js';
import type { RequestContext } from '../common/request-context.js';
import type { Period } from './report-period.js';
import { reportQuery } from './read-only-query.js';

/** One request, with the SEN2 items (domain 7.2 and 7.4) the engine holds, as they stood on `to`. */
export interface Sen2Row {
  Reference: string;
  Surname: string;
  Forename: string;
  PersonBirthDate: IsoDate;
  ReceivedDate: IsoDate;
  RequestSource: string;
  RequestOutcome: 'decided_to_assess' | 'decided_not_to_assess' | 'withdrawn' | 'decision_not_yet_made';
  RequestOutcomeDate: IsoDate | null;
  AssessmentOutcome: 'decided_to_issue' | 'decided_not_to_issue' | 'withdrawn' | 'not_yet_decided' | null;
  AssessmentOutcomeDate: IsoDate | null;
  /** Item 3.7: 1 when an accepted exception relaxes the 20-week limit; null without an assessment. */
  Week20: 0 | 1 | null;
  StartDate: IsoDate | null;
  /** Elapsed days from ReceivedDate to StartDate, so the authority can apply its own day rule (domain 7.3). */
  DaysToStartDate: number | null;
}

/**
 * The requests with a SEN2 step dated in the period (received, request outcome, assessment
 * outcome, plan start or withdrawal), each described by its events dated on or before `to`.
 * Week20 needs an exception recorded by `to` that claims (or by default may claim) finalPlan, and
 * the finalPlan deadline row marked excepted: the machine resolves default claims into the facts.
 */
const SEN2_SQL = `
  WITH chosen AS (
    SELECT DISTINCT e.case_id FROM case_event e
    WHERE e.local_authority_id = $1 AND e.type = ANY($4) AND e.occurred_on BETWEEN $2 AND $3)
  SELECT c.id, c.reference, c.child_family_name, c.child_given_name, c.child_date_of_birth, c.request_received_on,
    c.request_source, s.*, coalesce(d.excepted, false) AS final_excepted
  FROM chosen
  JOIN ehc_case c ON c.id = chosen.case_id
  CROSS JOIN LATERAL (
    SELECT min(e.occurred_on) FILTER (WHERE e.type = 'DECISION_TO_ASSESS') AS decided_on,
      min(e.payload->>'decision') FILTER (WHERE e.type = 'DECISION_TO_ASSESS') AS decision,
      min(e.occurred_on) FILTER (WHERE e.type = 'DECISION_TO_ISSUE') AS assessed_on,
      min(e.payload->>'decision') FILTER (WHERE e.type = 'DECISION_TO_ISSUE') AS assessment,
      min(e.occurred_on) FILTER (WHERE e.type = 'FINAL_PLAN_ISSUED') AS start_date,
      min(e.occurred_on) FILTER (WHERE e.type = 'WITHDRAWN') AS withdrawn_on,
      coalesce(bool_or(e.type = 'EXCEPTION_RECORDED' AND e.payload->>'exception' <> 'missed_appointment'
        AND (NOT e.payload ? 'limits' OR e.payload->'limits' ? 'finalPlan')), false) AS claimed_final
    FROM case_event e WHERE e.case_id = chosen.case_id AND e.occurred_on <= $3) s
  LEFT JOIN case_deadline d ON d.case_id = chosen.case_id AND d.name = 'finalPlan'
  ORDER BY c.request_received_on, c.reference`;

const SEN2_STEPS = ['REQUEST_RECEIVED', 'DECISION_TO_ASSESS', 'DECISION_TO_ISSUE', 'FINAL_PLAN_ISSUED', 'WITHDRAWN'];

type Row = Record<string, any>;

function requestOutcome(r: Row): Pick<Sen2Row, 'RequestOutcome' | 'RequestOutcomeDate'> {
  if (r.decision === 'assess') return { RequestOutcome: 'decided_to_assess', RequestOutcomeDate: r.decided_on };
  if (r.decision === 'decline') return { RequestOutcome: 'decided_not_to_assess', RequestOutcomeDate: r.decided_on };
  if (r.withdrawn_on) return { RequestOutcome: 'withdrawn', RequestOutcomeDate: r.withdrawn_on };
  return { RequestOutcome: 'decision_not_yet_made', RequestOutcomeDate: null };
}

function assessmentOutcome(r: Row): Pick<Sen2Row, 'AssessmentOutcome' | 'AssessmentOutcomeDate' | 'Week20'> {
  if (r.decision !== 'assess') return { AssessmentOutcome: null, AssessmentOutcomeDate: null, Week20: null };
  const Week20 = r.claimed_final && r.final_excepted ? 1 : 0;
  if (r.assessment === 'issue') return { AssessmentOutcome: 'decided_to_issue', AssessmentOutcomeDate: r.assessed_on, Week20 };
  if (r.assessment === 'not_issue') return { AssessmentOutcome: 'decided_not_to_issue', AssessmentOutcomeDate: r.assessed_on, Week20 };
  if (r.withdrawn_on) return { AssessmentOutcome: 'withdrawn', AssessmentOutcomeDate: r.withdrawn_on, Week20 };
  return { AssessmentOutcome: 'not_yet_decided', AssessmentOutcomeDate: null, Week20 };
}

function toSen2Row(r: Row): Sen2Row {
  const days = r.start_date ? (Date.parse(r.start_date) - Date.parse(r.request_received_on)) / 86_400_000 : null;
  return {
    Reference: r.reference,
    Surname: r.child_family_name,
    Forename: r.child_given_name,
    PersonBirthDate: r.child_date_of_birth,
    ReceivedDate: r.request_received_on,
    RequestSource: r.request_source,
    ...requestOutcome(r),
    ...assessmentOutcome(r),
    StartDate: r.start_date,
    DaysToStartDate: days,
  };
}

/** Every request in the extract shows the child's name and date of birth, so the extract is written to the access log. */
@Injectable()
export class Sen2ExtractService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly accessLog: AccessLogService,
  ) {}

  async extract(context: RequestContext, route: string, period: Period): Promise<{ from: IsoDate; to: IsoDate; requests: Sen2Row[] }> {
    const rows = await reportQuery<Row>(this.db, SEN2_SQL, [context.authority.id, period.from, period.to, SEN2_STEPS]);
    await this.accessLog.record(context, 'sen2_extract', route, rows.map((row) => row.id));
    return { ...period, requests: rows.map(toSen2Row) };
  }
}
