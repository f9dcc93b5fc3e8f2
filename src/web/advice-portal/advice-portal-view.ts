import type { AdviceAsked } from '../../advice/advice-portal.service.js';
import type { ReusableAdvice } from '../../advice/advice-reuse.js';
import { formatDate } from '../format/dates.js';
import { CONTRIBUTOR_LABELS } from '../format/labels.js';

/** A problem with what the portal's forms sent, shown in the error summary and beside its field. */
export interface PortalProblem {
  field: 'file' | 'text' | 'stillStands';
  message: string;
  /** 413 for a file over the limit, 422 for one the virus scanner refused, 503 when the scanner or the file store did not answer, else 400. */
  status: 400 | 413 | 422 | 503;
}

/** The advice portal's page model: what is asked, and the earlier advice it offers for reuse. */
export function askedView(asked: AdviceAsked, token: string, chosen: string[] = []) {
  const { request } = asked;
  return {
    authority: asked.authority,
    reference: asked.reference,
    childName: `${asked.child.givenName} ${asked.child.familyName}`,
    dateOfBirth: formatDate(asked.child.dateOfBirth),
    contributor: CONTRIBUTOR_LABELS[request.contributor],
    body: request.body,
    contact: [request.contact?.name, request.contact?.organisation].filter(Boolean).join(', '),
    requestedOn: formatDate(request.requestedOn),
    dueOn: formatDate(asked.dueOn),
    expiresOn: formatDate(asked.expiresOn),
    team: asked.team,
    ...reusableRows(asked.reusable, token, chosen),
  };
}

function reusableRows(reusable: ReusableAdvice[], token: string, chosen: string[]) {
  const rows = reusable.map((advice) => reusableRow(advice, token, chosen));
  return { reusable: rows, reuseItems: rows.map((row) => row.item) };
}

function reusableRow(advice: ReusableAdvice, token: string, chosen: string[]) {
  const title = adviceTitle(advice.filename);
  const receivedOn = formatDate(advice.receivedOn);
  return {
    title,
    href: `/advice/${encodeURIComponent(token)}/earlier/${advice.id}`,
    receivedOn,
    givenBy: [advice.givenBy.name, advice.givenBy.organisation, advice.givenBy.email].filter(Boolean).join(', '),
    item: { value: advice.id, text: `${title}, received ${receivedOn}`, checked: chosen.includes(advice.id) },
  };
}

/** Typed advice is kept as `advice.txt`; its contributor knows it by what it is. */
export const adviceTitle = (filename: string): string => (filename === 'advice.txt' ? 'Typed advice' : filename);

/** The checkboxes' values: one box checked is a string, several an array; anything else is no choice. */
export function stillStandsOf(body: Record<string, unknown>): string[] {
  const value = body.stillStands;
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((v): v is string => typeof v === 'string' && v !== '');
}
