import type { DataSource, EntityManager } from 'typeorm';

/** Races lost before a change is written under its row's lock instead. */
const OPTIMISTIC_ATTEMPTS = 3;

/**
 * Writes a change to a process: `attempt` computes it from the row as it is now and writes it
 * only if nobody wrote in between, answering null when somebody did. A lost race is retried on
 * the new state, so no event is lost; after a few lost races the row is read under its lock
 * (`forUpdate`), inside a transaction, which always succeeds.
 */
export async function writeDespiteLostRaces<T>(db: DataSource, attempt: (db: EntityManager, forUpdate: boolean) => Promise<T | null>): Promise<T> {
  for (let tries = 1; ; tries++) {
    const written = tries > OPTIMISTIC_ATTEMPTS ? await db.transaction((tx) => attempt(tx, true)) : await attempt(db.manager, false);
    if (written) return written;
  }
}
