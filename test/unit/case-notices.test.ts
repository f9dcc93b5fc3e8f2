import { describe, expect, it } from '@jest/globals';
import { computeLimitRecords, replayEvents, type CaseEvent } from '../../workflows/ehc-needs-assessment/index.js';
import { caseNotice, type NoticeInput } from '../../workflows/notices/case-notices.js';
import type { NoticeAuthority, NoticeDocument } from '../../workflows/notices/notice-document.js';
import { INPUT, assess, decline, draft, issue, notIssue } from './fixtures/cases.js';

const AUTHORITY: NoticeAuthority = {
  name: 'Exampleshire County Council',
  team: 'SEND Assessment Team',
  address: ['County Hall', 'Exampleton'],
  phone: '01234 500500',
  email: 'send@example.gov.uk',
  localOfferUrl: 'https://www.example.gov.uk/local-offer',
  informationAdvice: { name: 'Exampleshire SENDIASS', phone: '01234 567890' },
  mediation: { name: 'Global Mediation' },
  disagreementResolution: { name: 'Resolve' },
};

/** The dates of the order in the tests: as a dispute's clock would give them for an order of 6 October 2025. */
const ORDER_DATES = { issueDecisionBy: '2025-12-15', finalPlanBy: '2026-01-12' };

/** A case requested on Monday 2 June 2025 (the fixtures' T0), as its notice would go out. */
function written(history: CaseEvent[], notice: NoticeInput['notice'], sentOn: string, method: NoticeInput['method'] = 'email', strictMode = false) {
  const facts = replayEvents(INPUT, history).facts;
  return caseNotice({
    notice,
    facts,
    limits: computeLimitRecords(facts, { strictMode }),
    ...(facts.order && { orderDates: ORDER_DATES }),
    reference: 'EHC-2025-000007',
    child: { givenName: 'Sam', familyName: 'Sample', dateOfBirth: '2018-05-01' },
    authority: AUTHORITY,
    caseworker: { email: 'jo@example.gov.uk' },
    sentOn,
    method,
  });
}

const documentOf = (result: ReturnType<typeof written>): NoticeDocument => {
  if (!result.ok) throw new Error(result.message);
  return result.document;
};
const text = (document: NoticeDocument) => document.sections.flatMap((s) => [s.heading, ...s.paragraphs]).join('\n');
const dates = (document: NoticeDocument) => Object.fromEntries(document.keyDates.map((d) => [d.label, d.date]));

