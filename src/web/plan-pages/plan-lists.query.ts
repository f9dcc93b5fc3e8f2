import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageNumberQuery } from '../format/page-query.js';

/** The reviews worklist's address: `/plans/reviews?page=2`. */
export class ReviewsWorklistQuery extends PageNumberQuery {}

/** The phase-transfer tracker's address: `/plans/phase-transfers?year=2027&page=2`; the next September's cohort without a year. */
export class PhaseTransferQuery extends PageNumberQuery {
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsOptional()
  @IsInt({ message: 'year must be a whole number, such as 2027' })
  @Min(2000, { message: 'year must be 2000 or later' })
  @Max(2100, { message: 'year must be 2100 or earlier' })
  year?: number;
}
