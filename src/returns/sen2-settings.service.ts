import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { DesignatedOfficerCode } from '../../workflows/sen2/index.js';
import { AccountAuditService, auditActorOf, changedFields } from '../audit/account-audit.service.js';
import type { RequestContext } from '../common/request-context.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';

/** The header items of the SEN2 return an authority sets: its LA number and its designated officers (null until set). */
export interface Sen2Settings {
  laNumber: string | null;
  dmo: DesignatedOfficerCode | null;
  dco: DesignatedOfficerCode | null;
  dsco: DesignatedOfficerCode | null;
}

export const SEN2_SETTING_COLUMNS: Record<keyof Sen2Settings, string> = { laNumber: 'la_number', dmo: 'sen2_dmo', dco: 'sen2_dco', dsco: 'sen2_dsco' };

@Injectable()
export class Sen2SettingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AccountAuditService,
  ) {}

  async read(authority: LocalAuthority, db: EntityManager = this.db.manager): Promise<Sen2Settings> {
    const [row] = await db.query(`SELECT la_number, sen2_dmo, sen2_dco, sen2_dsco FROM local_authority WHERE id = $1`, [authority.id]);
    return { laNumber: row.la_number, dmo: row.sen2_dmo, dco: row.sen2_dco, dsco: row.sen2_dsco };
  }

  /**
   * Changes the items given (null clears one), recorded in the account audit with who changed
   * what, in the same transaction; the authority row is locked so two changes take turns.
   */
  async update(context: RequestContext, changes: Partial<Sen2Settings>): Promise<Sen2Settings> {
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT 1 FROM local_authority WHERE id = $1 FOR NO KEY UPDATE`, [context.authority.id]);
      const before = await this.read(context.authority, tx);
      const fields = (Object.keys(SEN2_SETTING_COLUMNS) as (keyof Sen2Settings)[]).filter((field) => changes[field] !== undefined && changes[field] !== before[field]);
      if (fields.length === 0) return before;
      await tx.query(
        `UPDATE local_authority SET ${fields.map((field, i) => `${SEN2_SETTING_COLUMNS[field]} = $${i + 2}`).join(', ')} WHERE id = $1`,
        [context.authority.id, ...fields.map((field) => changes[field])],
      );
      const after = await this.read(context.authority, tx);
      await this.audit.record(tx, auditActorOf(context), 'sen2_settings_changed', null, changedFields({ ...before }, { ...after }));
      return after;
    });
  }
}
