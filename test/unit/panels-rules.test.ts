import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_QUORUM,
  MIN_VOTING_MEMBERS,
  agendaFlags,
  conflictsForItem,
  decisionRefusal,
  followingMeetingDate,
  itemQuorum,
  officerDecisionRefusal,
  panelFigures,
  recorderRefusal,
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
    expect(itemQuorum({ chairRequired: false, minSchoolMembers: 1 }, [head, ep], []).quorate).toBe(true);
  });

  it.each([
    ['a rule of no chair and no school members, nobody present', { chairRequired: false, minSchoolMembers: 0 }, [], /0 member\(s\) present can take part; a panel needs at least 2\./],
    ['the same rule, one member present', { chairRequired: false, minSchoolMembers: 0 }, [ep], /1 member\(s\) present.*at least 2\./],
    ['the chair alone, with no school members required', { chairRequired: true, minSchoolMembers: 0 }, [chair], /at least 2 \(the chair and one other\)/],
    ['the default rule, nobody present', DEFAULT_QUORUM, [], /chair is not present.*0 member\(s\) from schools.*0 member\(s\) present/],
  ])('is not quorate: %s', (_, rule, present, message) => {
    const result = itemQuorum(rule, present, []);
    expect(result.quorate).toBe(false);
    expect(result.shortfall).toMatch(message);
  });

  it('counts a member towards the floor only when present and not conflicted', () => {
    const rule = { chairRequired: true, minSchoolMembers: 0 };
    expect(itemQuorum(rule, [chair, ep], []).quorate).toBe(true);
    expect(itemQuorum(rule, [chair, ep], conflictsForItem([chair, ep], null, ['ep'])).shortfall).toMatch(/1 member\(s\) present can take part/);
    expect(MIN_VOTING_MEMBERS).toBe(2);
  });
});

describe('who records what', () => {
  const panel = { panelName: 'North panel' };

  it.each([
    ['no seat on the panel', undefined, ['head'], [], /does not sit on it/],
    ['a seat, not present', head, ['chair', 'senco'], [], /Hana Head is not recorded as present/],
    ['present, linked to the child’s school', head, ['head'], conflictsForItem([head], 'Oak Primary', []), /Hana Head steps out of this item \(linked to the child's school/],
    ['present, declared a conflict', head, ['head'], conflictsForItem([head], null, ['head']), /declared a conflict/],
  ])('refuses a recommendation from an account with %s', (_, seat, present, conflicts, message) => {
    expect(recorderRefusal({ seat, ...panel }, present, conflicts)).toMatch(message);
  });

  it('lets a present, unconflicted member record, the chair included', () => {
    expect(recorderRefusal({ seat: chair, ...panel }, ['chair'], conflictsForItem([chair, head], 'Oak Primary', []))).toBeNull();
  });

  it.each([
    ['adopting the recommendation', 'assess', 'assess', undefined, null],
    ['departing with reasons', 'assess', 'decline', 'Evidence shows needs met at SEN support.', null],
    ['departing without reasons', 'assess', 'decline', ' ', /recommended "assess".*departs from it and needs reasons/],
    ['deciding on a deferral', 'defer', 'assess', 'x', /deferred this item/],
    ['deciding a deferral', 'assess', 'defer', 'x', /one of assess, decline/],
    ['a decision of the other kind of panel', 'assess', 'issue', 'x', /one of assess, decline/],
  ] as const)('an officer %s', (_, recommendation, decision, reasons, refusal) => {
    const result = officerDecisionRefusal('decision_to_assess', recommendation, decision, reasons);
    if (refusal === null) expect(result).toBeNull();
    else expect(result).toMatch(refusal);
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
