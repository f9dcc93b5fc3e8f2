import type { EntityManager } from 'typeorm';
import type { ChildRecord as Sen2ChildRecord } from '../../workflows/sen2/index.js';
import { NotFoundError } from '../common/domain-error.js';

/** The SEN2 person identity items a child record holds (sen2.md §1.1): null when not (yet) known. */
export type ChildIdentityItems = Omit<Sen2ChildRecord, 'id'>;

export const IDENTITY_FIELDS = ['upn', 'uln', 'upnUnknown', 'sex', 'ethnicity', 'postcode'] as const satisfies readonly (keyof ChildIdentityItems)[];
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

/** The column of each identity item. */
export const IDENTITY_COLUMNS: Readonly<Record<IdentityField, string>> = {
  upn: 'upn',
  uln: 'uln',
  upnUnknown: 'upn_unknown',
  sex: 'sex',
  ethnicity: 'ethnicity',
  postcode: 'postcode',
};

/** A `child` row. */
export interface ChildRecord extends ChildIdentityItems {
  id: string;
  localAuthorityId: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const CHILD_COLUMNS = `id, local_authority_id, upn, uln, upn_unknown, sex, ethnicity, postcode, version, created_at, updated_at`;

/**
 * The SQL of the child record (design section 7): one row per child, shared by the child's
 * cases and plans. Every case and plan row names one (`child_id`, NOT NULL, with a foreign key
 * that includes the authority).
 */
export const childStore = {
  /**
   * The child a new case or plan names: `childId`, when given, must be a child of this
   * authority (else 404, as for any id of another authority); otherwise a new child, identity empty.
   */
  async childFor(tx: EntityManager, localAuthorityId: string, childId?: string): Promise<string> {
    if (childId === undefined) return this.create(tx, localAuthorityId);
    // FOR KEY SHARE: a retention deletion erasing the child waits for this insert, or this insert for it.
    const [found] = await tx.query(`SELECT id FROM child WHERE id = $1 AND local_authority_id = $2 FOR KEY SHARE`, [childId, localAuthorityId]);
    if (!found) throw new NotFoundError('child', childId);
    return found.id;
  },

  async create(tx: EntityManager, localAuthorityId: string): Promise<string> {
    const [{ id }] = await tx.query(`INSERT INTO child (local_authority_id) VALUES ($1) RETURNING id`, [localAuthorityId]);
    return id;
  },

  async read(db: EntityManager, localAuthorityId: string, childId: string, forUpdate = false): Promise<ChildRecord> {
    const [row] = await db.query(
      `SELECT ${CHILD_COLUMNS} FROM child WHERE id = $1 AND local_authority_id = $2 ${forUpdate ? 'FOR UPDATE' : ''}`,
      [childId, localAuthorityId],
    );
    if (!row) throw new NotFoundError('child', childId);
    return childFromRow(row);
  },
};

export function childFromRow(row: Record<string, any>): ChildRecord {
  return {
    id: row.id,
    localAuthorityId: row.local_authority_id,
    upn: row.upn,
    uln: row.uln,
    upnUnknown: row.upn_unknown,
    sex: row.sex,
    ethnicity: row.ethnicity,
    postcode: row.postcode,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
