import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_QUORUM,
  agendaFlags,
  conflictsForItem,
  decisionRefusal,
  followingMeetingDate,
  itemQuorum,
  panelFigures,
  type PanelMemberFacts,
} from '../../workflows/panels/index.js';

const chair: PanelMemberFacts = { id: 'chair', name: 'Sam Chair', role: 'chair', schools: [] };
const head: PanelMemberFacts = { id: 'head', name: 'Hana Head', role: 'head_teacher', schools: ['Oak Primary'] };
const senco: PanelMemberFacts = { id: 'senco', name: 'Sid Senco', role: 'senco', schools: ['Elm Academy'] };
const trust: PanelMemberFacts = { id: 'trust', name: 'Tia Trust', role: 'trust_leader', schools: [] };
const ep: PanelMemberFacts = { id: 'ep', name: 'Eve EP', role: 'educational_psychologist', schools: [] };

describe('itemQuorum (default: chair and two members from schools)', () => {
  it.each([
    ['chair and two from schools', [chair, head, senco], true, null],
    ['no chair', [head, senco, trust], false, /chair is not present/],
    ['one from schools and an EP', [chair, head, ep], false, /1 member\(s\) from schools/],
  ])('%s → quorate %s', (_, present, quorate, message) => {
    const result = itemQuorum(DEFAULT_QUORUM, present, []);
    expect(result.quorate).toBe(quorate);
    if (message) expect(result.shortfall).toMatch(message);
  });

  it('does not count a member linked to the child’s school, and says so', () => {
    const conflicts = conflictsForItem([chair, head, senco], ' oak primary ', []);
    const result = itemQuorum(DEFAULT_QUORUM, [chair, head, senco], conflicts);
    expect(result.quorate).toBe(false);
    expect(result.votingMemberIds).toEqual(['chair', 'senco']);
    expect(result.shortfall).toMatch(/Hana Head \(linked to the child's school \(.*oak primary.*\)\)/i);
  });

  it('does not count a declared conflict, and refuses when the chair is conflicted', () => {
    const result = itemQuorum(DEFAULT_QUORUM, [chair, head, senco, trust], conflictsForItem([chair, head, senco, trust], null, ['chair']));
    expect(result.quorate).toBe(false);
    expect(result.shortfall).toMatch(/chair has a conflict/);
  });

  it('a panel may set its own rule', () => {
    expect(itemQuorum({ chairRequired: false, minSchoolMembers: 1 }, [head], []).quorate).toBe(true);
  });
});

describe('agenda scheduling', () => {
  it('the following meeting is the next scheduled one, or the meeting + the cadence', () => {
    expect(followingMeetingDate('2026-12-03', ['2026-11-19', '2026-12-24', '2026-12-17'], 14)).toBe('2026-12-17');
    expect(followingMeetingDate('2026-12-03', [], 14)).toBe('2026-12-17');
    expect(followingMeetingDate('2026-12-31', [], 7)).toBe('2027-01-07');
  });

  it.each([
    ['due after the following meeting', '2026-12-20', []],
    ['due on the following meeting day: it can still be decided then', '2026-12-17', []],
    ['due before the following meeting', '2026-12-16', ['due_before_following_meeting']],
    ['already past at the meeting', '2026-12-02', ['limit_passed_before_meeting', 'due_before_following_meeting']],
  ])('%s', (_, dueOn, flags) => {
    expect(agendaFlags(dueOn, '2026-12-03', '2026-12-17')).toEqual(flags);
  });
});

describe('decisionRefusal', () => {
  it.each([
    ['decision_to_assess', 'assess', undefined, null],
    ['decision_to_assess', 'decline', '  ', /needs reasons/],
    ['decision_to_assess', 'defer', undefined, /deferral needs reasons/],
    ['decision_to_assess', 'issue', 'x', /records assess, decline, defer/],
    ['decision_to_issue', 'not_issue', undefined, /needs reasons/],
    ['decision_to_issue', 'issue', undefined, null],
  ] as const)('%s panel, %s with reasons %p', (purpose, decision, reasons, expected) => {
    const refusal = decisionRefusal(purpose, decision, reasons);
    if (expected === null) expect(refusal).toBeNull();
    else expect(refusal).toMatch(expected);
  });
});

describe('panelFigures', () => {
  it('counts outcomes and measures request-to-decision days without deferrals', () => {
    const figures = panelFigures([
      { decision: 'assess', decidedOn: '2026-11-30', requestReceivedOn: '2026-10-26' },
      { decision: 'decline', decidedOn: '2026-11-30', requestReceivedOn: '2026-11-09' },
      { decision: 'defer', decidedOn: '2026-11-30', requestReceivedOn: '2026-10-01' },
      { decision: 'assess', decidedOn: '2026-12-14', requestReceivedOn: '2026-11-02' },
    ]);
    expect(figures).toEqual({
      considered: 4,
      agreed: 2,
      declined: 1,
      deferred: 1,
      daysFromRequestToDecision: { count: 3, mean: 32.7, median: 35, max: 42 }, // 35, 21 and 42 days
    });
  });

  it('has no waiting times when nothing was decided', () => {
    expect(panelFigures([]).daysFromRequestToDecision).toEqual({ count: 0, mean: null, median: null, max: null });
  });
});
