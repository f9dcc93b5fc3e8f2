import { describe, expect, it } from '@jest/globals';
import { disputeEventFromForm } from '../../src/web/dispute-pages/dispute-event-form.js';

const ON = { 'occurredOn-day': '1', 'occurredOn-month': '3', 'occurredOn-year': '2027' };

/** The dispute page's forms as the API's events: each row a posted form and the event or the problems it makes. */
describe('disputeEventFromForm', () => {
  it.each([
    ['MEDIATION_REQUESTED', { healthMatters: 'yes' }, { healthMatters: true }],
    ['MEDIATION_REQUESTED', {}, {}],
    ['MEDIATION_ENDED', { agreementAction: 'assess', agreementTerms: ' Assess by 1 May ' }, { agreement: { action: 'assess', terms: 'Assess by 1 May' } }],
    ['MEDIATION_ENDED', { agreementAction: '', agreementTerms: '' }, {}],
    ['MEDIATION_ENDED', { agreementAction: 'other', agreementTerms: 'Termly meetings', 'agreementDueOn-day': '5', 'agreementDueOn-month': '3', 'agreementDueOn-year': '2027' },
      { agreement: { action: 'other', terms: 'Termly meetings', agreedDueOn: '2027-03-05' } }],
    ['APPEAL_REGISTERED', { tribunalReference: 'EH1/27', 'registeredOn-day': '26', 'registeredOn-month': '2', 'registeredOn-year': '2027' }, { tribunalReference: 'EH1/27', registeredOn: '2027-02-26' }],
    ['APPEAL_CONCEDED', { actions: 'assess' }, { actions: ['assess'] }],
    // Nothing ticked: conceding an appeal against ceasing; for other decisions the dispute's rules refuse it, naming the actions.
    ['APPEAL_CONCEDED', {}, {}],
    ['TRIBUNAL_DECIDED', { outcome: 'appeal_allowed', actions: ['amend_plan', 'change_school'] }, { outcome: 'appeal_allowed', actions: ['amend_plan', 'change_school'] }],
    ['TRIBUNAL_DECIDED', { outcome: 'appeal_dismissed' }, { outcome: 'appeal_dismissed' }],
    ['ORDER_STEP_MET', { step: 'orderIssueDecision', decision: 'not_issue', method: 'post' }, { step: 'orderIssueDecision', decision: 'not_issue', method: 'post' }],
    ['EXCEPTION_ENDED', { exceptionSeq: '7', 'to-day': '19', 'to-month': '3', 'to-year': '2027' }, { exceptionSeq: 7, to: '2027-03-19' }],
    ['SETTLED', { terms: 'A new assessment' }, { terms: 'A new assessment' }],
    ['ASSIGNED', { assigneeId: 'sam@council.example', terms: 'not this form’s' }, { assigneeId: 'sam@council.example' }],
  ] as const)('%s %j', (type, fields, expected) => {
    expect(disputeEventFromForm(type, { ...ON, ...fields })).toEqual({ event: { type, occurredOn: '2027-03-01', ...expected }, errors: [] });
  });

  it.each([
    ['MEDIATION_ENDED', { agreementAction: 'assess' }, [{ field: 'agreementTerms', message: 'Enter what the authority agreed to do, or leave both agreement questions empty' }]],
    ['MEDIATION_ENDED', { agreementAction: 'other', agreementTerms: 'Termly meetings', 'agreementDueOn-day': '31', 'agreementDueOn-month': '2', 'agreementDueOn-year': '2027' },
      [{ field: 'agreementDueOn', message: 'Enter the date agreed in writing as a real date on or after the agreement, or leave it empty' }]],
    ['TRIBUNAL_DECIDED', { 'occurredOn-day': '31', 'occurredOn-month': '2' }, [
      { field: 'outcome', message: 'Select the Tribunal’s decision' },
      { field: 'occurredOn', message: 'Enter the date it happened as a real date, for example 23 11 2026' },
    ]],
    ['EXCEPTION_ENDED', { exceptionSeq: 'two' }, [
      { field: 'exceptionSeq', message: 'Select the exception' },
      { field: 'to', message: 'Enter the last day of the exception as a real date' },
    ]],
    ['SETTLED', { terms: '  ' }, [{ field: 'terms', message: 'Enter what the parties agreed, or how the authority changed its decision' }]],
  ] as const)('refuses %s %j in the page’s words, in the page’s order', (type, fields, errors) => {
    expect(disputeEventFromForm(type, { ...ON, ...fields })).toEqual({ errors });
  });
});
