/**
 * SEN2 item 3.7, Week20 (domain document 7.2 and 7.4): 1 when an accepted exception applies to
 * the 20-week limit or any phase of it (the decision to assess, advice, the decision to issue,
 * the final plan), as it stood on `asOf`, so a past period's return never changes: what was
 * recorded later (an approval, the end that made an absence lapse, the advice request that made
 * a closure count) does not reach back.
 */
import type { CaseFacts, ExceptionRecord, IsoDate } from '../types.js';
import { closureQualifies } from './case-limits.js';

function lapsedBy(e: ExceptionRecord, limit: string, asOf: IsoDate): boolean {
  const known = e.endedOn === undefined || e.endedOn <= asOf;
  return known && (e.lapsed ?? []).some((l) => l.limit === limit);
}

export function week20ExceptionApplies(facts: CaseFacts, asOf: IsoDate): boolean {
  if (facts.importedFromReturn?.week20) return true;
  const asItStood = { ...facts, advice: facts.advice.filter((a) => a.requestedOn <= asOf) };
  return facts.exceptions.some(
    (e) =>
      e.approvedOn !== undefined &&
      e.approvedOn <= asOf &&
      e.limits.some((limit) => !lapsedBy(e, limit, asOf)) &&
      closureQualifies(asItStood, e),
  );
}
