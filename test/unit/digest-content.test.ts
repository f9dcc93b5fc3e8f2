import { describe, expect, it } from '@jest/globals';
import { composeDigest, type DigestDeadline } from '../../src/alerts/digest/digest-content.js';

const TODAY = '2026-11-23';
const row = (reference: string, deadline: string, dueOn: string, assigneeId: string | null = null, assigneeEmail: string | null = null, role: DigestDeadline['role'] = 'limit'): DigestDeadline => ({
  caseId: `id-${reference}`,
  reference,
  assigneeId,
  assigneeEmail,
  deadline,
  role,
  dueOn,
});

describe(composeDigest.name, () => {
  it('sorts each deadline into missed, due within 14 days, or advice overdue, with days counted from today', () => {
    const digest = composeDigest(
      [
        row('EHC-3', 'finalPlan', '2026-12-07'),
        row('EHC-1', 'decisionToAssess', '2026-11-22'),
        row('EHC-2', 'advice.health', '2026-11-09'),
        row('EHC-4', 'decisionToAssess', '2026-11-23'),
      ],
      TODAY,
    );
    expect(digest.totals).toEqual({ overdue: 1, dueSoon: 2, adviceOverdue: 1 });
    const [team] = digest.teams;
    expect(team.overdue.map((i) => [i.reference, i.days])).toEqual([['EHC-1', 1]]);
    expect(team.adviceOverdue.map((i) => [i.reference, i.days])).toEqual([['EHC-2', 14]]);
    // Due today counts as due soon (0 days left), and the 14th day ahead is still in.
    expect(team.dueSoon.map((i) => [i.reference, i.days])).toEqual([['EHC-4', 0], ['EHC-3', 14]]);
  });

  it('leaves out statutory limits beyond 14 days and advice not yet due', () => {
    const digest = composeDigest([row('EHC-5', 'finalPlan', '2026-12-08'), row('EHC-6', 'advice.education', '2026-11-30')], TODAY);
    expect(digest.totals).toEqual({ overdue: 0, dueSoon: 0, adviceOverdue: 0 });
    expect(digest.teams).toEqual([]);
  });

  it('groups by caseworker, named by account email where there is one, unassigned last', () => {
    const digest = composeDigest(
      [
        row('EHC-7', 'decisionToAssess', '2026-11-20'),
        row('EHC-8', 'decisionToAssess', '2026-11-20', 'u-2', 'zara@council.example'),
        row('EHC-9', 'decisionToAssess', '2026-11-21', 'caseworker-a'),
        row('EHC-10', 'finalPlan', '2026-11-25', 'u-2', 'zara@council.example'),
      ],
      TODAY,
    );
    expect(digest.teams.map((t) => [t.assignee, t.overdue.length + t.dueSoon.length])).toEqual([
      ['caseworker-a', 1],
      ['zara@council.example', 2],
      [null, 1],
    ]);
  });

  it('warns of a latest date coming up but never lists it as overdue (reg 10(1)), and never lists a window', () => {
    const digest = composeDigest(
      [
        row('EHC-11', 'issueDecision', '2026-11-01', null, null, 'latest_date'),
        row('EHC-12', 'issueDecision', '2026-11-30', null, null, 'latest_date'),
        row('EHC-13', 'representations', '2026-11-10', null, null, 'window'),
        row('EHC-14', 'representations', '2026-11-25', null, null, 'window'),
      ],
      TODAY,
    );
    expect(digest.totals).toEqual({ overdue: 0, dueSoon: 1, adviceOverdue: 0 });
    expect(digest.teams[0]?.dueSoon.map((i) => [i.reference, i.days])).toEqual([['EHC-12', 7]]);
  });
});
