import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import {
  mswHandlers,
  startLoopbackServer,
  unhandledRequestPolicy,
  type LoopbackServer,
} from '../http/index.js';
import {
  BOT_AUTH,
  CLOUD_BASE,
  basicAuth,
  createFakeJiraInjector,
  manualClock,
  seedPerson,
  seedTicket,
  seedTickets,
} from './index.js';

/** Two identical sites, one behind msw and one on loopback, driven by the same requests. */
function site() {
  const clock = manualClock(Date.UTC(2026, 10, 20, 12, 0));
  const fake = createFakeJiraInjector({ flavour: 'cloud', now: clock.now });
  fake.state.load(
    [seedPerson('p1', { email: null })],
    [
      ...seedTickets('OPS', 7),
      seedTicket('HR-1', { description: 'Para one.\n\nPara two.', requesterId: 'p1' }),
    ],
  );
  fake.state.createField({
    id: 'customfield_10100',
    name: 'Alignment Score',
    type: 'com.atlassian.jira.plugin.system.customfieldtypes:float',
  });
  return { ...fake, clock };
}

const viaMsw = site();
const viaLoopback = site();
const msw = setupServer(...mswHandlers(viaMsw.injector, CLOUD_BASE));
let loopback: LoopbackServer;

beforeAll(async () => {
  msw.listen({ onUnhandledRequest: unhandledRequestPolicy });
  loopback = await startLoopbackServer(viaLoopback.injector);
});
afterAll(async () => {
  msw.close();
  await loopback.close();
});

interface Step {
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Move both clocks before the request. */
  advance?: number;
}

/** Sends a step to one transport; the answer with its origin replaced, so both transports compare equal. */
async function send(
  base: string,
  step: Step,
): Promise<{ status: number; type: string | null; body: string }> {
  const res = await fetch(`${base}${step.path}`, {
    method: step.method,
    headers: {
      ...BOT_AUTH,
      ...(step.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...step.headers,
    },
    body: step.body === undefined ? undefined : JSON.stringify(step.body),
  });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: (await res.text()).split(base).join('<base>'),
  };
}

describe('the same requests through msw and through the loopback server', () => {
  it('get the same answers, status, content type and body', async () => {
    const first: Step = {
      method: 'GET',
      path: '/rest/api/3/search/jql?jql=project%20in%20(OPS%2CHR)%20ORDER%20BY%20key&fields=*all&maxResults=5',
    };
    const steps: Step[] = [
      { method: 'GET', path: '/rest/api/3/serverInfo' },
      first,
      {
        method: 'POST',
        path: '/rest/api/3/search/jql',
        body: { jql: 'project = HR', fields: ['description', 'reporter'] },
      },
      { method: 'GET', path: '/rest/api/3/search?jql=project%3DOPS' },
      { method: 'GET', path: '/rest/api/3/search/jql?jql=order%20by%20key' },
      {
        method: 'PUT',
        path: '/rest/api/3/issue/OPS-1',
        body: { fields: { customfield_10100: 42 } },
        advance: 1000,
      },
      { method: 'PUT', path: '/rest/api/3/issue/OPS-2', body: { fields: { customfield_10100: 'x' } } },
      { method: 'GET', path: '/rest/api/3/issue/OPS-1?fields=customfield_10100,updated' },
      { method: 'GET', path: '/rest/api/3/field' },
      {
        method: 'POST',
        path: '/rest/api/3/bulk/issues/fields',
        body: {
          selectedIssueIdsOrKeys: ['OPS-3', 'OPS-4'],
          selectedActions: ['customfield_10100'],
          editedFieldsInput: { clearableNumberFields: [{ fieldId: 'customfield_10100', value: 7 }] },
          sendBulkNotification: false,
        },
      },
      { method: 'GET', path: '/rest/api/3/bulk/queue/10600', advance: 5000 },
      {
        method: 'POST',
        path: '/rest/api/3/issue/bulkfetch',
        body: { issueIdsOrKeys: ['OPS-4', 'OPS-3'], fields: ['customfield_10100'] },
      },
      { method: 'GET', path: '/rest/api/3/project/search?maxResults=1' },
      {
        method: 'GET',
        path: '/rest/api/3/myself',
        headers: { authorization: basicAuth('bot@acme.example', 'nope') },
      },
      { method: 'GET', path: '/rest/api/3/no-such-thing' },
    ];
    const answers: { status: number; body: string }[] = [];
    for (const step of steps) {
      if (step.advance) {
        viaMsw.clock.advance(step.advance);
        viaLoopback.clock.advance(step.advance);
      }
      const a = await send(CLOUD_BASE, step);
      const b = await send(loopback.url, step);
      expect({ step: `${step.method} ${step.path}`, ...b }).toEqual({
        step: `${step.method} ${step.path}`,
        ...a,
      });
      answers.push(a);
    }
    expect(answers.map((a) => a.status)).toEqual([
      200, 200, 200, 410, 400, 204, 400, 200, 200, 201, 200, 200, 200, 401, 404,
    ]);

    // Follow the first search's token through both transports too.
    const page = JSON.parse(answers[1]?.body ?? '{}') as { nextPageToken: string };
    const next: Step = {
      method: 'GET',
      path: `${first.path}&nextPageToken=${encodeURIComponent(page.nextPageToken)}`,
    };
    const [a, b] = [await send(CLOUD_BASE, next), await send(loopback.url, next)];
    expect(b).toEqual(a);
    expect(JSON.parse(a.body)).toMatchObject({
      isLast: true,
      issues: [{ key: 'OPS-5' }, { key: 'OPS-6' }, { key: 'OPS-7' }],
    });
    expect(viaMsw.injector.count('search')).toBe(viaLoopback.injector.count('search'));
  });
});
