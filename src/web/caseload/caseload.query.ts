import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CASE_STATUSES, type CaseStatus } from '../../../workflows/ehc-needs-assessment/index.js';

const blankAsUnset = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim() : value);

/** The caseload page's address: `/caseload?scope=all&status=assessing&overdue=true&search=okafor&page=2`. */
export class CaseloadQuery {
  @IsOptional()
  @IsIn(['mine', 'all'], { message: 'scope must be mine or all' })
  scope?: 'mine' | 'all';

  @Transform(blankAsUnset)
  @IsOptional()
  @IsIn(CASE_STATUSES, { message: 'status is not a case status' })
  status?: CaseStatus;

  @IsOptional()
  @IsIn(['true'], { message: 'overdue must be true when given' })
  overdue?: 'true';

  @Transform(blankAsUnset)
  @IsOptional()
  @IsString({ message: 'search must be text' })
  @MaxLength(100, { message: 'search must be 100 characters or fewer' })
  search?: string;

  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsOptional()
  @IsInt({ message: 'page must be a whole number' })
  @Min(1, { message: 'page must be 1 or more' })
  @Max(100_000, { message: 'page is too large' })
  page?: number;
}
