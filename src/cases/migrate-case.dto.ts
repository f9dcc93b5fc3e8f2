import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';

export class MigrateCaseDto {
  @ApiProperty({ example: 2, description: 'The registered machine version to move the case to.' })
  @IsInt()
  @Min(1)
  toVersion: number;
}
