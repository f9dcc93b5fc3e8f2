/**
 * When a notice or a request counts as served (domain document 5.2): email, portal and hand
 * delivery on the day sent; post on the second working day after posting (deemed delivery).
 */
import type { IsoDate } from '../calendar/dates.js';
import { addWorkingDays } from '../calendar/working-days.js';

export const SERVICE_METHODS = ['email', 'portal', 'hand', 'post'] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];

const POSTAL_DELIVERY_WORKING_DAYS = 2;

export function servedOn(sentOn: IsoDate, method: ServiceMethod): IsoDate {
  return method === 'post' ? addWorkingDays(sentOn, POSTAL_DELIVERY_WORKING_DAYS) : sentOn;
}
