/**
 * A small client of the API, typed only by what openapi-typescript generates from the served
 * OpenAPI document (`./api.js` is written next to it by test/integration/openapi-client.test.ts):
 * signs in, creates a case and records an event, then prints what the API answered.
 *
 *   node record-case.js BASE_URL EMAIL PASSWORD DATE
 */
import createClient from 'openapi-fetch';
import type { paths } from './api.js';

function fail(step: string, status: number, error: unknown): never {
  throw new Error(`${step} answered ${status}: ${JSON.stringify(error)}`);
}

const [baseUrl, email, password, date] = process.argv.slice(2);

const anonymous = createClient<paths>({ baseUrl });
const signIn = await anonymous.POST('/api/auth/login', { body: { email, password } });
if (!signIn.data) fail('Sign-in', signIn.response.status, signIn.error);

const api = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${signIn.data.accessToken}` } });
const created = await api.POST('/api/cases', {
  body: { child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2019-03-14' }, requestReceivedOn: date, requestSource: 'parent' },
});
if (!created.data) fail('Creating the case', created.response.status, created.error);

const assigned = await api.POST('/api/cases/{id}/events', {
  params: { path: { id: created.data.id }, header: { 'If-Match': String(created.data.version) } },
  body: { type: 'ASSIGNED', occurredOn: date, assigneeId: 'caseworker-jo' },
});
if (!assigned.data) fail('Recording the event', assigned.response.status, assigned.error);

process.stdout.write(`${JSON.stringify({ caseId: assigned.data.id, version: assigned.data.version, assignee: assigned.data.assignee })}\n`);
