import { Expose, Transform } from 'class-transformer';
import { IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, type ValidationArguments, ValidateIf } from 'class-validator';
import { PANEL_DECISIONS, REASONS_REQUIRED, type OfficerDecision, type PanelDecision } from '../../../workflows/panels/index.js';
import type { OfficerDecisionDto, RecordDecisionDto, ScheduleMeetingDto } from '../../panels/panel-meetings.dto.js';
import { DateInputField } from '../format/date-input-field.js';

const REASONS_MAX = 5000;
const OFFICER_DECISIONS = PANEL_DECISIONS.filter((d): d is OfficerDecision => d !== 'defer');
const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/**
 * A group of checkboxes posts nothing when none is ticked, one value for one, a list for more;
 * its field is @Expose()d so that none ticked still becomes [].
 */
const asList = ({ value }: { value: unknown }) => (value === undefined ? [] : [value].flat());

export class ScheduleMeetingForm {
  @IsUUID('all', { message: 'Select the panel' })
  panelId: string;

  @DateInputField({ missing: 'Enter the date of the meeting', notReal: 'Date of the meeting must be a real date' })
  meetingDate: string;

  @Expose()
  @Transform(({ value }) => value === 'true')
  adHoc: boolean;
}

export const SCHEDULE_ANCHORS = { meetingDate: 'meetingDate-day' };

export function toScheduleMeeting(form: ScheduleMeetingForm): ScheduleMeetingDto {
  return { meetingDate: form.meetingDate, adHoc: form.adHoc };
}

export class AttendanceForm {
  @Expose()
  @Transform(asList)
  @IsArray()
  @IsUUID('all', { each: true, message: 'Select only members of this panel' })
  present: string[];
}

const REASONS_MESSAGES: Partial<Record<PanelDecision, string>> = {
  decline: 'Enter the reasons for declining to assess',
  not_issue: 'Enter the reasons for not issuing a plan',
  defer: 'Enter the reasons for deferring: what evidence is missing and who will seek it',
};

export class DecisionForm {
  @IsUUID('all', { message: 'Select a case on the agenda' })
  caseId: string;

  @IsIn(PANEL_DECISIONS, { message: 'Select the panel’s decision' })
  decision: PanelDecision;

  // Refusals must give reasons (s.36(5), reg 10(1)); they are what the family reads and the Tribunal sees.
  @Transform(trimmed)
  @ValidateIf((form: DecisionForm) => REASONS_REQUIRED.includes(form.decision) || Boolean(form.reasons))
  @IsString()
  @IsNotEmpty({ message: (args: ValidationArguments) => REASONS_MESSAGES[(args.object as DecisionForm).decision] ?? 'Enter the reasons' })
  @MaxLength(REASONS_MAX, { message: `Reasons must be ${REASONS_MAX} characters or fewer` })
  reasons?: string;

  @Expose()
  @Transform(asList)
  @IsArray()
  @IsUUID('all', { each: true, message: 'Select only members of this panel' })
  conflicts: string[];
}

export function toRecordDecision(form: DecisionForm): RecordDecisionDto {
  return { caseId: form.caseId, decision: form.decision, reasons: form.reasons || undefined, conflicts: form.conflicts };
}

/** The officer's decision after the panel's recommendation; reasons when it departs from it. */
export class OfficerDecisionForm {
  @IsUUID('all', { message: 'Select a case on the agenda' })
  caseId: string;

  @IsIn(OFFICER_DECISIONS, { message: 'Select the decision' })
  decision: OfficerDecision;

  @Transform(trimmed)
  @IsOptional()
  @IsString()
  @MaxLength(REASONS_MAX, { message: `Reasons must be ${REASONS_MAX} characters or fewer` })
  reasons?: string;
}

export function toOfficerDecision(form: OfficerDecisionForm): OfficerDecisionDto {
  return { decision: form.decision, reasons: form.reasons || undefined };
}

export class ChildSchoolForm {
  @IsUUID('all', { message: 'Select a case on the agenda' })
  caseId: string;

  @Transform(trimmed)
  @IsString({ message: 'Enter the name of the child’s school' })
  @IsNotEmpty({ message: 'Enter the name of the child’s school' })
  @MaxLength(200, { message: 'School name must be 200 characters or fewer' })
  childSchool: string;
}
