import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type CaseEventType, EXCEPTION_KINDS, CONTRIBUTORS, type IsoDate } from '../../../workflows/ehc-needs-assessment/index.js';
import { AccessLogService } from '../../access-log/access-log.service.js';
import { rolesGrant } from '../../auth/permissions.js';
import type { CaseView } from '../../cases/case-view.js';
import { CasesService } from '../../cases/cases.service.js';
import { Clock } from '../../common/clock.js';
import type { RequestContext } from '../../common/request-context.js';
import { childName, statusTag } from '../format/case-summary.js';
import { formatDate } from '../format/dates.js';
import type { FormErrors } from '../format/form-errors.js';
import { CONTRIBUTOR_LABELS, EVENT_LABELS, EXCEPTION_LABELS, REQUEST_SOURCE_LABELS } from '../format/labels.js';
import { adviceRows, deadlineRows, outstandingContributors, type RemindersSent, trailRows } from './case-page-view.js';

/** A form of the case page sent back with what was typed and what was wrong. */
export interface FailedForm {
  type: CaseEventType;
  values: Record<string, unknown>;
  errors: FormErrors;
}


/**
 * Everything the case page shows: the child's summary, each deadline, the advice tracker, the
 * trail and one form per event the machine allows now (for roles that may record events). It is
 * a read of the child's record, so it goes to the access log like GET /api/cases/:id and its trail.
 */
@Injectable()
export class CasePage {
  constructor(
    private readonly cases: CasesService,
    private readonly accessLog: AccessLogService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** `route`: the page route that shows it (the case page, or the case page again after a refused form), as the access log records it. */
  async view(context: RequestContext, route: string, caseId: string, failed?: FailedForm) {
    const view = await this.cases.get(context.authority, caseId);
    const events = await this.cases.trail(context.authority, caseId);
    const reminders = await this.remindersSent(context, caseId);
    await this.accessLog.record(context, 'case_read', route, [caseId]);
    await this.accessLog.record(context, 'case_trail_read', route, [caseId]);
    const today = this.clock.today();
    const mayRecord = rolesGrant(context.user?.roles ?? [], 'cases:write');
    return {
      id: view.id,
      reference: view.reference,
      version: view.version,
      childName: childName(view),
      dateOfBirth: formatDate(view.child.dateOfBirth),
      requestReceivedOn: formatDate(view.requestReceivedOn),
      requestSource: REQUEST_SOURCE_LABELS[view.requestSource],
      assignee: view.assignee,
      assignedToMe: view.assignee !== null && [context.user?.id, context.actor].includes(view.assignee),
      machineVersion: view.machineVersion,
      status: statusTag(view),
      deadlines: deadlineRows(view, today),
      advice: adviceRows(view, reminders),
      trail: trailRows(events),
      forms: mayRecord ? usefulEvents(view).map((type) => eventForm(type, context, today, failed)) : [],
      options: {
        contributors: CONTRIBUTORS.map((value) => ({ value, text: CONTRIBUTOR_LABELS[value] })),
        outstanding: outstandingContributors(view).map((value) => ({ value, text: CONTRIBUTOR_LABELS[value] })),
        exceptions: EXCEPTION_KINDS.map((value) => ({ value, text: EXCEPTION_LABELS[value] })),
      },
      errors: failed?.errors,
    };
  }

  /** Advice reminders and escalations the alerts raised, per deadline and due date. */
  private async remindersSent(context: RequestContext, caseId: string): Promise<RemindersSent> {
    const rows: { deadline: string; due_on: IsoDate; sent: number }[] = await this.db.query(
      `SELECT deadline, due_on, count(*)::int AS sent FROM notification
       WHERE local_authority_id = $1 AND case_id = $2 AND kind IN ('advice_reminder', 'advice_escalation')
       GROUP BY deadline, due_on`,
      [context.authority.id, caseId],
    );
    return (deadline, dueOn) => rows.find((row) => row.deadline === deadline && row.due_on === dueOn)?.sent ?? 0;
  }
}

/** The events the machine allows now, less advice received when no advice is awaited (its form would offer no one). */
function usefulEvents(view: CaseView): CaseEventType[] {
  return view.allowedEvents.filter((type) => type !== 'ADVICE_RECEIVED' || outstandingContributors(view).length > 0);
}

/** One event form: open with the user's input and errors when it was just refused, otherwise dated today. */
function eventForm(type: CaseEventType, context: RequestContext, today: IsoDate, failed?: FailedForm) {
  const refused = failed?.type === type;
  const [year, month, day] = today.split('-').map(Number);
  const defaults = { 'occurredOn-day': String(day), 'occurredOn-month': String(month), 'occurredOn-year': String(year), assigneeId: context.actor };
  return { type, title: EVENT_LABELS[type], open: refused, values: refused ? failed.values : defaults, errors: refused ? failed.errors : undefined };
}
