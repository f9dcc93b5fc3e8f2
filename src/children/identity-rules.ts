import { childIdentityReasons, normalisePostcode, normaliseUpn } from '../../workflows/sen2/index.js';
import { IDENTITY_FIELDS, type ChildIdentityItems, type IdentityField } from './child-store.js';

/** Blank is not given; UPN and postcode are tidied into the form SEN2 writes (the validators judge that form). */
export function tidyIdentity(submitted: Partial<Record<IdentityField, string | null | undefined>>): Partial<ChildIdentityItems> {
  const tidied: Partial<ChildIdentityItems> = {};
  for (const field of IDENTITY_FIELDS) {
    const value = submitted[field];
    if (value === undefined) continue;
    if (value === null || value.trim() === '') tidied[field] = null;
    else if (field === 'upn') tidied[field] = normaliseUpn(value);
    else if (field === 'postcode') tidied[field] = normalisePostcode(value.trim());
    else tidied[field] = value.trim();
  }
  return tidied;
}

/**
 * Why the record as it would be after the change could not be returned, for each item it
 * holds: a value given must be one SEN2 accepts (childIdentityReasons). An item not yet known is
 * no reason to refuse a change (the record is filled in over time); the return's validation
 * lists what is missing.
 */
export function identityRefusals(after: ChildIdentityItems): Partial<Record<IdentityField, string>> {
  const reasons = childIdentityReasons(after);
  const refusals: Partial<Record<IdentityField, string>> = {};
  for (const field of IDENTITY_FIELDS) {
    const reason = reasons[field];
    if (reason !== undefined && after[field] !== null) refusals[field] = reason;
  }
  return refusals;
}
