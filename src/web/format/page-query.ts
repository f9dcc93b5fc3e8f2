import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ValidationFailedError } from '../../common/domain-error.js';
import { readForm } from './form-errors.js';

/** `?page=` of a paginated page: the pagination links write it, so a bad one is a bad address. */
export class PageNumberQuery {
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsOptional()
  @IsInt({ message: 'page must be a whole number' })
  @Min(1, { message: 'page must be 1 or more' })
  @Max(100_000, { message: 'page is too large' })
  page?: number;
}

/** A page's query string as an instance of its class; a bad one is answered 400 with a GOV.UK page. */
export function readQuery<T extends object>(query: new () => T, raw: unknown): T {
  const { value, errors } = readForm(query, raw);
  if (errors.length > 0) throw new ValidationFailedError(errors.map((error) => error.message).join('; '));
  return value;
}
