import { IsIn } from 'class-validator';
import { DISPUTED_DECISIONS, type DisputedDecision } from '../../../workflows/ehc-dispute/index.js';
import { DateInputField } from '../format/date-input-field.js';

/** The new dispute form: which decision of the case or plan, and the day its notice was sent. */
export class NewDisputeForm {
  @IsIn(DISPUTED_DECISIONS, { message: 'Select the decision the family disagrees with' })
  decision: DisputedDecision;

  @DateInputField({ missing: 'Enter the date the decision notice was sent', notReal: 'The date the decision notice was sent must be a real date' })
  noticeSentOn: string;
}
