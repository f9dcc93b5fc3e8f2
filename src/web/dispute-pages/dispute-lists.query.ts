import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { DISPUTE_STATUSES, type DisputeStatus } from '../../../workflows/ehc-dispute/index.js';
import { PageNumberQuery } from '../format/page-query.js';

/** The statuses a dispute on the worklist can be in: a closed one asks nothing more of anyone. */
export const OPEN_DISPUTE_STATUSES = DISPUTE_STATUSES.filter((status) => status !== 'closed');

const blankAsUnset = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** The disputes worklist's address: `/disputes/worklist?scope=mine&status=appealed&page=2`. */
export class DisputeWorklistQuery extends PageNumberQuery {
  @IsOptional()
  @IsIn(['mine', 'all'], { message: 'scope must be mine or all' })
  scope?: 'mine' | 'all';

  @Transform(blankAsUnset)
  @IsOptional()
  @IsIn(OPEN_DISPUTE_STATUSES, { message: 'status is not the status of an open dispute' })
  status?: DisputeStatus;
}

/** `/disputes/new?caseId=…` or `?planId=…`: the case or plan whose decision is disputed. */
export class NewDisputeQuery {
  @IsOptional()
  @IsUUID('all', { message: 'caseId must be the id of a case' })
  caseId?: string;

  @IsOptional()
  @IsUUID('all', { message: 'planId must be the id of a plan' })
  planId?: string;
}
