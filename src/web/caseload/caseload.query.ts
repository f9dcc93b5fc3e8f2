import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CASE_STATUSES, type CaseStatus } from '../../../workflows/ehc-needs-assessment/index.js';
import { blankAsUnset, PageNumber } from '../format/query-fields.js';

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

  @PageNumber()
  page?: number;
}
