import { Injectable } from '@nestjs/common';
import { ALERT_KINDS, type AlertKind } from '../../../workflows/ehc-needs-assessment/index.js';
import { type AlertDelivery, AlertInboxService, type InboxAlert } from '../../alerts/alert-inbox.service.js';
import { deadlineLabel as alertDeadlineLabel } from '../../alerts/alert-messages.js';
import type { RequestContext } from '../../common/request-context.js';
import { casePath, planPath } from '../format/case-summary.js';
import { formatDate, formatDateTime } from '../format/dates.js';
import { deadlineLabel } from '../format/labels.js';
import { pagination } from '../format/pagination.js';
import type { AlertsInboxQuery } from './alerts-inbox.query.js';

const PAGE_SIZE = 25;
export const ALERTS_PATH = '/notifications';

export const ALERT_KIND_TAGS: Record<AlertKind, { text: string; tagClass: string }> = {
  deadline_warning: { text: 'Deadline warning', tagClass: 'govuk-tag--yellow' },
  deadline_breach: { text: 'Deadline missed', tagClass: 'govuk-tag--red' },
  advice_reminder: { text: 'Advice reminder', tagClass: 'govuk-tag--blue' },
  advice_escalation: { text: 'Advice overdue', tagClass: 'govuk-tag--red' },
  advice_received: { text: 'Advice received', tagClass: 'govuk-tag--green' },
  family_message: { text: 'Message from the family', tagClass: 'govuk-tag--purple' },
};

const DELIVERY_TAGS: Record<AlertDelivery['status'], { text: string; tagClass: string }> = {
  pending: { text: 'Sending', tagClass: 'govuk-tag--grey' },
  sent: { text: 'Sent', tagClass: 'govuk-tag--green' },
  failed: { text: 'Not delivered', tagClass: 'govuk-tag--red' },
};

/** The in-app alerts, newest first, as GET /api/alerts answers them: filter by kind, link to the case or plan, delivery status. */
@Injectable()
export class AlertsInboxPage {
  constructor(private readonly inbox: AlertInboxService) {}

  async view(context: RequestContext, query: AlertsInboxQuery) {
    const page = query.page ?? 1;
    const listed = await this.inbox.list(context.authority, { kind: query.kind, page, pageSize: PAGE_SIZE });
    const filters = new URLSearchParams(query.kind ? { kind: query.kind } : {});
    return {
      total: listed.total,
      kind: query.kind,
      kindItems: [{ value: '', text: 'Any kind' }, ...ALERT_KINDS.map((kind) => ({ value: kind, text: ALERT_KIND_TAGS[kind].text, selected: kind === query.kind }))],
      rows: listed.items.map(row),
      pagination: pagination(filters, ALERTS_PATH, page, Math.ceil(listed.total / PAGE_SIZE)),
    };
  }
}

function row(alert: InboxAlert) {
  return {
    raisedAt: formatDateTime(alert.createdAt),
    kind: ALERT_KIND_TAGS[alert.kind],
    href: alert.planId ? planPath(alert.planId) : casePath(alert.caseId!),
    reference: alert.reference,
    deadline: deadlineOf(alert),
    dueOn: formatDate(alert.dueOn),
    message: alert.message,
    deliveries: alert.deliveries.map((delivery) => ({
      channel: delivery.channel === 'email' ? 'Email' : 'Webhook',
      target: delivery.target,
      ...DELIVERY_TAGS[delivery.status],
      lastError: delivery.status === 'failed' ? delivery.lastError : null,
    })),
  };
}

/** A case's deadlines have the pages' short labels; a plan's are named as its alert messages name them. */
function deadlineOf(alert: InboxAlert): string {
  if (!alert.planId) return deadlineLabel(alert.deadline);
  const label = alertDeadlineLabel(alert.deadline);
  return `${label[0].toUpperCase()}${label.slice(1)}`;
}
