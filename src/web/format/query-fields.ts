import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** A box of a filter form left empty is no filter at all; what was typed counts without its spaces. */
export const blankAsUnset = ({ value }: { value: unknown }) => (typeof value !== 'string' ? value : value.trim() === '' ? undefined : value.trim());

/** `page` of a list page's address: a whole number from 1, the first page when absent. */
export function PageNumber(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value))),
    IsOptional(),
    IsInt({ message: 'page must be a whole number' }),
    Min(1, { message: 'page must be 1 or more' }),
    Max(100_000, { message: 'page is too large' }),
  );
}
