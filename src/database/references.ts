import type { EntityManager } from 'typeorm';

/**
 * The next reference of a kind of record, per authority and year: `EHC-2026-000042`,
 * `PLAN-2026-000007`. The counter row serialises concurrent creations, so there are no gaps
 * or repeats among committed records.
 */
export async function allocateReference(
  db: EntityManager,
  counter: 'case_reference_counter' | 'plan_reference_counter' | 'dispute_reference_counter',
  prefix: 'EHC' | 'PLAN' | 'DISP',
  localAuthorityId: string,
  year: number,
): Promise<string> {
  const [{ last_number: number }] = await db.query(
    `INSERT INTO ${counter} (local_authority_id, year, last_number) VALUES ($1, $2, 1)
     ON CONFLICT (local_authority_id, year) DO UPDATE SET last_number = ${counter}.last_number + 1
     RETURNING last_number`,
    [localAuthorityId, year],
  );
  return `${prefix}-${year}-${String(number).padStart(6, '0')}`;
}
