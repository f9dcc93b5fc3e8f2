import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import { ALERT_KINDS, type AlertKind } from '../../../workflows/ehc-needs-assessment/index.js';
import { PageNumberQuery } from '../format/page-query.js';

/** The alerts page's address: `/notifications?kind=deadline_breach&page=2`. */
export class AlertsInboxQuery extends PageNumberQuery {
  @Transform(({ value }) => (value === '' ? undefined : value))
  @IsOptional()
  @IsIn(ALERT_KINDS, { message: 'kind is not a kind of alert' })
  kind?: AlertKind;
}
