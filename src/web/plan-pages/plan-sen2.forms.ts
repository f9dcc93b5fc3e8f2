import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { DateInputField } from '../format/date-input-field.js';

/*
 * The plan's SEN2 page forms as typed. What a value may be is the plan SEN2 service's own rule
 * (workflows/sen2 through plan-sen2-rules.ts), so the page and the API refuse the same values
 * for the same reasons; these classes only read the boxes.
 */

const text = (message: string) => [IsOptional(), IsString({ message }), MaxLength(300, { message })];
const apply = (decorators: PropertyDecorator[]): PropertyDecorator => (target, property) => decorators.forEach((d) => d(target, property));

/** Radios answer "yes", "no" or nothing (not known). */
export const YES_NO = ['yes', 'no', ''] as const;

export class PlanSen2DetailForm {
  @apply(text('Select whether the plan names a residential setting')) planRes?: string;
  @apply(text('Select the work-based learning')) planWbp?: string;
  @IsOptional() @IsIn(YES_NO, { message: 'Select whether a personal budget was taken up' }) personalBudget?: string;
  @IsOptional() @IsIn(YES_NO, { message: 'Select whether the personal budget is by organised arrangements' }) organisedArrangements?: string;
  @apply(text('Select what direct payments are for')) directPayments?: string;
  @apply(text('Select the primary need')) primaryNeed?: string;
  @apply(text('Select the secondary need')) secondaryNeed?: string;
}

export class PlacementForm {
  @apply(text('Enter the URN as 6 digits')) urn?: string;
  @apply(text('Enter the UKPRN as 8 digits')) ukprn?: string;
  @apply(text('Select the type of setting')) senSetting?: string;
  @apply(text('Describe the setting in 300 characters or fewer')) senSettingOther?: string;
  @IsIn(['1', '2'], { message: 'Select whether this is the main setting or a second one' }) placementRank: string;
  @DateInputField({ missing: 'Enter the date the child started there', notReal: 'The start date must be a real date, for example 3 9 2025' })
  entryDate: string;
  @IsOptional() @IsIn(['yes'], { message: 'Tick the box or leave it empty' }) senUnit?: string;
  @IsOptional() @IsIn(['yes'], { message: 'Tick the box or leave it empty' }) resourcedProvision?: string;
  @apply(text('Select whether the setting is residential')) residential?: string;
  @apply(text('Select the work-based learning')) workBased?: string;
}

export class LeavingForm {
  @DateInputField({ missing: 'Enter the date the child left', notReal: 'The leaving date must be a real date, for example 20 7 2026' })
  leavingDate: string;
}
