import type { EntityManager } from 'typeorm';
import type { IsoDate } from '../../workflows/ehc-needs-assessment/index.js';
import { alertMessage } from '../alerts/alert-messages.js';
import { notifyCaseworkerIn } from '../alerts/caseworker-notifications.js';
import type { QueueConfig } from '../config/queue-config.js';
import type { ReceivedAdvice } from './advice-documents.js';

/**
 * Reg 6(4): earlier advice need not be sought again only when the person who gave it, the
 * authority and the parent or young person all agree it is sufficient. The contributor has
 * agreed; the engine cannot know the other two, so it says what is still needed.
 */
const REUSE_AGREEMENT = ' The contributor confirmed that earlier advice still stands (SEND Regs 2014 reg 6(4)): it is sufficient only if the authority and the parent or young person agree too, so ask the family and record their answer.';

/** Tells the caseworker that advice came through the portal: an `advice_received` notification, in the upload's transaction. */
export async function tellCaseworkerIn(tx: EntityManager, received: ReceivedAdvice, about: { reference: string; dueOn: IsoDate | null; at: Date; reused?: boolean }, queues: QueueConfig): Promise<void> {
  const dueOn = about.dueOn ?? received.receivedOn;
  const alert = { kind: 'advice_received' as const, deadline: received.request, dueOn, slot: 'received', on: received.receivedOn, at: about.at };
  await notifyCaseworkerIn(tx, {
    authorityId: received.authorityId,
    caseId: received.caseId,
    kind: alert.kind,
    deadline: alert.deadline,
    dueOn,
    dedupeKey: `${received.caseId}.${received.request}.received.${received.eventSeq}`,
    message: alertMessage(about.reference, alert) + (about.reused ? REUSE_AGREEMENT : ''),
  }, queues);
}
