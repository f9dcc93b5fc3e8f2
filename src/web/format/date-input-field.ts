import { Expose, Transform } from 'class-transformer';
import { IsNotEmpty } from 'class-validator';
import { IsCalendarDate } from '../../common/is-calendar-date.js';
import { dateInputValue } from './dates.js';

/**
 * A form field posted as a GOV.UK date input (`<name>-day`, `-month`, `-year`), read as
 * `YYYY-MM-DD`, with the Design System's two messages: nothing entered, or not a real date.
 * Exposed, since the form never posts the field's own name.
 */
export function DateInputField(messages: { missing: string; notReal: string }): PropertyDecorator {
  return (target, property) => {
    const name = String(property);
    Expose()(target, property);
    Transform(({ obj }) => dateInputValue(obj, name))(target, property);
    IsNotEmpty({ message: messages.missing })(target, property);
    IsCalendarDate({ message: messages.notReal })(target, property);
  };
}
