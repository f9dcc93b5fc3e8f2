import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { FromDay, ToDay } from '../common/day-range.js';

export class AccessLogQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Reads of this maintained plan.' })
  @IsOptional()
  @IsUUID()
  planId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Reads of this child record (GET /api/children/:id).' })
  @IsOptional()
  @IsUUID()
  childId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The account that read.' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @FromDay()
  from?: string;

  @ToDay()
  to?: string;
}
