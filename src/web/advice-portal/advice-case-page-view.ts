import type { AdviceDocumentView } from '../../advice/advice-documents.js';
import type { AdviceLinkState, AdviceLinkView } from '../../advice/advice-links.js';
import type { CaseView } from '../../cases/case-view.js';
import { requestName } from '../case-page/case-page-view.js';
import { formatDate, formatDateTime } from '../format/dates.js';

const STATE_TAGS: Record<AdviceLinkState, { text: string; tagClass: string }> = {
  sent: { text: 'Sent', tagClass: 'govuk-tag--blue' },
  used: { text: 'Used', tagClass: 'govuk-tag--green' },
  expired: { text: 'Expired', tagClass: 'govuk-tag--grey' },
  revoked: { text: 'Revoked', tagClass: 'govuk-tag--red' },
};

const DELIVERY_TEXT = { pending: 'Email sending', sent: 'Email sent', failed: 'Email failed' } as const;

/**
 * The case page's advice links, one row per request that has had one (its latest link), and the
 * advice each brought back. A caseworker revokes a working link, or sends a new one to a request
 * still awaited that names a contact email.
 */
export function adviceLinkRows(view: CaseView, links: AdviceLinkView[], documents: AdviceDocumentView[], mayWrite: boolean) {
  return view.adviceRequests.flatMap((request) => {
    const latest = links.filter((link) => link.request === request.name).at(-1);
    const received = documents.filter((document) => document.request === request.name);
    if (!latest && received.length === 0 && !request.contact?.email) return [];
    const delivery = latest?.deliveries[0];
    return [{
      request: request.name,
      name: requestName(request),
      contactEmail: latest?.contactEmail ?? request.contact?.email,
      state: latest ? STATE_TAGS[latest.state] : { text: 'No link', tagClass: 'govuk-tag--grey' },
      detail: latest ? linkDetail(latest) : '',
      delivery: delivery ? `${DELIVERY_TEXT[delivery.status]}${delivery.lastError ? `: ${delivery.lastError}` : ''}` : '',
      mayRevoke: mayWrite && latest?.state === 'sent',
      maySendNew: mayWrite && !request.receivedOn && Boolean(request.contact?.email),
      documents: received.map((document) => ({
        filename: document.filename,
        href: `/case/${view.id}/advice-documents/${document.id}`,
        receivedOn: formatDate(document.receivedOn),
        size: `${Math.max(1, Math.round(document.sizeBytes / 1024))} KB`,
        // Reg 6(4): the contributor confirmed earlier advice still stands; its first date stays when the original is erased.
        reused: document.reusedReceivedOn ? `Reused: confirmed as still standing, first received ${formatDate(document.reusedReceivedOn)}` : undefined,
      })),
    }];
  });
}

function linkDetail(link: AdviceLinkView): string {
  if (link.state === 'used') return `Used ${formatDateTime(link.usedAt!)}`;
  if (link.state === 'revoked') return `Revoked ${formatDateTime(link.revokedAt!)} by ${link.revokedBy}`;
  return `${link.state === 'expired' ? 'Expired after' : 'Works until'} ${formatDate(link.expiresOn)}`;
}
