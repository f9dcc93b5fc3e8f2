import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { EDUCATION_PHASES, type EducationPhase } from '../../workflows/ehc-plan/index.js';
import { ChildDto } from '../cases/create-case.dto.js';
import { IsCalendarDate } from '../common/is-calendar-date.js';

/** `POST /api/plans`: a plan made before the engine was used, or transferred in from another authority. */
export class CreatePlanDto {
  @ApiProperty({ type: ChildDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ChildDto)
  child: ChildDto;

  @ApiProperty({ format: 'date', example: '2024-03-11', description: 'The day the plan was made (its final version served): CFA 2014 s.44(1) counts from it.' })
  @IsCalendarDate()
  startedOn: string;

  @ApiPropertyOptional({ format: 'date', description: 'The meeting of the plan’s last review: the next review is due within the 12 months starting with it.' })
  @IsOptional()
  @IsCalendarDate()
  lastReviewMeetingOn?: string;

  @ApiPropertyOptional({ description: 'The school, college or other setting named in section I.' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  namedSetting?: string;

  @ApiPropertyOptional({ enum: EDUCATION_PHASES, description: 'The child’s phase of education; by default the usual one for their date of birth.' })
  @IsOptional()
  @IsIn(EDUCATION_PHASES)
  phase?: EducationPhase;

  @ApiPropertyOptional({ format: 'date', description: 'SEND Regs 2014 reg 15: the day the plan transferred in from another authority.' })
  @IsOptional()
  @IsCalendarDate()
  transferredInOn?: string;

  @ApiPropertyOptional({ description: 'The authority it transferred from.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  fromAuthority?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The child record (GET /api/children/:id) of a child the authority already knows (an earlier case, say): the plan shares its identity items. Without it the plan gets a child record of its own. A child of another authority, or none, is 404.',
  })
  @IsOptional()
  @IsUUID()
  childId?: string;
}
