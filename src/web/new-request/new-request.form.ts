import { Expose, Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { REQUEST_SOURCES, type RequestSource } from '../../../workflows/ehc-needs-assessment/index.js';
import { IsCalendarDate } from '../../common/is-calendar-date.js';
import type { CreateCaseDto } from '../../cases/create-case.dto.js';
import { dateInputValue } from '../format/dates.js';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** The new request form, with the GOV.UK error messages; what the API's CreateCaseDto asks for. */
export class NewRequestForm {
  @Transform(trimmed)
  @IsString({ message: 'Enter the child’s first name' })
  @IsNotEmpty({ message: 'Enter the child’s first name' })
  @MaxLength(100, { message: 'First name must be 100 characters or fewer' })
  givenName: string;

  @Transform(trimmed)
  @IsString({ message: 'Enter the child’s last name' })
  @IsNotEmpty({ message: 'Enter the child’s last name' })
  @MaxLength(100, { message: 'Last name must be 100 characters or fewer' })
  familyName: string;

  // Exposed: the form posts dateOfBirth-day, -month and -year, never dateOfBirth itself.
  @Expose()
  @Transform(({ obj }) => dateInputValue(obj, 'dateOfBirth'))
  @IsNotEmpty({ message: 'Enter the child’s date of birth' })
  @IsCalendarDate({ message: 'Date of birth must be a real date' })
  dateOfBirth: string;

  @Expose()
  @Transform(({ obj }) => dateInputValue(obj, 'requestReceivedOn'))
  @IsNotEmpty({ message: 'Enter the date the request was received' })
  @IsCalendarDate({ message: 'Date the request was received must be a real date' })
  requestReceivedOn: string;

  @IsIn(REQUEST_SOURCES, { message: 'Select who made the request' })
  requestSource: RequestSource;
}

/** The first input of each field, for the error summary's links. */
export const NEW_REQUEST_ANCHORS = { dateOfBirth: 'dateOfBirth-day', requestReceivedOn: 'requestReceivedOn-day' };

export function toCreateCase(form: NewRequestForm): CreateCaseDto {
  return {
    child: { givenName: form.givenName, familyName: form.familyName, dateOfBirth: form.dateOfBirth },
    requestReceivedOn: form.requestReceivedOn,
    requestSource: form.requestSource,
  };
}

/** The service's refusals name its fields; on the form they read as the labels do. */
export const NEW_REQUEST_REFUSALS: Record<string, { field: string; message: string }> = {
  requestReceivedOn: { field: 'requestReceivedOn', message: 'Date the request was received must be today or in the past' },
  'child.dateOfBirth': { field: 'dateOfBirth', message: 'Date of birth must be on or before the date the request was received' },
};
