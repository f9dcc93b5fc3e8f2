import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CASE_STATUSES, type CaseStatus } from '../../../workflows/ehc-needs-assessment/index.js';
import { PageNumberQuery } from '../format/page-query.js';

/** A box of the filter form left empty is no filter at all; what was typed counts without its spaces. */
const blankAsUnset = ({ value }: { value: unknown }) => (typeof value !== 'string' ? value : value.trim() === '' ? undefined : value.trim());

/** The caseload page's address: `/caseload?scope=all&status=assessing&overdue=true&search=okafor&page=2`. */
export class CaseloadQuery extends PageNumberQuery {
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
}
