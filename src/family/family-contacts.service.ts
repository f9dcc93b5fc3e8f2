import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainError, NotFoundError } from '../common/domain-error.js';
import type { RequestContext } from '../common/request-context.js';
import type { AddFamilyContactDto, FamilyContactDto } from './family-contacts.dto.js';

const COLUMNS = `id, email, name, relationship, added_by AS "addedBy", to_json(added_at)#>>'{}' AS "addedAt",
  revoked_by AS "revokedBy", to_json(revoked_at)#>>'{}' AS "revokedAt"`;

export class FamilyContactExistsError extends DomainError {
  constructor(email: string) {
    super('FAMILY_CONTACT_EXISTS', `${email} can already see this case.`);
  }
}

/**
 * Who in the family may see a case (design section 8): named by a caseworker, by email, and
 * revoked by one; a revoked contact stays on record and is refused at the next page it asks for.
 */
@Injectable()
export class FamilyContactsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async add(context: RequestContext, caseId: string, contact: AddFamilyContactDto): Promise<FamilyContactDto> {
    await this.caseOf(context, caseId);
    try {
      const [added] = await this.db.query(
        // Told from now on: what happened before they were named is on their page, not in an email.
        `INSERT INTO family_contact (local_authority_id, case_id, email, name, relationship, added_by, told_through_seq, told_through_plan_seq)
         VALUES ($1, $2, $3, $4, $5, $6, (SELECT COALESCE(max(seq), 0) FROM case_event WHERE case_id = $2),
           (SELECT COALESCE(max(e.seq), 0) FROM plan_event e JOIN ehc_plan p ON p.id = e.plan_id WHERE p.case_id = $2)) RETURNING ${COLUMNS}`,
        [context.authority.id, caseId, contact.email, contact.name.trim(), contact.relationship, context.actor],
      );
      return added;
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new FamilyContactExistsError(contact.email);
      throw error;
    }
  }

  async list(context: RequestContext, caseId: string): Promise<FamilyContactDto[]> {
    await this.caseOf(context, caseId);
    return this.db.query(`SELECT ${COLUMNS} FROM family_contact WHERE case_id = $1 AND local_authority_id = $2 ORDER BY added_at, id`, [caseId, context.authority.id]);
  }

  /** Ends a contact's access at once; revoking one already revoked is refused as not found. */
  async revoke(context: RequestContext, caseId: string, contactId: string): Promise<FamilyContactDto> {
    // An UPDATE answers [rows, count].
    const [[revoked]] = await this.db.query(
      `UPDATE family_contact SET revoked_at = now(), revoked_by = $4 WHERE id = $1 AND case_id = $2 AND local_authority_id = $3 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
      [contactId, caseId, context.authority.id, context.actor],
    );
    if (!revoked) throw new NotFoundError('family contact with access to this case', contactId);
    return revoked;
  }

  private async caseOf(context: RequestContext, caseId: string): Promise<void> {
    const [row] = await this.db.query(`SELECT 1 FROM ehc_case WHERE id = $1 AND local_authority_id = $2`, [caseId, context.authority.id]);
    if (!row) throw new NotFoundError('case', caseId);
  }
}
