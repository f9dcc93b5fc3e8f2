import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate } from './is-calendar-date.js';

/** A query's `from`: entries from this day (Europe/London), inclusive. */
export const FromDay = () =>
  applyDecorators(ApiPropertyOptional({ example: '2026-11-01', description: 'From this day (Europe/London), inclusive.' }), IsOptional(), IsCalendarDate());

/** A query's `to`: entries up to this day (Europe/London), inclusive. */
export const ToDay = () =>
  applyDecorators(ApiPropertyOptional({ example: '2026-11-30', description: 'To this day (Europe/London), inclusive.' }), IsOptional(), IsCalendarDate());
