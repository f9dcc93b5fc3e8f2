/**
 * A decision or a plan meets its limit when the family is told (domain document 5.2 and 7.4):
 * the notice's served date, the latest recipient's for a plan sent to several. With no notice
 * recorded, the step's own date stands, marked as assumed.
 */
import type { CaseFacts, IsoDate, NoticeName } from '../types.js';

export interface StepDate {
  on: IsoDate;
  noticeAssumed: boolean;
}

export function noticeServedOn(facts: CaseFacts, notice: NoticeName): IsoDate | undefined {
  const served = (facts.notices[notice] ?? []).map((n) => n.servedOn).sort();
  return served.at(-1);
}

export function notifiedOn(facts: CaseFacts, notice: NoticeName, stepOn: IsoDate | undefined): StepDate | null {
  if (stepOn === undefined) return null;
  const served = noticeServedOn(facts, notice);
  return served === undefined ? { on: stepOn, noticeAssumed: true } : { on: served, noticeAssumed: false };
}

/** Reg 13(1)(a): the family's window runs from the day the draft is served. */
export function draftServedOn(facts: CaseFacts): IsoDate | undefined {
  return notifiedOn(facts, 'draft_plan', facts.draftIssuedOn)?.on;
}
