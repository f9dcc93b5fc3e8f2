/**
 * The family's window to appeal a decision to the First-tier Tribunal (SEND): a refusal to
 * assess or to issue a plan, a decision to cease one (domain document 5.6). Months are calendar
 * months with the corresponding-date rule (domain 5.2): js-joda's plusMonths keeps the day
 * number, or takes the month's last day.
 */
import { addMonths, type IsoDate } from '../calendar/dates.js';
import { workingDayOnOrAfter } from '../calendar/working-days.js';

export interface AppealWindowInput {
  /** The day the decision notice was sent (email: that day; post: deemed delivery, domain 5.2). */
  noticeSentOn: IsoDate;
  /** The day a mediation adviser issued a certificate (SEND Regs 2014 Part 5), if one has been. */
  mediationCertificateIssuedOn?: IsoDate;
}

export interface AppealWindow {
  noticeSentOn: IsoDate;
  /**
   * CFA 2014 s.55 and SEND Regs 2014 reg 33: before appealing, the parent or young person must
   * contact a mediation adviser within 2 months of the notice. Not a Tribunal time limit, so
   * not moved to a working day.
   */
  mediationAdviserContactBy: IsoDate;
  mediationCertificateIssuedOn: IsoDate | null;
  /** max(notice + 2 months, certificate + 1 month), moved to the next working day (HESC r.12). */
  lastAppealDate: IsoDate;
  /** True until a certificate exists: a late certificate can still push the date back. */
  mayMoveLater: boolean;
}

export function appealWindow(input: AppealWindowInput): AppealWindow {
  const certificate = input.mediationCertificateIssuedOn;
  if (certificate !== undefined && certificate < input.noticeSentOn) {
    throw new RangeError(`A mediation certificate (${certificate}) cannot predate the decision notice (${input.noticeSentOn}).`);
  }
  const fromNotice = addMonths(input.noticeSentOn, 2);
  const fromCertificate = certificate === undefined ? fromNotice : addMonths(certificate, 1);
  const latest = fromCertificate > fromNotice ? fromCertificate : fromNotice;
  return {
    noticeSentOn: input.noticeSentOn,
    mediationAdviserContactBy: fromNotice,
    mediationCertificateIssuedOn: certificate ?? null,
    lastAppealDate: workingDayOnOrAfter(latest),
    mayMoveLater: certificate === undefined,
  };
}
