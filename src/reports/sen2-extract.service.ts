import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { caseFactsOf, daysBetween, notifiedOn, week20ExceptionApplies, type CaseFacts, type IsoDate, type NoticeName } from '../../workflows/ehc-needs-assessment/index.js';
import { AccessLogService } from '../access-log/access-log.service.js';
import type { RequestContext } from '../common/request-context.js';
import type { Period } from './report-period.js';

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
  /** Item 3.7: 1 when an exception approved by the period's end applies to the 20-week limit or a phase of it; null without an assessment. */
  Week20: 0 | 1 | null;
  /**
   * Items 2.x and 3.x: 1 when, by the period's end, the family asked for mediation (the authority
   * was told it wants mediation, regs 35–37) or the Tribunal sent the authority an appeal, on the
   * refusal to assess (Request…), the decision not to issue (Assessment…), or the contents of the
   * plan this assessment made (Other…). Assessment and Other items are null without an assessment.
   */
  RequestMediation: 0 | 1;
  RequestTribunal: 0 | 1;
  AssessmentMediation: 0 | 1 | null;
  AssessmentTribunal: 0 | 1 | null;
  OtherMediation: 0 | 1 | null;
  OtherTribunal: 0 | 1 | null;
  StartDate: IsoDate | null;
  /** Elapsed days from ReceivedDate to StartDate, so the authority can apply its own day rule (domain 7.3). */
  DaysToStartDate: number | null;
}

/**
 * The requests with a SEN2 step dated in the period (received, request outcome, assessment
 * outcome, plan start or withdrawal), each described by its events dated on or before `to`.
 * Outcome dates are the dates the family was told (domain 7.4), from the case's notices; Week20
 * counts the exceptions approved by `to` (workflows: week20ExceptionApplies). The mediation and
 * tribunal items come from the disputes of the case's decisions and of the plan it made, by the
 * dates in their replayed facts (a corrected event counts as corrected).
 */
function disputedFlags(decision: string, item: string, asOf: string): string {
  const of = `d.decision = '${decision}'`;
  return `coalesce(bool_or(${of} AND (d.snapshot->'context'->'mediation'->>'requestedOn')::date <= ${asOf}), false) AS ${item}_mediation,
    coalesce(bool_or(${of} AND (d.snapshot->'context'->'appeal'->>'sentToAuthorityOn')::date <= ${asOf}), false) AS ${item}_tribunal`;
}

/**
 * SEN2's mediation and tribunal items of case `caseId` (an SQL expression) by `asOf` (a
 * parameter), as columns request_/assessment_/other_ mediation and tribunal: from the disputes of
 * its decisions and of the plan it made, by the dates in their replayed facts.
 */
export function disputedItemsLateral(caseId: string, asOf: string): string {
  return `CROSS JOIN LATERAL (
    SELECT ${disputedFlags('refusal_to_assess', 'request', asOf)}, ${disputedFlags('decision_not_to_issue', 'assessment', asOf)}, ${disputedFlags('plan_contents', 'other', asOf)}
    FROM (SELECT decision, snapshot FROM dispute WHERE case_id = ${caseId}
      UNION ALL
      SELECT d.decision, d.snapshot FROM ehc_plan pl JOIN dispute d ON d.plan_id = pl.id WHERE pl.case_id = ${caseId}) d) disputed`;
}

/**
 * The requests in the extract, in its order; `$1` authority, `$2`..`$3` the period. The SEN2
 * steps (received, the two outcomes, the plan, a withdrawal) are the steps of the live trails kept
 * in case_report_step (migration CaseReportSteps), so both queries read one index each, never the
 * trail's union of events and corrections.
 */
const CHOSEN_SQL = `
  WITH chosen AS (
    SELECT DISTINCT s.case_id FROM case_report_step s
    WHERE s.local_authority_id = $1 AND s.occurred_on BETWEEN $2 AND $3)
  SELECT c.id FROM chosen JOIN ehc_case c ON c.id = chosen.case_id
  ORDER BY c.request_received_on, c.reference`;

/** One batch of the chosen requests (`$1`, in order), each described by its steps dated on or before `$2`. */
const BATCH_SQL = `
  SELECT c.id, c.reference, c.child_family_name, c.child_given_name, c.child_date_of_birth, c.request_received_on,
    c.request_source, c.snapshot, s.*, disputed.*
  FROM unnest($1::uuid[]) WITH ORDINALITY AS chosen(case_id, n)
  JOIN ehc_case c ON c.id = chosen.case_id
  CROSS JOIN LATERAL (
    SELECT min(e.occurred_on) FILTER (WHERE e.kind IN ('agreed', 'declined')) AS decided_on,
      min(CASE e.kind WHEN 'agreed' THEN 'assess' WHEN 'declined' THEN 'decline' END) AS decision,
      min(e.occurred_on) FILTER (WHERE e.kind IN ('issue', 'not_issue')) AS assessed_on,
      min(e.kind) FILTER (WHERE e.kind IN ('issue', 'not_issue')) AS assessment,
      min(e.occurred_on) FILTER (WHERE e.kind = 'plan') AS start_date,
      min(e.occurred_on) FILTER (WHERE e.kind IN ('withdrawn_before', 'withdrawn_after')) AS withdrawn_on
    FROM case_report_step e WHERE e.case_id = chosen.case_id AND e.occurred_on <= $2) s
  ${disputedItemsLateral('chosen.case_id', '$2')}
  ORDER BY chosen.n`;

/** Requests per batch: small enough that a year's extract is never held whole, large enough that a round trip is cheap beside it. */
const BATCH = 2000;

