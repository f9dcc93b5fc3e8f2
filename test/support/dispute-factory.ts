import { AlertSweep } from '../../src/alerts/alert-sweep.service.js';
import type { TestApp } from './test-app.js';

/** Moves the application's clock to 09:00 on `day` and runs the alert sweep, as the scheduler would that morning. */
export async function morningOf(t: TestApp, day: string): Promise<void> {
  t.clock.setNow(new Date(`${day}T09:00:00Z`));
  await t.app.get(AlertSweep).sweep();
}

/** Applies an event to a dispute through the API and returns the dispute; fails the test on anything but 200. */
export async function recordDisputeEvent(t: TestApp, disputeId: string, event: Record<string, unknown>) {
  const response = await t.http.post(`/api/disputes/${disputeId}/events`).send(event);
  if (response.status !== 200) throw new Error(`${event.type} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}
