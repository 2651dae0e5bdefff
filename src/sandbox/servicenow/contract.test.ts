import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  mswHandlers,
  startLoopbackServer,
  unhandledRequestPolicy,
  type LoopbackServer,
} from '../http/index.js';
import { person, snTicket } from './fixtures.js';
import { createServiceNowSandbox } from './index.js';

const MSW_ORIGIN = 'https://acme.service-now.com';
const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

/** The same small instance, built twice: one served through msw, one on loopback. */
function sandbox() {
  const box = createServiceNowSandbox({
    now: () => NOW,
    auth: {
      basic: [{ user: 'bearing', password: 's3cret' }],
      bearer: [{ token: 'tok-123', user: 'bearing' }],
    },
  });
  box.state.load(
    [person('p1', { name: 'Beth Anglin', vip: true }), person('p2')],
    [1, 2, 3, 4, 5].map((i) =>
      snTicket({
        sysId: String(i).padStart(32, '0'),
        number: `INC000000${i}`,
        title: `Incident ${i}`,
        created: Date.UTC(2026, 10, 10),
        updated: Date.UTC(2026, 10, 10, 8, i),
      }),
    ),
  );
  return box;
}

const viaMsw = sandbox();
const viaLoopback = sandbox();
const msw = setupServer(...mswHandlers(viaMsw.injector, MSW_ORIGIN));
let loopback: LoopbackServer;
let clients: { origin: string; http: AxiosInstance }[];

const client = (baseURL: string, auth: Record<string, string> = {}): AxiosInstance =>
  axios.create({
    baseURL,
    validateStatus: () => true,
    headers: { Accept: 'application/json', ...auth },
  });
const basic = { Authorization: `Basic ${Buffer.from('bearing:s3cret').toString('base64')}` };

beforeAll(async () => {
  msw.listen({ onUnhandledRequest: unhandledRequestPolicy });
  loopback = await startLoopbackServer(viaLoopback.injector);
  clients = [
    { origin: MSW_ORIGIN, http: client(MSW_ORIGIN, basic) },
    { origin: loopback.url, http: client(loopback.url, basic) },
  ];
});
afterAll(async () => {
  msw.close();
  await loopback.close();
});

/** What a client sees, with the instance origin replaced so both transports compare equal. */
function seen(origin: string, response: AxiosResponse) {
  const strip = (s: string) => s.split(origin).join('<origin>');
  const headers = ['content-type', 'x-total-count', 'link', 'retry-after'].map((h) => {
    const value: unknown = response.headers[h];
    return value === undefined ? undefined : strip(String(value));
  });
  return {
    status: response.status,
    headers,
    body: JSON.parse(strip(JSON.stringify(response.data))) as unknown,
  };
}

async function both(request: (http: AxiosInstance) => Promise<AxiosResponse>) {
  const [a, b] = await Promise.all(
    clients.map(async ({ origin, http }) => seen(origin, await request(http))),
  );
  expect(b).toEqual(a);
  return a as ReturnType<typeof seen>;
}