describe('caseNotice: the statutory notices of the assessment', () => {
  it('writes a refusal to assess with its reasons and every right reg 5(3) requires', () => {
    const document = documentOf(written([decline('2025-07-01')], 'decision_to_assess', '2025-07-02'));
    expect(document).toMatchObject({ variant: 'decline', title: 'We will not carry out an EHC needs assessment for Sam Sample', servedOn: '2025-07-02' });
    // 2 September 2025 is a Tuesday: no move to a working day.
    expect(dates(document)).toEqual({ 'Decision made': '2025-07-01', 'Contact a mediation adviser by': '2025-09-02', 'Last day to appeal to the Tribunal': '2025-09-02' });
    const body = text(document);
    for (const part of ['Our reasons', 'Needs met by the graduated response', 'First-tier Tribunal', 'Mediation', 'Global Mediation', 'Disagreement resolution', 'Resolve', 'Exampleshire SENDIASS (telephone 01234 567890)']) {
      expect(body).toContain(part);
    }
    expect(body).toContain('contact your caseworker (jo@example.gov.uk) or the SEND Assessment Team, Exampleshire County Council');
  });

  it('writes the order’s notice after a refusal to assess is overturned, with the order’s dates and no appeal rights', () => {
    const ordered: CaseEvent = { type: 'DISPUTE_ORDERED', occurredOn: '2025-10-06', action: 'assess', disputeId: 'd1', disputeReference: 'DISP-2025-000003' };
    const document = documentOf(written([decline('2025-07-01'), ordered], 'decision_to_assess', '2025-10-08'));
    expect(document).toMatchObject({ variant: 'ordered_assess', title: 'We will carry out an EHC needs assessment for Sam Sample' });
    // The order's dates as its dispute holds them (reg 44(2): 10 and 14 weeks; a mediation agreement may set others).
    expect(dates(document)).toEqual({ 'Decided in the disagreement': '2025-10-06', 'Latest date for our decision whether to issue an EHC plan': '2025-12-15', 'Latest date for the final EHC plan, if we issue one': '2026-01-12' });
    expect(text(document)).toContain('(our reference DISP-2025-000003)');
    expect(text(document)).not.toContain('Tribunal');
    expect(written([decline('2025-07-01'), ordered], 'decision_to_assess', '2025-10-03')).toMatchObject({ ok: false, message: expect.stringContaining('before the step it tells of (2025-10-06)') });
    // Without its dispute's dates the engine writes no order notice rather than guess them.
    const facts = replayEvents(INPUT, [decline('2025-07-01'), ordered]).facts;
    const undated = caseNotice({ notice: 'decision_to_assess', facts, limits: computeLimitRecords(facts, { strictMode: false }), reference: 'EHC-2025-000007', child: { givenName: 'Sam', familyName: 'Sample', dateOfBirth: '2018-05-01' }, authority: AUTHORITY, sentOn: '2025-10-08', method: 'email' });
    expect(undated).toEqual({ ok: false, message: 'The dates of the order (DISP-2025-000003) are not known, so its notice cannot be written.' });
  });

  it('gives the order’s date for the final plan in the decision to issue and the draft’s notice of a case the order reopened, not the 20 weeks', () => {
    const ordered: CaseEvent = { type: 'DISPUTE_ORDERED', occurredOn: '2025-10-06', action: 'assess', disputeId: 'd1', disputeReference: 'DISP-2025-000003' };
    const history = [decline('2025-07-01'), ordered, issue('2025-11-17')];
    const issued = documentOf(written(history, 'decision_to_issue', '2025-11-17'));
    expect(dates(issued)['Latest date for the final EHC plan']).toBe(ORDER_DATES.finalPlanBy);
    expect(text(issued)).toContain('The final plan must be issued by 12 January 2026');
    const drafted = documentOf(written([...history, draft('2025-11-24')], 'draft_plan', '2025-11-24'));
    expect(dates(drafted)['Latest date for the final EHC plan']).toBe(ORDER_DATES.finalPlanBy);
    // Without an order, the 20 weeks from the request of Monday 2 June 2025: Monday 20 October.
    expect(dates(documentOf(written([assess('2025-07-01'), issue('2025-08-25')], 'decision_to_issue', '2025-08-25')))['Latest date for the final EHC plan']).toBe('2025-10-20');
    // An order to issue a plan sets the final plan's date only (reg 44(2)(e)); without it no letter is written.
    const toIssue: CaseEvent = { type: 'DISPUTE_ORDERED', occurredOn: '2025-10-06', action: 'issue_plan', disputeId: 'd2', disputeReference: 'DISP-2025-000004' };
    const facts = replayEvents(INPUT, [assess('2025-07-01'), notIssue('2025-08-25'), toIssue, draft('2025-10-20')]).facts;
    const base = { notice: 'draft_plan' as const, facts, limits: computeLimitRecords(facts, { strictMode: false }), reference: 'EHC-2025-000007', child: { givenName: 'Sam', familyName: 'Sample', dateOfBirth: '2018-05-01' }, authority: AUTHORITY, sentOn: '2025-10-20', method: 'email' as const };
    expect(dates(documentOf(caseNotice({ ...base, orderDates: { finalPlanBy: '2025-12-22' } })))['Latest date for the final EHC plan']).toBe('2025-12-22');
    expect(caseNotice(base)).toEqual({ ok: false, message: 'The dates of the order (DISP-2025-000004) are not known, so its notice cannot be written.' });
  });

  it('runs a posted refusal’s appeal dates from its deemed delivery, two working days later', () => {
    // Sent Friday 4 July 2025 by post: served Tuesday 8 July; 8 September is a Monday.
    const document = documentOf(written([decline('2025-07-01')], 'decision_to_assess', '2025-07-04', 'post'));
    expect(document.servedOn).toBe('2025-07-08');
    expect(dates(document)['Last day to appeal to the Tribunal']).toBe('2025-09-08');
  });

  it('tells of a decision to assess with the 20-week date, and no appeal rights', () => {
    const document = documentOf(written([assess('2025-07-01')], 'decision_to_assess', '2025-07-01'));
    expect(document.variant).toBe('assess');
    expect(dates(document)['Latest date for the final EHC plan, or a decision not to issue one']).toBe('2025-10-20');
    expect(text(document)).not.toContain('Tribunal');
    // An authority counting strictly (the request is day 1) is told its clock's date, a day earlier.
    const strict = documentOf(written([assess('2025-07-01')], 'decision_to_assess', '2025-07-01', 'email', true));
    expect(dates(strict)['Latest date for the final EHC plan, or a decision not to issue one']).toBe('2025-10-19');
    expect(text(strict)).toContain('must be issued by 19 October 2025');
  });

  it('writes the notice not to issue a plan with the rights of reg 10(3)', () => {
    const document = documentOf(written([assess('2025-07-01'), notIssue('2025-09-15')], 'decision_to_issue', '2025-09-15'));
    expect(document).toMatchObject({ variant: 'not_issue', regulation: expect.stringContaining('10(3)') });
    expect(text(document)).toContain('Needs can be met from ordinarily available provision');
    expect(text(document)).toContain('First-tier Tribunal');
  });

  it('gives the draft plan’s 15 days, beginning with the day it is served, and the local offer (reg 13(1))', () => {
    const document = documentOf(written([assess('2025-07-01'), issue('2025-09-01'), draft('2025-09-02')], 'draft_plan', '2025-09-02'));
    expect(dates(document)).toMatchObject({ 'Draft plan served': '2025-09-02', 'Last day to comment, ask for a school or college, or ask for a meeting': '2025-09-16' });
    expect(text(document)).toContain('https://www.example.gov.uk/local-offer');
    expect(text(document)).toContain('ask to meet one of our officers');
  });

  it('refuses a notice of a step not taken, or sent before the step', () => {
    expect(written([assess('2025-07-01')], 'final_plan', '2025-07-02')).toEqual({ ok: false, message: expect.stringContaining('There is no final plan on this case yet') });
    expect(written([decline('2025-07-01')], 'decision_to_assess', '2025-06-30')).toEqual({ ok: false, message: expect.stringContaining('before the step it tells of (2025-07-01)') });
  });
});
