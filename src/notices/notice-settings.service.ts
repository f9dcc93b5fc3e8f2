import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { NoticeAuthority } from '../../workflows/notices/notice-document.js';
import { AccountAuditService, auditActorOf, changedFields } from '../audit/account-audit.service.js';
import type { RequestContext } from '../common/request-context.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';

/** What an authority sets for its notices: everything in NoticeAuthority but its name, which is the authority's own. */
export type NoticeDetails = Omit<NoticeAuthority, 'name'>;

@Injectable()
export class NoticeSettingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AccountAuditService,
  ) {}

  /** Null until the authority has set them: no notice can be written without its contacts. */
  async read(authority: LocalAuthority, db: EntityManager = this.db.manager): Promise<NoticeDetails | null> {
    const [row] = await db.query(`SELECT notice_details FROM local_authority WHERE id = $1`, [authority.id]);
    return row?.notice_details ?? null;
  }

  /** Replaces the details, each changed item recorded in the account audit in the same transaction. */
  async update(context: RequestContext, details: NoticeDetails): Promise<NoticeDetails> {
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT 1 FROM local_authority WHERE id = $1 FOR NO KEY UPDATE`, [context.authority.id]);
      const before = await this.read(context.authority, tx);
      const after = plain(details);
      if (JSON.stringify(before) === JSON.stringify(after)) return after;
      await tx.query(`UPDATE local_authority SET notice_details = $2 WHERE id = $1`, [context.authority.id, after]);
      await this.audit.record(tx, auditActorOf(context), 'notice_settings_changed', null, changedFields({ ...before }, { ...after }));
      return after;
    });
  }
}

/** The validated body as plain JSON, its keys in one order, so an unchanged PUT is recognised as unchanged. */
function plain(details: NoticeDetails): NoticeDetails {
  const service = (s: NoticeDetails['mediation']) => ({ name: s.name, ...(s.phone && { phone: s.phone }), ...(s.email && { email: s.email }), ...(s.website && { website: s.website }) });
  return {
    team: details.team,
    address: [...details.address],
    phone: details.phone,
    email: details.email,
    localOfferUrl: details.localOfferUrl,
    informationAdvice: service(details.informationAdvice),
    mediation: service(details.mediation),
    disagreementResolution: service(details.disagreementResolution),
  };
}
