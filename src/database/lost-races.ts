import type { DataSource, EntityManager } from 'typeorm';

/** Races lost before a change is written under its row's lock instead. */
const OPTIMISTIC_ATTEMPTS = 3;

/**
 * Writes a change to a process: `attempt` computes it from the row as it is now and writes it
 * only if nobody wrote in between, answering null when somebody did. A lost race is retried on
 * the new state, so no event is lost; after a few lost races the row is read under its lock
 * (`forUpdate`), inside a transaction, which always succeeds. `atomic` takes the lock at once.
 */
export async function writeDespiteLostRaces<T>(db: DataSource, attempt: (db: EntityManager, forUpdate: boolean) => Promise<T | null>, options: { atomic?: boolean } = {}): Promise<T> {
  if (options.atomic) return writeUnderLock(db, attempt);
  for (let tries = 1; ; tries++) {
    const written = tries > OPTIMISTIC_ATTEMPTS ? await db.transaction((tx) => attempt(tx, true)) : await attempt(db.manager, false);
    if (written) return written;
  }
}

/**
 * Writes a change and what follows from it (an order's steps, a reopened case) in one transaction,
 * under the row's lock from the start, where no race can be lost.
 */
async function writeUnderLock<T>(db: DataSource, attempt: (db: EntityManager, forUpdate: boolean) => Promise<T | null>): Promise<T> {
  const written = await db.transaction((tx) => attempt(tx, true));
  if (written === null) throw new Error('A process row changed under its lock.');
  return written;
}
