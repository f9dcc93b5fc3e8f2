import type { EntityManager } from 'typeorm';
import { longDate } from '../../workflows/calendar/dates.js';
import type { OutgoingMessage } from '../alerts/delivery-channels.js';

const HOW: Record<string, string> = {
  reply: 'Sign in to read the answer',
  phone: 'We answered it by phone',
  meeting: 'We answered it at a meeting',
  letter: 'We answered it by letter',
  email: 'We answered it by email',
};

/**
 * The email telling a family member their message was answered: it says what changed (which
 * message, answered when and how) rather than only "you have new information", and where to
 * read it. The subject names the authority and the reference, never the child (it shows on lock
 * screens), and the answer itself stays behind the sign-in.
 */
export async function answeredMessageEmail(db: EntityManager, messageId: string, publicUrl: string): Promise<OutgoingMessage> {
  const [row] = await db.query(
    `SELECT m.id, m.case_id, to_char(m.sent_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS sent_on, to_char(m.answered_on, 'YYYY-MM-DD') AS answered_on,
       m.answer_method, c.reference, c.child_given_name, a.name AS authority, a.notice_details->>'email' AS reply_to
     FROM family_message m JOIN ehc_case c ON c.id = m.case_id JOIN local_authority a ON a.id = m.local_authority_id WHERE m.id = $1`,
    [messageId],
  );
  if (!row?.answered_on) throw new Error(`family message ${messageId} does not exist or is not answered`);
  const text = [
    `${row.authority} answered the message you sent on ${longDate(row.sent_on)} about ${row.child_given_name}'s education, health and care (EHC) needs assessment (our reference ${row.reference}), on ${longDate(row.answered_on)}.`,
    `${HOW[row.answer_method]}: ${publicUrl}/family/case/${row.case_id}#messages`,
    `You sign in with this email address. If you did not write to us, contact ${row.authority}'s SEN team.`,
  ].join('\n\n');
  return {
    id: row.id,
    subject: `${row.authority}: your message about our reference ${row.reference} has been answered`,
    text,
    ...(row.reply_to && { replyTo: row.reply_to }),
    body: { id: row.id, kind: 'family_update' },
  };
}
