import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCase, postEvent, storedState } from '../support/case-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { type PageClient, signInToPages } from '../support/web.js';

/** Monday 23 November 2026. Every date below is counted by hand from the requests' dates. */
const TODAY = '2026-11-23';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity])
    .replace(/\s+/g, ' ')
    .trim();

/** The body rows of the table with this caption, each as its cells' text. */
function tableRows(html: string, caption: string): string[][] {
  const at = [...html.matchAll(/<caption[^>]*>([\s\S]*?)<\/caption>/g)].find(([, text]) => text.includes(caption))?.index;
  if (at === undefined) return [];
  const table = html.slice(html.lastIndexOf('<table', at), html.indexOf('</table>', at));
  const body = table.slice(table.indexOf('<tbody'));
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map(([, row]) => [...row.matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/g)].map(([, cell]) => text(cell)));
}

/** The row of `rows` whose first cell starts with `label`. */
const rowOf = (rows: string[][], label: string) => rows.find((row) => row[0].startsWith(label));

const formTitles = (html: string) => [...html.matchAll(/govuk-details__summary-text">([\s\S]*?)<\/span>/g)].map(([, title]) => text(title));

function formOf(html: string, type: string): string {
  const at = html.indexOf(`id="form-${type}"`);
  if (at < 0) throw new Error(`the page has no ${type} form`);
  return html.slice(at, html.indexOf('</form>', at));
}

/** Each radio of `name` in a form: its value and its label (the hint is not part of it). */
function radios(form: string, name: string): { value: string; label: string; checked: boolean }[] {
  return [...form.matchAll(/<input([^>]*type="radio"[^>]*)>\s*<label[^>]*>([\s\S]*?)<\/label>/g)]
    .filter(([, attributes]) => attributes.includes(`name="${name}"`))
    .map(([, attributes, label]) => ({ value: /value="([^"]*)"/.exec(attributes)![1], label: text(label), checked: attributes.includes('checked') }));
}

/** The legends and labels of a form: every field must have one (axe's label and fieldset rules). */
function fieldNames(form: string): { inputs: string[]; labelled: string[] } {
  const inputs = [...form.matchAll(/<(?:input|textarea)\b[^>]*\bid="([^"]+)"/g)].map(([, id]) => id);
  const labelled = [...form.matchAll(/<label[^>]*\bfor="([^"]+)"/g)].map(([, id]) => id);
  return { inputs, labelled };
}

const errorSummary = (html: string) => [...html.slice(html.indexOf('govuk-error-summary'), html.indexOf('</ul>', html.indexOf('govuk-error-summary'))).matchAll(/<a [^>]*>([\s\S]*?)<\/a>/g)].map(([, link]) => text(link));

const dateFields = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year };
};

describe('Case page and the statutory clock', () => {
  let t: TestApp;
  let caseworker: PageClient;
  let manager: PageClient;

  beforeAll(async () => {
    t = await createTestApp(TODAY);
    await t.reset();
    caseworker = await signInToPages(t, ['caseworker']);
    manager = await signInToPages(t, ['manager']);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function caseWith(requestReceivedOn: string, events: Record<string, unknown>[]): Promise<string> {
    const { id } = await createCase(t, { requestReceivedOn });
    for (const event of events) {
      const response = await postEvent(t, id, event);
      if (response.status !== 200) throw new Error(`${String(event.type)} answered ${response.status}: ${JSON.stringify(response.body)}`);
    }
    return id;
  }

  async function casePage(client: PageClient, id: string): Promise<string> {
    const response = await client.agent.get(`/case/${id}`);
    expect(response.status).toBe(200);
    return response.text;
  }

  /** Posts one event form as the page shows it, with the case version the page carries. */
  async function record(client: PageClient, id: string, type: string, fields: Record<string, string>) {
    const version = /name="version" value="(\d+)"/.exec(await casePage(client, id))![1];
    return client.submit(`/case/${id}/events`, { type, version, ...dateFields('occurredOn', TODAY), ...fields });
  }

  const lastEvent = async (id: string) => (await t.db.query(`SELECT type, occurred_on, payload FROM case_event WHERE case_id = $1 ORDER BY seq DESC LIMIT 1`, [id]))[0];

  it('shows a latest date that has passed as urgent, not overdue, and counts an overdue limit to its target', async () => {
    // Received Wednesday 1 July: 16 weeks end on 21 October, 20 weeks on 18 November.
    const id = await caseWith('2026-07-01', [{ type: 'DECISION_TO_ASSESS', occurredOn: '2026-08-10', decision: 'assess' }]);
    const deadlines = tableRows(await casePage(caseworker, id), 'Deadlines');
    expect(rowOf(deadlines, 'Notice of a decision not to issue')?.slice(1)).toEqual(['21 October 2026', 'Latest date passed 33 days ago Urgent', '', 'Pending']);
    expect(rowOf(deadlines, 'Final EHC plan')?.slice(1)).toEqual(['18 November 2026', '5 days overdue Overdue', '', 'Overdue']);
    // No notice recorded: the decision's own date stands, and the page says it is a guess.
    expect(rowOf(deadlines, 'Decision whether to assess')?.slice(1)).toEqual(['12 August 2026', '', '10 August 2026 Date of the decision: no notice recorded', 'Met']);
  });

  it('lists the case on the dashboard by its overdue limit, and on the caseload by its next date, never calling a latest date overdue', async () => {
    const id = await caseWith('2026-07-01', [{ type: 'DECISION_TO_ASSESS', occurredOn: '2026-08-10', decision: 'assess' }]);
    const { reference } = (await t.db.query(`SELECT reference FROM ehc_case WHERE id = $1`, [id]))[0];
    const dashboard = await manager.agent.get('/dashboard');
    expect(dashboard.status).toBe(200);
    const overdue = tableRows(dashboard.text, 'Overdue cases, most overdue first').find((row) => row[0] === reference);
    expect(overdue?.join(' | ')).toContain('Final EHC plan (20 weeks) | 18 November 2026 5 days overdue');
    const caseload = await manager.agent.get('/caseload?scope=all');
    const row = tableRows(caseload.text, 'soonest deadline first').find((cells) => cells.some((cell) => cell === reference)) ?? [];
    expect(row.join(' | ')).toContain('Notice of a decision not to issue a plan (16 weeks) | 21 October 2026 | Latest date passed 33 days ago Urgent');
    expect(row.join(' ')).not.toMatch(/overdue/i);
  });

  it('shows a limit held while an approved exception runs, without urgency, and a family window without urgency', async () => {
    // Received 5 October: 20 weeks end on 22 February 2027. The test user may approve, so the exception is approved at once.
    const held = await caseWith('2026-10-05', [
      { type: 'DECISION_TO_ASSESS', occurredOn: '2026-10-20', decision: 'assess' },
      { type: 'EXCEPTION_RECORDED', occurredOn: '2026-11-02', exception: 'personal_circumstances', from: '2026-11-02', limits: ['finalPlan'] },
    ]);
    expect(rowOf(tableRows(await casePage(caseworker, held), 'Deadlines'), 'Final EHC plan')?.slice(1)).toEqual(['22 February 2027', '', '', 'Exception Held: exception running']);
    // Received 3 August; the draft of Monday 16 November gives the family 15 days, to 30 November.
    const draft = await caseWith('2026-08-03', [
      { type: 'DECISION_TO_ASSESS', occurredOn: '2026-08-20', decision: 'assess' },
      { type: 'DECISION_TO_ISSUE', occurredOn: '2026-11-10', decision: 'issue' },
      { type: 'DRAFT_PLAN_ISSUED', occurredOn: '2026-11-16' },
    ]);
    expect(rowOf(tableRows(await casePage(caseworker, draft), 'Deadlines'), 'Family’s comments')?.slice(1)).toEqual(['30 November 2026', '', '', 'Pending']);
  });

  it('shows the limits a withdrawal closed off: missed when their date had passed, with the day, and no urgency', async () => {
    const id = await caseWith('2026-07-01', [
      { type: 'DECISION_TO_ASSESS', occurredOn: '2026-08-10', decision: 'assess' },
      { type: 'WITHDRAWN', occurredOn: '2026-11-20', reason: 'The family moved away.' },
    ]);
    const deadlines = tableRows(await casePage(caseworker, id), 'Deadlines');
    expect(rowOf(deadlines, 'Final EHC plan')?.slice(1)).toEqual(['18 November 2026', '', '', 'Missed Closed off on 20 November 2026']);
    expect(rowOf(deadlines, 'Notice of a decision not to issue')?.slice(1)).toEqual(['21 October 2026', '', '', 'Not applicable Closed off on 20 November 2026']);
  });

  it('tracks two requests to one contributor, each with its due date and reminders, and records the one received', async () => {
    const id = await caseWith('2026-10-05', [{ type: 'DECISION_TO_ASSESS', occurredOn: '2026-10-20', decision: 'assess' }]);
    const asked = await record(caseworker, id, 'ADVICE_REQUESTED', { contributor: 'health', body: 'Paediatrics', method: 'email', ...dateFields('occurredOn', '2026-10-21') });
    expect(asked.status).toBe(303);
    // Posted on Thursday 22 October: delivered on Monday the 26th, so its 6 weeks end on 7 December.
    const second = await record(caseworker, id, 'ADVICE_REQUESTED', { contributor: 'health', body: 'Speech and language therapy', method: 'post', ...dateFields('occurredOn', '2026-10-22') });
    expect(second.status).toBe(303);
    await t.db.query(
      `INSERT INTO notification (local_authority_id, case_id, kind, deadline, due_on, dedupe_key, message)
       SELECT local_authority_id, id, 'advice_reminder', 'advice.health.2', '2026-12-07', $2, 'Advice is due soon' FROM ehc_case WHERE id = $1`,
      [id, `${id}.advice.health.2.w10`],
    );
    const html = await casePage(caseworker, id);
    expect(tableRows(html, 'Advice requested')).toEqual([
      ['Paediatrics (Health)', '21 October 2026', '2 December 2026', 'Not yet', '0'],
      ['Speech and language therapy (Health)', '22 October 2026', '7 December 2026', 'Not yet', '1'],
    ]);
    expect(radios(formOf(html, 'ADVICE_RECEIVED'), 'request').map(({ value, label }) => [value, label])).toEqual([
      ['advice.health', 'Paediatrics (Health)'],
      ['advice.health.2', 'Speech and language therapy (Health)'],
    ]);
    const received = await record(caseworker, id, 'ADVICE_RECEIVED', { request: 'advice.health.2', ...dateFields('occurredOn', '2026-11-20') });
    expect(received.status).toBe(303);
    expect(await lastEvent(id)).toEqual({ type: 'ADVICE_RECEIVED', occurred_on: '2026-11-20', payload: { contributor: 'health', request: 'advice.health.2' } });
    expect(tableRows(await casePage(caseworker, id), 'Advice requested')[1]).toEqual(['Speech and language therapy (Health)', '22 October 2026', '7 December 2026', '20 November 2026', '1']);
  });

  it('refuses advice received without a choice, keeping the page as it was', async () => {
    const id = await caseWith('2026-10-05', [
      { type: 'DECISION_TO_ASSESS', occurredOn: '2026-10-20', decision: 'assess' },
      { type: 'ADVICE_REQUESTED', occurredOn: '2026-10-21', contributor: 'health', body: 'Paediatrics' },
      { type: 'ADVICE_REQUESTED', occurredOn: '2026-10-21', contributor: 'health', body: 'Occupational therapy' },
    ]);
    const before = await storedState(t, id);
    const refused = await record(caseworker, id, 'ADVICE_RECEIVED', {});
    expect(refused.status).toBe(400);
    expect(errorSummary(refused.text)).toEqual(['Select who the advice is from']);
    expect(refused.text).toContain('href="#ADVICE_RECEIVED-contributor"');
    expect(refused.text).toContain('id="ADVICE_RECEIVED-contributor"');
    expect(await storedState(t, id)).toEqual(before);
  });

  it('records a caseworker’s exception as a proposal with its evidence; only a manager may approve it, with a revised target', async () => {
    const id = await caseWith('2026-10-05', [{ type: 'DECISION_TO_ASSESS', occurredOn: '2026-10-20', decision: 'assess' }]);
    const proposed = await record(caseworker, id, 'EXCEPTION_RECORDED', {
      exception: 'personal_circumstances',
      ...dateFields('from', '2026-11-02'),
      ...dateFields('to', '2026-11-13'),
      evidence: 'Letter from the hospital, ref 4471',
      impracticalBecause: 'The child was in hospital for the assessment weeks',
      ...dateFields('familyToldOn', '2026-11-16'),
    });
    expect(proposed.status).toBe(303);
    const seq = (await t.db.query(`SELECT seq FROM case_event WHERE case_id = $1 AND type = 'EXCEPTION_RECORDED'`, [id]))[0].seq;
    const seen = await casePage(caseworker, id);
    const [row] = tableRows(seen, 'Exceptions to the time limits');
    expect(row.slice(0, 3)).toEqual(['Exceptional personal circumstances', '2 November 2026 to 13 November 2026', 'Proposed: relaxes nothing until a manager approves it']);
    expect(row[3]).toContain('Final EHC plan (20 weeks)');
    expect(row[4]).toBe('16 November 2026');
    expect(formTitles(seen)).not.toContain('Exception approved');
    // The form is not offered, and posting it anyway is refused with nothing changed.
    const before = await storedState(t, id);
    const forbidden = await record(caseworker, id, 'EXCEPTION_APPROVED', { exceptionSeq: String(seq) });
    expect(forbidden.status).toBe(403);
    expect(await storedState(t, id)).toEqual(before);

    const managerPage = await casePage(manager, id);
    expect(radios(formOf(managerPage, 'EXCEPTION_APPROVED'), 'exceptionSeq').map(({ value, label }) => [value, label])).toEqual([
      [String(seq), 'Exceptional personal circumstances, 2 November 2026 to 13 November 2026'],
    ]);
    const approved = await record(manager, id, 'EXCEPTION_APPROVED', { exceptionSeq: String(seq), ...dateFields('revisedTarget', '2027-03-31') });
    expect(approved.status).toBe(303);
    const after = await casePage(manager, id);
    expect(tableRows(after, 'Exceptions to the time limits')[0][2]).toBe(`Approved by ${manager.email} on 23 November 2026 Ended on 13 November 2026`);
    // Its own target replaces the default, and the days left count to it: 128 days from 23 November.
    expect(rowOf(tableRows(after, 'Deadlines'), 'Final EHC plan')?.slice(1)).toEqual(['22 February 2027 Revised target 31 March 2027', '128 days left On track', '', 'Exception']);
    expect(formTitles(after)).not.toContain('Exception approved');
  });

  it('claims a missed appointment against the one advice request it excuses, and refuses one that names none', async () => {
    const id = await caseWith('2026-10-05', [
      { type: 'DECISION_TO_ASSESS', occurredOn: '2026-10-20', decision: 'assess' },
      { type: 'ADVICE_REQUESTED', occurredOn: '2026-10-21', contributor: 'health', body: 'Paediatrics' },
      { type: 'ADVICE_REQUESTED', occurredOn: '2026-10-21', contributor: 'health', body: 'Occupational therapy' },
    ]);
    const form = formOf(await casePage(caseworker, id), 'EXCEPTION_RECORDED');
    expect([...form.matchAll(/name="limits" type="checkbox" value="([^"]+)"/g)].map(([, name]) => name)).toEqual(['issueDecision', 'finalPlan', 'advice.health', 'advice.health.2']);
    const before = await storedState(t, id);
    const unnamed = await record(caseworker, id, 'EXCEPTION_RECORDED', { exception: 'missed_appointment', ...dateFields('from', '2026-11-10') });
    expect(unnamed.status).toBe(422);
    expect(errorSummary(unnamed.text)[0]).toContain('missed_appointment excuses only the advice of the body');
    expect(radios(formOf(unnamed.text, 'EXCEPTION_RECORDED'), 'exception').find((radio) => radio.checked)?.value).toBe('missed_appointment');
    expect(await storedState(t, id)).toEqual(before);

    const named = await record(caseworker, id, 'EXCEPTION_RECORDED', { exception: 'missed_appointment', limits: 'advice.health.2', ...dateFields('from', '2026-11-10'), ...dateFields('to', '2026-11-10') });
    expect(named.status).toBe(303);
    expect((await lastEvent(id)).payload).toMatchObject({ exception: 'missed_appointment', limits: ['advice.health.2'] });
    const [row] = tableRows(await casePage(caseworker, id), 'Exceptions to the time limits');
    expect(row.slice(0, 4)).toEqual(['Missed appointment', '10 November 2026 to 10 November 2026', 'Proposed: relaxes nothing until a manager approves it', 'Advice: Health, request 2 (6 weeks)']);
  });

  it('ends a running exception with its last day: the limit is no longer held and counts to the revised target', async () => {
    const id = await caseWith('2026-10-05', [
      { type: 'DECISION_TO_ASSESS', occurredOn: '2026-10-20', decision: 'assess' },
      { type: 'EXCEPTION_RECORDED', occurredOn: '2026-11-02', exception: 'personal_circumstances', from: '2026-11-02', limits: ['finalPlan'] },
    ]);
    const seq = (await t.db.query(`SELECT seq FROM case_event WHERE case_id = $1 AND type = 'EXCEPTION_RECORDED'`, [id]))[0].seq;
    const before = await storedState(t, id);
    const missing = await record(caseworker, id, 'EXCEPTION_ENDED', { exceptionSeq: String(seq) });
    expect(missing.status).toBe(400);
    expect(errorSummary(missing.text)).toEqual(['Enter the last day of the exception as a real date']);
    expect(radios(formOf(missing.text, 'EXCEPTION_ENDED'), 'exceptionSeq').find((radio) => radio.checked)?.value).toBe(String(seq));
    expect(await storedState(t, id)).toEqual(before);

    const ended = await record(caseworker, id, 'EXCEPTION_ENDED', { exceptionSeq: String(seq), ...dateFields('to', '2026-11-13') });
    expect(ended.status).toBe(303);
    // 2 to 13 November is 12 days: 22 February 2027 + 12 days = 6 March 2027, 103 days from 23 November.
    const html = await casePage(caseworker, id);
    expect(rowOf(tableRows(html, 'Deadlines'), 'Final EHC plan')?.slice(1)).toEqual(['22 February 2027 Revised target 6 March 2027', '103 days left On track', '', 'Exception']);
    expect(tableRows(html, 'Exceptions to the time limits')[0][2]).toMatch(/Ended on 13 November 2026$/);
    expect(formTitles(html)).not.toContain('Exception ended');
  });

  it('records a decision with its notice: met on the day a posted notice is served', async () => {
    const id = (await createCase(t, { requestReceivedOn: '2026-10-05' })).id;
    const html = await casePage(caseworker, id);
    expect(formTitles(html)).not.toContain('Notice sent to the family');
    // Posted on Tuesday 20 October, served on Thursday the 22nd.
    const decided = await record(caseworker, id, 'DECISION_TO_ASSESS', {
      decision: 'assess',
      ...dateFields('noticeSentOn', '2026-10-20'),
      noticeMethod: 'post',
      ...dateFields('occurredOn', '2026-10-20'),
    });
    expect(decided.status).toBe(303);
    expect((await lastEvent(id)).payload).toEqual({ decision: 'assess', notice: { sentOn: '2026-10-20', method: 'post' } });
    const after = await casePage(caseworker, id);
    expect(rowOf(tableRows(after, 'Deadlines'), 'Decision whether to assess')?.slice(1)).toEqual(['16 November 2026', '', '22 October 2026', 'Met']);
    expect(tableRows(after, 'Everything recorded').at(-1)?.[1]).toBe('Decision whether to assess Notice: sent on 20 October 2026 by post Decision: Assess');
  });

  it('refuses half a notice, or a notice sent in the future, with the answers kept and nothing changed', async () => {
    const id = (await createCase(t, { requestReceivedOn: '2026-10-05' })).id;
    const before = await storedState(t, id);
    const half = await record(caseworker, id, 'DECISION_TO_ASSESS', { decision: 'assess', noticeMethod: 'email' });
    expect(half.status).toBe(400);
    expect(errorSummary(half.text)).toEqual(['Enter the date the notice was sent as a real date, or leave both notice questions empty']);
    expect(half.text).toContain('href="#DECISION_TO_ASSESS-noticeSentOn-day"');
    expect(radios(formOf(half.text, 'DECISION_TO_ASSESS'), 'noticeMethod').find((radio) => radio.checked)?.value).toBe('email');
    const future = await record(caseworker, id, 'DECISION_TO_ASSESS', { decision: 'assess', ...dateFields('noticeSentOn', '2026-11-24'), noticeMethod: 'email' });
    expect(future.status).toBe(400);
    expect(errorSummary(future.text)).toEqual(['The date the notice was sent must be today or earlier']);
    expect(formOf(future.text, 'DECISION_TO_ASSESS')).toContain('name="noticeSentOn-day" type="text" value="24"');
    expect(await storedState(t, id)).toEqual(before);
  });

  it('records a notice sent later for a step the case has, and offers no notice of a step it has not', async () => {
    const id = await caseWith('2026-10-05', [{ type: 'DECISION_TO_ASSESS', occurredOn: '2026-10-20', decision: 'assess' }]);
    const html = await casePage(caseworker, id);
    const form = formOf(html, 'NOTICE_SENT');
    expect(radios(form, 'notice').map(({ value, label }) => [value, label])).toEqual([['decision_to_assess', 'Decision whether to assess']]);
    expect(radios(form, 'method').map(({ label }) => label)).toEqual(['Email', 'Portal', 'By hand', 'Post']);
    const sent = await record(caseworker, id, 'NOTICE_SENT', { notice: 'decision_to_assess', ...dateFields('sentOn', '2026-10-21'), method: 'email', recipient: 'Mother' });
    expect(sent.status).toBe(303);
    expect((await lastEvent(id)).payload).toEqual({ notice: 'decision_to_assess', sentOn: '2026-10-21', method: 'email', recipient: 'Mother' });
    expect(rowOf(tableRows(await casePage(caseworker, id), 'Deadlines'), 'Decision whether to assess')?.slice(1)).toEqual(['16 November 2026', '', '21 October 2026', 'Met']);

    const before = await storedState(t, id);
    const refused = await record(caseworker, id, 'NOTICE_SENT', { notice: 'final_plan', ...dateFields('sentOn', '2026-11-20'), method: 'email' });
    expect(refused.status).toBe(422);
    expect(await storedState(t, id)).toEqual(before);
  });

  it('labels every field of every new form, and groups radios and dates under a legend', async () => {
    const id = await caseWith('2026-10-05', [
      { type: 'DECISION_TO_ASSESS', occurredOn: '2026-10-20', decision: 'assess' },
      { type: 'ADVICE_REQUESTED', occurredOn: '2026-10-21', contributor: 'health', body: 'Paediatrics' },
      { type: 'ADVICE_REQUESTED', occurredOn: '2026-10-21', contributor: 'health', body: 'Occupational therapy' },
    ]);
    await record(caseworker, id, 'EXCEPTION_RECORDED', { exception: 'personal_circumstances', ...dateFields('from', '2026-11-02') });
    const html = await casePage(manager, id);
    expect(formTitles(html)).toEqual(expect.arrayContaining(['Exception approved', 'Exception ended', 'Notice sent to the family']));
    for (const type of ['ADVICE_REQUESTED', 'ADVICE_RECEIVED', 'DECISION_TO_ISSUE', 'EXCEPTION_RECORDED', 'EXCEPTION_APPROVED', 'EXCEPTION_ENDED', 'NOTICE_SENT']) {
      const form = formOf(html, type);
      const { inputs, labelled } = fieldNames(form);
      expect({ type, unlabelled: inputs.filter((id) => !labelled.includes(id)) }).toEqual({ type, unlabelled: [] });
      const groups = form.split('<fieldset').length - 1;
      const legends = form.split('<legend').length - 1;
      expect({ type, groups }).toEqual({ type, groups: legends });
      for (const radio of form.matchAll(/<input[^>]*type="radio"[^>]*>/g)) expect(form.lastIndexOf('<fieldset', radio.index)).toBeGreaterThan(-1);
    }
  });
});
