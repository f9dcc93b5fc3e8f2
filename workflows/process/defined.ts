/** Drops undefined fields, so a persisted snapshot holds only what was recorded. */
export function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