describe('the fake ServiceNow through msw and on loopback, with axios', () => {
  it('answers a paged, filtered list the same way', async () => {
    const page = await both((http) =>
      http.get('/api/now/table/incident', {
        params: {
          sysparm_query: 'sys_updated_on>=2026-11-10 08:02:00^ORDERBYsys_updated_on^ORDERBYsys_id',
          sysparm_fields: 'number,caller_id,sys_updated_on',
          sysparm_display_value: 'all',
          sysparm_limit: 2,
        },
      }),
    );
    expect(page.status).toBe(200);
    expect(page.headers[0]).toBe('application/json;charset=UTF-8');
    expect(page.headers[1]).toBe('4');
    expect(page.headers[2]).toContain('sysparm_offset=2>;rel="next"');
    expect(page.body).toMatchObject({
      result: [
        {
          number: { value: 'INC0000002' },
          caller_id: { display_value: 'Beth Anglin', link: expect.any(String) },
        },
        { number: { value: 'INC0000003' } },
      ],
    });
  });

  it('follows the Link header to the next page', async () => {
    for (const { http } of clients) {
      const first = await http.get('/api/now/table/incident', {
        params: { sysparm_fields: 'number', sysparm_limit: 3 },
      });
      const next = /<([^>]+)>;rel="next"/.exec(String(first.headers.link))?.[1];
      const second = await http.get(next as string);
      expect([...first.data.result, ...second.data.result]).toHaveLength(5);
    }
  });

  it('writes the same way and answers with the whole record', async () => {
    const written = await both((http) =>
      http.patch(`/api/now/table/incident/${'3'.padStart(32, '0')}`, {
        u_alignment_score: 72,
        u_alignment_flags: 'misaligned,request-pressure',
        u_unknown: 'ignored',
      }),
    );
    expect(written.body).toMatchObject({
      result: {
        number: 'INC0000003',
        u_alignment_score: '72',
        u_alignment_flags: 'misaligned,request-pressure',
      },
    });
    expect(viaMsw.state.writes).toEqual(viaLoopback.state.writes);
  });

  it('answers a batch the same way', async () => {
    const body = Buffer.from(JSON.stringify({ u_business_goal: 'run' })).toString('base64');
    const batch = await both((http) =>
      http.post('/api/now/v1/batch', {
        batch_request_id: 'b1',
        rest_requests: [
          {
            id: '1',
            method: 'PATCH',
            url: `/api/now/table/incident/${'4'.padStart(32, '0')}?sysparm_fields=sys_id,u_business_goal`,
            body,
          },
        ],
      }),
    );
    expect(batch.body).toMatchObject({ serviced_requests: [{ id: '1', status_code: 200 }] });
  });

  it('answers 401 with the ServiceNow body for missing or wrong credentials, and accepts a Bearer token', async () => {
    const unauthenticated = {
      error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' },
      status: 'failure',
    };
    for (const origin of [MSW_ORIGIN, loopback.url]) {
      const none = await client(origin).get('/api/now/table/incident');
      expect([none.status, none.data]).toEqual([401, unauthenticated]);
      const wrong = await client(origin, {
        Authorization: `Basic ${Buffer.from('bearing:wrong').toString('base64')}`,
      }).get('/api/now/table/incident');
      expect(wrong.status).toBe(401);
      const token = await client(origin, { Authorization: 'Bearer tok-123' }).get('/api/now/table/incident', {
        params: { sysparm_limit: 1 },
      });
      expect(token.status).toBe(200);
      const badToken = await client(origin, { Authorization: 'Bearer nope' }).get('/api/now/table/incident');
      expect(badToken.status).toBe(401);
    }
  });

  it("answers 429 with ServiceNow's rate-limit headers (no X-RateLimit-Remaining) and body", async () => {
    for (const box of [viaMsw, viaLoopback]) {
      box.injector.setFaults([{ knobs: { ratePerSecond: 1, retryAfterSeconds: 30, times: 1 } }]);
    }
    const statuses: number[] = [];
    let limited: AxiosResponse | undefined;
    for (const { http } of clients) {
      for (let i = 0; i < 2; i++) {
        const response = await http.get('/api/now/table/incident', { params: { sysparm_limit: 1 } });
        statuses.push(response.status);
        if (response.status === 429) limited = response;
      }
    }
    expect(statuses).toEqual([200, 429, 200, 429]);
    expect(limited?.headers['retry-after']).toBe('30');
    expect(limited?.headers['x-ratelimit-limit']).toBe('3600');
    expect(limited?.headers['x-ratelimit-reset']).toBe(String(NOW / 1000 + 30));
    expect(limited?.headers['x-ratelimit-rule']).toMatch(/^[0-9a-f]{32}$/);
    expect(limited?.headers['x-ratelimit-remaining']).toBeUndefined();
    expect(limited?.data).toMatchObject({ error: { message: 'Rate limit exceeded' }, status: 'failure' });
    for (const box of [viaMsw, viaLoopback]) box.injector.setFaults([]);
  });

  it('answers an injected 5xx in the error envelope and counts calls per endpoint', async () => {
    for (const box of [viaMsw, viaLoopback]) {
      box.injector.resetCalls();
      box.injector.setFaults([
        { endpoint: 'table:incident:write', knobs: { errorRate: 1, errorStatuses: [503] } },
      ]);
    }
    const failed = await both((http) =>
      http.patch(`/api/now/table/incident/${'1'.padStart(32, '0')}`, { u_alignment_score: 1 }),
    );
    expect(failed.status).toBe(503);
    expect(failed.body).toMatchObject({ error: { message: 'Service Unavailable' }, status: 'failure' });
    await both((http) => http.get('/api/now/table/incident', { params: { sysparm_limit: 1 } }));
    expect(viaMsw.injector.count('table:incident:write')).toBe(1);
    expect(viaMsw.injector.count('table:incident')).toBe(1);
    for (const box of [viaMsw, viaLoopback]) box.injector.setFaults([]);
  });
});
