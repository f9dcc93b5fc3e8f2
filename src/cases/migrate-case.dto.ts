import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';

export class MigrateCaseDto {
  @ApiProperty({ example: 2, description: 'The registered machine version to move the case (or plan) to.' })
  @IsInt()
  @Min(1)
  toVersion: number;
}
