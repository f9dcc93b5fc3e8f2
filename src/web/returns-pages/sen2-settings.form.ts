import { Transform } from 'class-transformer';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { DESIGNATED_OFFICER_CODES } from '../../../workflows/sen2/index.js';
import { LA_NUMBER_PATTERN } from '../../returns/sen2-return.dto.js';

/** A box left empty, or a question not answered, is read as no value: the page then stores the item as not set. */
const blankIsUndefined = Transform(({ value }) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined));

/**
 * The SEN2 return's header settings as typed on the return page: the same rules as
 * `PUT /api/returns/sen2/settings` (Sen2SettingsDto), in the words of the form's labels.
 */
export class Sen2SettingsForm {
  @blankIsUndefined
  @IsOptional()
  @Matches(LA_NUMBER_PATTERN, { message: 'Enter the LA number as 3 digits, such as 201' })
  laNumber?: string;

  @blankIsUndefined
  @IsOptional()
  @IsIn(DESIGNATED_OFFICER_CODES, { message: 'Select whether the area has a Designated Medical Officer' })
  dmo?: string;

  @blankIsUndefined
  @IsOptional()
  @IsIn(DESIGNATED_OFFICER_CODES, { message: 'Select whether the area has a Designated Clinical Officer' })
  dco?: string;

  @blankIsUndefined
  @IsOptional()
  @IsIn(DESIGNATED_OFFICER_CODES, { message: 'Select whether the area has a Designated Social Care Officer' })
  dsco?: string;
}
