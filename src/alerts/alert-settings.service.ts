import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccountAuditService, type AuditActor, changedFields } from '../audit/account-audit.service.js';
import { lockAuthorityAccounts } from '../users/account-changes.js';
import { alertSettingsOf, type AlertSettings } from './alert-settings.js';

/** Replaces an authority's alert settings and records what changed, in one transaction. */
@Injectable()
export class AlertSettingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AccountAuditService,
  ) {}

  /** A client that does not send `familyAnswerWorkingDays` (written before it existed) keeps the authority's target. */
  replace(by: AuditActor, settings: Omit<AlertSettings, 'familyAnswerWorkingDays'> & { familyAnswerWorkingDays?: number }): Promise<AlertSettings> {
    return this.db.transaction(async (tx) => {
      // Two managers saving at once: each entry's "before" is what the other left.
      await lockAuthorityAccounts(tx, by.authorityId);
      const before = await alertSettingsOf(tx, by.authorityId);
      await tx.query(
        `INSERT INTO alert_settings (local_authority_id, warning_working_days, alert_time, manager_emails, escalation_emails, webhook_url, family_answer_working_days)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (local_authority_id) DO UPDATE SET warning_working_days = EXCLUDED.warning_working_days, alert_time = EXCLUDED.alert_time,
           manager_emails = EXCLUDED.manager_emails, escalation_emails = EXCLUDED.escalation_emails, webhook_url = EXCLUDED.webhook_url,
           family_answer_working_days = EXCLUDED.family_answer_working_days`,
        [by.authorityId, settings.warningWorkingDays, settings.alertTime, settings.managerEmails, settings.escalationEmails, settings.webhookUrl,
          settings.familyAnswerWorkingDays ?? before.familyAnswerWorkingDays],
      );
      const after = await alertSettingsOf(tx, by.authorityId);
      await this.audit.record(tx, by, 'alert_settings_changed', null, changedFields({ ...before }, { ...after }));
      return after;
    });
  }
}
