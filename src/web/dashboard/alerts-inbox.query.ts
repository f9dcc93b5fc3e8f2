import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ALERT_KINDS, type AlertKind } from '../../../workflows/ehc-needs-assessment/index.js';

const blankAsUnset = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** The alerts page's address: `/alerts?kind=deadline_breach&page=2`. */
export class AlertsInboxQuery {
  @Transform(blankAsUnset)
  @IsOptional()
  @IsIn(ALERT_KINDS, { message: 'kind is not a kind of alert' })
  kind?: AlertKind;

  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsOptional()
  @IsInt({ message: 'page must be a whole number' })
  @Min(1, { message: 'page must be 1 or more' })
  @Max(100_000, { message: 'page is too large' })
  page?: number;
}
