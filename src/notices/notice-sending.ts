import { isEmail } from 'class-validator';
import type { EntityManager } from 'typeorm';
import type { IsoDate } from '../../workflows/calendar/dates.js';
import type { ServiceMethod } from '../../workflows/limits/served-dates.js';
import type { NoticeAuthority } from '../../workflows/notices/notice-document.js';
import { DomainError, ValidationFailedError } from '../common/domain-error.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import type { NoticeSettingsService } from './notice-settings.service.js';
import type { SendingMethod } from './sent-notices.js';

/** How a preview is written: as it would go out on `sentOn` (today when not given) by `method`. */
export interface NoticeOptions {
  sentOn?: IsoDate;
  method: ServiceMethod;
}

/** `POST /api/{cases,plans}/:id/notices/:notice/send`. */
export interface SendNoticeRequest {
  method: SendingMethod;
  /** The email address for `email`; for a letter, optionally the addressee written on it. */
  to?: string;
  /** Who it is for, as NOTICE_SENT records it: the family by default (a final plan also goes to the school and the ICB). */
  recipient?: string;
  /** A letter posted or handed over earlier; an email goes today. */
  sentOn?: IsoDate;
}

/** An email is sent today; a letter may be recorded on the day it was posted or handed over. */
export function sendingDate(request: SendNoticeRequest, today: IsoDate): IsoDate {
  if (request.method === 'email' && request.sentOn !== undefined && request.sentOn !== today) {
    throw new ValidationFailedError(`sentOn: an emailed notice goes today (${today}); leave sentOn out, or record a letter posted on another day with method "post".`);
  }
  const sentOn = request.sentOn ?? today;
  if (sentOn > today) throw new ValidationFailedError(`sentOn must be today or earlier, not ${sentOn}: a notice is recorded once it has gone.`);
  return sentOn;
}

/** The email address of an emailed notice (refused without a mail server), or the addressee written on a letter. */
export function addressee(request: SendNoticeRequest, smtpUrl: string | undefined): string | null {
  if (request.method !== 'email') return request.to?.trim() || null;
  if (!request.to || !isEmail(request.to)) throw new ValidationFailedError('to must be the email address the notice is sent to.');
  if (!smtpUrl) {
    throw new DomainError('NOTICE_EMAIL_NOT_CONFIGURED', 'This service has no mail server (SMTP_URL is not set), so it cannot email a notice: send it by post, or ask IT to set SMTP_URL.');
  }
  return request.to;
}

/** The authority as its notices present it, or a refusal naming what a manager must set first. */
export async function noticeAuthority(settings: NoticeSettingsService, authority: LocalAuthority, db: EntityManager): Promise<NoticeAuthority> {
  const details = await settings.read(authority, db);
  if (!details) throw new DomainError('NOTICE_DETAILS_NOT_SET', 'The authority’s details for notices (its team, contacts, local offer and the services it points families to) are not set: a manager sets them with PUT /api/notices/settings.');
  return { name: authority.name, ...details };
}
