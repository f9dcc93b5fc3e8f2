import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { PROJECT_ROOT } from '../../common/project-root.js';
import { formatDate } from '../../web/format/dates.js';
import { deadlineLabel } from '../alert-messages.js';
import { DUE_SOON_DAYS, type DigestContent } from './digest-content.js';

// Plain text, so nothing is HTML-escaped; references and labels are the service's own text.
const templates = new nunjucks.Environment(new nunjucks.FileSystemLoader(join(PROJECT_ROOT, 'src', 'alerts', 'templates')), { autoescape: false, throwOnUndefined: true });
templates.addFilter('deadlineLabel', deadlineLabel);
templates.addFilter('longDate', formatDate);
templates.addFilter('daysLeft', daysLeft);

/**
 * The digest email: totals first, then each caseworker's lists, the assessments', the plans' and
 * the disputes' orders. Case, plan and dispute references only, no child's name, as email leaves the council's systems.
 */
export function renderDigestEmail(authority: string, content: DigestContent): { subject: string; text: string } {
  const { overdue, dueSoon, adviceOverdue } = content.totals;
  return {
    subject: `EHC daily digest ${content.digestOn}: ${overdue} missed, ${dueSoon} due within ${DUE_SOON_DAYS} days, ${adviceOverdue} advice overdue${plansInSubject(content)}${disputesInSubject(content)}`,
    text: templates.render('manager-digest.txt.njk', { authority, content, dueSoonDays: DUE_SOON_DAYS }),
  };
}

function plansInSubject({ plans }: DigestContent): string {
  if (!plans) return '';
  const { reviewsOverdue, phaseTransfersAtRisk } = plans.totals;
  return `; ${reviewsOverdue} annual ${reviewsOverdue === 1 ? 'review' : 'reviews'} overdue, ${phaseTransfersAtRisk} phase ${phaseTransfersAtRisk === 1 ? 'transfer' : 'transfers'} at risk`;
}

function disputesInSubject({ disputes }: DigestContent): string {
  if (!disputes) return '';
  const { ordersOverdue } = disputes.totals;
  return `; ${ordersOverdue} order ${ordersOverdue === 1 ? 'step' : 'steps'} overdue`;
}

/** Days left to a target, or days past it: a phase transfer at risk may be either. */
function daysLeft(days: number): string {
  const count = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;
  if (days === 0) return 'today';
  return days > 0 ? `${count(days)} left` : `${count(-days)} overdue`;
}
