import type { EntityManager } from 'typeorm';
import type { AlertPolicy, Contributor } from '../../workflows/ehc-needs-assessment/index.js';
import { DEFAULT_ANSWER_WORKING_DAYS } from '../../workflows/family-messages/answer-target.js';

/** Per-authority alert settings (the alert_settings row, or the defaults of domain document 5.2). */
export interface AlertSettings extends AlertPolicy {
  managerEmails: string[];
  /** For advice escalations: for example the Designated Clinical or Medical Officer for health. */
  escalationEmails: Partial<Record<Contributor, string[]>>;
  webhookUrl: string | null;
  /** Working days the SEN team has to answer a message from the family before it alerts as missed. */
  familyAnswerWorkingDays: number;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  warningWorkingDays: [10, 5],
  alertTime: '08:00',
  managerEmails: [],
  escalationEmails: {},
  webhookUrl: null,
  familyAnswerWorkingDays: DEFAULT_ANSWER_WORKING_DAYS,
};

export async function alertSettingsOf(db: EntityManager, localAuthorityId: string): Promise<AlertSettings> {
  const [row] = await db.query(
    `SELECT warning_working_days, to_char(alert_time, 'HH24:MI') AS alert_time, manager_emails, escalation_emails, webhook_url,
            family_answer_working_days
     FROM alert_settings WHERE local_authority_id = $1`,
    [localAuthorityId],
  );
  if (!row) return DEFAULT_ALERT_SETTINGS;
  return {
    warningWorkingDays: row.warning_working_days,
    alertTime: row.alert_time,
    managerEmails: row.manager_emails,
    escalationEmails: row.escalation_emails,
    webhookUrl: row.webhook_url,
    familyAnswerWorkingDays: row.family_answer_working_days,
  };
}