type Row = Record<string, any>;

/** The day the family was told of a step: its notice's served date, or the step's own date when none is recorded. */
function toldOn(facts: CaseFacts, notice: NoticeName, stepOn: IsoDate | null): IsoDate | null {
  return stepOn === null ? null : notifiedOn(facts, notice, stepOn)!.on;
}

function requestOutcome(r: Row, facts: CaseFacts): Pick<Sen2Row, 'RequestOutcome' | 'RequestOutcomeDate'> {
  const told = toldOn(facts, 'decision_to_assess', r.decided_on);
  if (r.decision === 'assess') return { RequestOutcome: 'decided_to_assess', RequestOutcomeDate: told };
  if (r.decision === 'decline') return { RequestOutcome: 'decided_not_to_assess', RequestOutcomeDate: told };
  if (r.withdrawn_on) return { RequestOutcome: 'withdrawn', RequestOutcomeDate: r.withdrawn_on };
  return { RequestOutcome: 'decision_not_yet_made', RequestOutcomeDate: null };
}

const flag = (value: boolean): 0 | 1 => (value ? 1 : 0);

function disputedItems(r: Row): Pick<Sen2Row, 'RequestMediation' | 'RequestTribunal' | 'AssessmentMediation' | 'AssessmentTribunal' | 'OtherMediation' | 'OtherTribunal'> {
  const assessed = r.decision === 'assess';
  const ifAssessed = (value: boolean) => (assessed ? flag(value) : null);
  return {
    RequestMediation: flag(r.request_mediation),
    RequestTribunal: flag(r.request_tribunal),
    AssessmentMediation: ifAssessed(r.assessment_mediation),
    AssessmentTribunal: ifAssessed(r.assessment_tribunal),
    OtherMediation: ifAssessed(r.other_mediation),
    OtherTribunal: ifAssessed(r.other_tribunal),
  };
}

function assessmentOutcome(r: Row, facts: CaseFacts, periodEnd: IsoDate): Pick<Sen2Row, 'AssessmentOutcome' | 'AssessmentOutcomeDate' | 'Week20'> {
  if (r.decision !== 'assess') return { AssessmentOutcome: null, AssessmentOutcomeDate: null, Week20: null };
  const Week20 = week20ExceptionApplies(facts, periodEnd) ? 1 : 0;
  const told = toldOn(facts, 'decision_to_issue', r.assessed_on);
  if (r.assessment === 'issue') return { AssessmentOutcome: 'decided_to_issue', AssessmentOutcomeDate: told, Week20 };
  if (r.assessment === 'not_issue') return { AssessmentOutcome: 'decided_not_to_issue', AssessmentOutcomeDate: told, Week20 };
  if (r.withdrawn_on) return { AssessmentOutcome: 'withdrawn', AssessmentOutcomeDate: r.withdrawn_on, Week20 };
  return { AssessmentOutcome: 'not_yet_decided', AssessmentOutcomeDate: null, Week20 };
}

function toSen2Row(r: Row, periodEnd: IsoDate): Sen2Row {
  const facts = caseFactsOf(r.snapshot);
  const startDate = toldOn(facts, 'final_plan', r.start_date);
  const days = startDate ? daysBetween(r.request_received_on, startDate) : null;
  return {
    Reference: r.reference,
    Surname: r.child_family_name,
    Forename: r.child_given_name,
    PersonBirthDate: r.child_date_of_birth,
    ReceivedDate: r.request_received_on,
    RequestSource: r.request_source,
    ...requestOutcome(r, facts),
    ...assessmentOutcome(r, facts, periodEnd),
    ...disputedItems(r),
    StartDate: startDate,
    DaysToStartDate: days,
  };
}

/**
 * Every request in the extract shows the child's name and date of birth, so each batch is
 * written to the access log before it is handed on to be sent.
 */
@Injectable()
export class Sen2ExtractService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly accessLog: AccessLogService,
  ) {}

  /**
   * The extract's rows, batch by batch, as the caller takes them (a slow client holds the next
   * batch back). All batches are read in one REPEATABLE READ transaction, so the extract is one
   * snapshot of the records, as when it was one query; the next batch is asked for as soon as
   * one arrives, so PostgreSQL reads it while this one is logged and written.
   */
  async *extract(context: RequestContext, route: string, period: Period): AsyncGenerator<Sen2Row[]> {
    const runner = this.db.createQueryRunner();
    let next: Promise<Row[]> | undefined;
    try {
      await runner.connect();
      await runner.startTransaction('REPEATABLE READ');
      await runner.query('SET TRANSACTION READ ONLY');
      await runner.query('SET LOCAL jit = off');
      const ids: string[] = (await runner.query(CHOSEN_SQL, [context.authority.id, period.from, period.to])).map((r: Row) => r.id);
      const batch = (start: number): Promise<Row[]> | undefined => {
        if (start >= ids.length) return undefined;
        const read: Promise<Row[]> = runner.query(BATCH_SQL, [ids.slice(start, start + BATCH), period.to]);
        // Its failure is thrown where it is awaited; until then it must not count as unhandled (which ends the process).
        read.catch(() => undefined);
        return read;
      };
      next = batch(0);
      for (let start = 0; next; start += BATCH) {
        const rows = await next;
        next = batch(start + BATCH);
        await this.accessLog.record(context, 'sen2_extract', route, rows.map((row) => row.id));
        yield rows.map((row) => toSen2Row(row, period.to));
      }
    } finally {
      // A client that went away leaves a batch in flight: it must finish before the transaction ends.
      await next?.catch(() => undefined);
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }
}
