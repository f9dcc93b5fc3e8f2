/**
 * Cases whose 6-week decision is already breached, for the alerts benchmark: written with the
 * application's own code (the pure workflow, the deadline rows and caseStore.insert), exactly
 * as CasesService.create writes them, outbox job included, but all in one transaction.
 */
import type { DataSource } from 'typeorm';
import { addDays, computeLimitRecords, londonToday, startCase } from '../workflows/ehc-needs-assessment/index.js';
import { nextDueOn } from '../src/limits/deadline-rows.js';
import { caseStore } from '../src/cases/case-store.js';
import { childStore } from '../src/children/child-store.js';
import { clockOptions, REQUEST_RECEIVED } from '../src/cases/cases.service.js';
import type { LocalAuthority } from '../src/local-authorities/local-authority.entity.js';

/**
 * `cases` cases received 44 to 83 days ago, still awaiting the decision to assess; one
 * transaction, so that they all appear at once. `lostJobs`: their outbox rows are marked relayed, as if handed to a Redis that was then wiped.
 */
export async function seedBreachedCases(db: DataSource, authority: LocalAuthority, cases: number, lostJobs: boolean): Promise<void> {
  const today = londonToday(new Date());
  await db.transaction(async (tx) => {
    for (let n = 0; n < cases; n++) {
      // 44 days, not 43: the breach alert fires at 08:00 on the day after the due date.
      const requestReceivedOn = addDays(today, -(44 + (n % 40)));
      const started = startCase({ requestReceivedOn, requestSource: 'school' });
      const deadlineRows = computeLimitRecords(started.facts, clockOptions(authority));
      const child = { givenName: 'Bench', familyName: `Child ${n}`, dateOfBirth: '2016-05-01' };
      const newCase = {
        localAuthorityId: authority.id,
        reference: await caseStore.allocateReference(tx, authority.id, Number(requestReceivedOn.slice(0, 4))),
        machineId: started.machineId,
        machineVersion: started.machineVersion,
        snapshot: started.snapshot,
        status: started.status,
        childGivenName: child.givenName,
        childFamilyName: child.familyName,
        childDateOfBirth: child.dateOfBirth,
        childId: await childStore.create(tx, authority.id),
        requestReceivedOn,
        requestSource: 'school' as const,
        assigneeId: null,
        nextDueOn: nextDueOn(deadlineRows),
      };
      const event = { type: REQUEST_RECEIVED, occurredOn: requestReceivedOn, actor: 'bench', machineVersion: started.machineVersion, payload: { child, requestSource: 'school' } };
      await caseStore.insert(tx, newCase, event, deadlineRows);
    }
    if (lostJobs) await tx.query(`UPDATE outbox SET relayed_at = now() WHERE relayed_at IS NULL`);
  });
}
