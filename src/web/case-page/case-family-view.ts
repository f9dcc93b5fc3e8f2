import type { FamilyContactDto } from '../../family/family-contacts.dto.js';
import { formatDateTime } from '../format/dates.js';
import type { FormErrors } from '../format/form-errors.js';

/** The case page's form naming a family contact, sent back with what was typed and what was wrong. */
export interface FailedContactForm {
  values: Record<string, unknown>;
  errors: FormErrors;
}

export const RELATIONSHIP_LABELS: Record<string, string> = { parent: 'Parent', carer: 'Carer', young_person: 'The young person' };

/** One row of the case page's "Family access" table. */
export function familyContactRow(caseId: string, contact: FamilyContactDto) {
  return {
    name: contact.name,
    email: contact.email,
    relationship: RELATIONSHIP_LABELS[contact.relationship] ?? contact.relationship,
    added: `${formatDateTime(contact.addedAt)} by ${contact.addedBy}`,
    revoked: contact.revokedAt ? `${formatDateTime(contact.revokedAt)} by ${contact.revokedBy}` : undefined,
    revokeAction: contact.revokedAt ? undefined : `/case/${caseId}/family-contacts/${contact.id}/revoke`,
  };
}
