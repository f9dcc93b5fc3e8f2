/**
 * SEN2 item 3.7, Week20 (domain document 7.2 and 7.4): 1 when an accepted exception applies to
 * the 20-week limit or any phase of it (the decision to assess, advice, the decision to issue,
 * the final plan), as it stood on `asOf`, so a past period's return never changes.
 */
import type { CaseFacts, IsoDate } from '../types.js';
import { closureQualifies } from './case-limits.js';

export function week20ExceptionApplies(facts: CaseFacts, asOf: IsoDate): boolean {
  return facts.exceptions.some(
    (e) =>
      e.approvedOn !== undefined &&
      e.approvedOn <= asOf &&
      e.limits.some((limit) => !(e.lapsed ?? []).some((l) => l.limit === limit)) &&
      closureQualifies(facts, e),
  );
}
