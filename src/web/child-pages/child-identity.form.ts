import { IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * The child record page's form: the identity items as typed. What a value may be is the child
 * record's own rule (workflows/sen2 through ChildrenService), so the page and
 * `PUT /api/children/:id/identity` refuse the same values for the same reasons. A blank box
 * clears the item.
 */
export class ChildIdentityForm {
  @IsOptional()
  @IsString({ message: 'Enter the UPN as letters and numbers' })
  @MaxLength(20, { message: 'The UPN must be 13 characters' })
  upn?: string;

  @IsOptional()
  @IsString({ message: 'Enter the ULN as 10 digits' })
  @MaxLength(20, { message: 'The ULN must be 10 digits' })
  uln?: string;

  @IsOptional()
  @IsString({ message: 'Select why the child has neither a UPN nor a ULN' })
  @MaxLength(10, { message: 'Select why the child has neither a UPN nor a ULN' })
  upnUnknown?: string;

  @IsOptional()
  @IsString({ message: 'Select the child’s sex' })
  @MaxLength(10, { message: 'Select the child’s sex' })
  sex?: string;

  @IsOptional()
  @IsString({ message: 'Select the child’s ethnicity' })
  @MaxLength(10, { message: 'Select the child’s ethnicity' })
  ethnicity?: string;

  @IsOptional()
  @IsString({ message: 'Enter the postcode' })
  @MaxLength(12, { message: 'Enter a real postcode, like SW1A 1AA' })
  postcode?: string;
}
