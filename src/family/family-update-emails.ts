import type { EntityManager } from 'typeorm';
import { longDate } from '../../workflows/calendar/dates.js';
import type { OutgoingMessage } from '../alerts/delivery-channels.js';
import { deadlineLabel } from '../web/format/labels.js';
import { planDeadlineLabel } from '../web/format/plan-labels.js';
import type { ToldChange } from './case-changes.js';

const HOW: Record<string, string> = {
  reply: 'Sign in to read the answer',
  phone: 'We answered it by phone',
  meeting: 'We answered it at a meeting',
  letter: 'We answered it by letter',
  email: 'We answered it by email',
};

interface UpdateRow {
  id: string;
  kind: 'answer' | 'changes';
  case_id: string;
  changes: ToldChange[] | null;
  reference: string;
  child_given_name: string;
  authority: string;
  reply_to: string | null;
  sent_on: string | null;
  answered_on: string | null;
  answer_method: string | null;
}

/**
 * An email telling a family member what changed: which message was answered, when and how, or
 * what the SEN team recorded since it last wrote and the next date it must meet; never only "you
 * have new information". The subject names the authority and the reference, never the child (it
 * shows on lock screens); an answer's words stay behind the sign-in.
 */
export async function familyUpdateEmail(db: EntityManager, updateId: string, publicUrl: string): Promise<OutgoingMessage> {
  const [row]: UpdateRow[] = await db.query(
    `SELECT u.id, u.kind, u.case_id, u.changes, c.reference, c.child_given_name, a.name AS authority, a.notice_details->>'email' AS reply_to,
       to_char(m.sent_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS sent_on, to_char(m.answered_on, 'YYYY-MM-DD') AS answered_on, m.answer_method
     FROM family_update u JOIN ehc_case c ON c.id = u.case_id JOIN local_authority a ON a.id = u.local_authority_id
     LEFT JOIN family_message m ON m.id = u.message_id WHERE u.id = $1`,
    [updateId],
  );
  if (!row) throw new Error(`family update ${updateId} does not exist`);
  const page = `${publicUrl}/family/case/${row.case_id}`;
  const about = `${row.child_given_name}'s education, health and care (EHC) needs assessment (our reference ${row.reference})`;
  const { subject, paragraphs } = row.kind === 'answer' ? answered(row, about, page) : await changed(db, row, about, page);
  return {
    id: row.id,
    subject: `${row.authority}: ${subject}`,
    text: [...paragraphs, `You sign in with this email address. If this is not about you, contact ${row.authority}'s SEN team.`].join('\n\n'),
    ...(row.reply_to && { replyTo: row.reply_to }),
    body: { id: row.id, kind: 'family_update' },
  };
}

function answered(row: UpdateRow, about: string, page: string) {
  return {
    subject: `your message about our reference ${row.reference} has been answered`,
    paragraphs: [
      `${row.authority} answered the message you sent on ${longDate(row.sent_on!)} about ${about}, on ${longDate(row.answered_on!)}.`,
      `${HOW[row.answer_method!]}: ${page}#messages`,
    ],
  };
}

async function changed(db: EntityManager, row: UpdateRow, about: string, page: string) {
  // The assessment's next limit, or once its plan is made the plan's.
  const [next] = await db.query(
    `SELECT name, to_char(target_on, 'YYYY-MM-DD') AS target_on, of_plan FROM (
       SELECT name, target_on, false AS of_plan FROM case_deadline WHERE case_id = $1 AND open AND role <> 'window' AND target_on IS NOT NULL
       UNION ALL
       SELECT d.name, d.target_on, true FROM plan_deadline d JOIN ehc_plan p ON p.id = d.plan_id WHERE p.case_id = $1 AND d.open AND d.role <> 'window' AND d.target_on IS NOT NULL
     ) limits ORDER BY target_on, name LIMIT 1`,
    [row.case_id],
  );
  return {
    subject: `an update on our reference ${row.reference}`,
    paragraphs: [
      `What has changed on ${about}${next?.of_plan ? ' and the EHC plan it made' : ''}:`,
      row.changes!.map((change) => `- ${longDate(change.on)}: ${change.text}`).join('\n'),
      ...(next ? [`The next date: ${(next.of_plan ? planDeadlineLabel : deadlineLabel)(next.name)}, by ${longDate(next.target_on)}.`] : []),
      `See where the assessment is, the letters we sent you, and write to us: ${page}`,
    ],
  };
}
