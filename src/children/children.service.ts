import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { RequestContext } from '../common/request-context.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { childStore, IDENTITY_COLUMNS, IDENTITY_FIELDS, type ChildIdentityItems, type ChildRecord, type IdentityField } from './child-store.js';
import { ChildIdentityRefusedError, ChildVersionConflictError } from './children.errors.js';
import { identityRefusals, tidyIdentity } from './identity-rules.js';

/** A case or plan of the child, as the child record lists it. */
export interface ChildProcessLink {
  id: string;
  reference: string;
  status: string;
}

/** The child record as `GET /api/children/:id` returns it. */
export interface ChildView extends ChildIdentityItems {
  id: string;
  version: number;
  cases: ChildProcessLink[];
  plans: ChildProcessLink[];
  createdAt: string;
  updatedAt: string;
}

/** One change of identity items: each item changed, before and after. */
export interface ChildIdentityChange {
  version: number;
  changedAt: string;
  actorId: string | null;
  actor: string;
  changes: Partial<Record<IdentityField, { from: string | null; to: string | null }>>;
}

/**
 * The child record shared by a child's cases and plans (design section 7): the SEN2 person
 * identity items, kept once. A change is one transaction: lock the row, compare If-Match, check
 * the record as it would be with workflows/sen2, then write it with its entry in the append-only
 * `child_identity_change`. A refused change writes nothing.
 */
@Injectable()
export class ChildrenService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(authority: LocalAuthority, childId: string, db: EntityManager = this.db.manager): Promise<ChildView> {
    return this.viewOf(db, await childStore.read(db, authority.id, childId));
  }

  async updateIdentity(
    context: RequestContext,
    childId: string,
    submitted: Partial<Record<IdentityField, string | null>>,
    expectedVersion: number | undefined,
  ): Promise<ChildView> {
    return this.db.transaction(async (tx) => {
      const current = await childStore.read(tx, context.authority.id, childId, true);
      if (expectedVersion !== undefined && expectedVersion !== current.version) throw new ChildVersionConflictError(expectedVersion, current.version);
      const after: ChildIdentityItems = { ...identityOf(current), ...tidyIdentity(submitted) };
      const refusals = identityRefusals(after);
      if (Object.keys(refusals).length > 0) throw new ChildIdentityRefusedError(refusals);
      const changes: ChildIdentityChange['changes'] = {};
      for (const field of IDENTITY_FIELDS) if (after[field] !== current[field]) changes[field] = { from: current[field], to: after[field] };
      const changed = Object.keys(changes) as IdentityField[];
      if (changed.length === 0) return this.viewOf(tx, current);
      // TypeORM answers an UPDATE … RETURNING with [rows, affected].
      const [[written]] = await tx.query(
        `UPDATE child SET ${changed.map((field, i) => `${IDENTITY_COLUMNS[field]} = $${i + 3}`).join(', ')}, version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 RETURNING id, local_authority_id, upn, uln, upn_unknown, sex, ethnicity, postcode, version, created_at, updated_at`,
        [current.id, current.version, ...changed.map((field) => after[field])],
      );
      await tx.query(
        `INSERT INTO child_identity_change (child_id, local_authority_id, version, actor_user_id, actor, changes) VALUES ($1, $2, $3, $4, $5, $6)`,
        [current.id, context.authority.id, written.version, context.user?.id ?? null, context.actor, changes],
      );
      return this.viewOf(tx, { ...current, ...after, version: written.version, updatedAt: written.updated_at });
    });
  }

  /** Every change of the child's identity items, oldest first. */
  async changes(authority: LocalAuthority, childId: string): Promise<ChildIdentityChange[]> {
    const rows = await this.db.query(
      `SELECT version, changed_at, actor_user_id, actor, changes FROM child_identity_change WHERE child_id = $1 AND local_authority_id = $2 ORDER BY version`,
      [childId, authority.id],
    );
    return rows.map((row: Record<string, any>) => ({
      version: row.version,
      changedAt: (row.changed_at as Date).toISOString(),
      actorId: row.actor_user_id,
      actor: row.actor,
      changes: row.changes,
    }));
  }

  private async viewOf(db: EntityManager, record: ChildRecord): Promise<ChildView> {
    const links = `SELECT id, reference, status FROM %s WHERE child_id = $1 AND local_authority_id = $2 ORDER BY created_at, reference`;
    const params = [record.id, record.localAuthorityId];
    const [cases, plans] = [await db.query(links.replace('%s', 'ehc_case'), params), await db.query(links.replace('%s', 'ehc_plan'), params)];
    return {
      id: record.id,
      version: record.version,
      ...identityOf(record),
      cases,
      plans,
      createdAt: record.createdAt.toISOString(),
      updatedAt: record.updatedAt.toISOString(),
    };
  }
}

function identityOf(record: ChildIdentityItems): ChildIdentityItems {
  return { upn: record.upn, uln: record.uln, upnUnknown: record.upnUnknown, sex: record.sex, ethnicity: record.ethnicity, postcode: record.postcode };
}
