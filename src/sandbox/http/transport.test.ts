import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import {
  FaultInjector,
  mswHandlers,
  unhandledRequestPolicy,
  startLoopbackServer,
  textPiecesResponse,
  type FakeService,
  type LoopbackServer,
  type Outcome,
} from './index.js';

const echo: FakeService = {
  name: 'echo',
  async handle(request) {
    const url = new URL(request.url);
    if (url.pathname === '/pieces') {
      return textPiecesResponse(['{"list":[', '"née"', ',"🚀"', ']}'], {
        headers: { 'content-type': 'application/json' },
      });
    }
    const body = request.method === 'POST' ? await request.text() : null;
    return Response.json({ method: request.method, path: url.pathname, q: url.searchParams.get('q'), body });
  },
  endpointOf: (request) => new URL(request.url).pathname.split('/')[1] ?? '',
  rateLimited: (retryAfter) =>
    new Response('slow down', { status: 429, headers: { 'Retry-After': String(retryAfter) } }),
  serverError: (status) => Response.json({ error: 'boom' }, { status }),
};

const MSW_BASE = 'http://fake.test';
const injector = new FaultInjector(echo, { seed: 7 });
const msw = setupServer(...mswHandlers(injector, MSW_BASE));
let loopback: LoopbackServer;

beforeAll(async () => {
  msw.listen({ onUnhandledRequest: unhandledRequestPolicy });
  loopback = await startLoopbackServer(injector);
});
afterEach(() => {
  injector.setFaults([]);
  injector.resetCalls();
});
afterAll(async () => {
  msw.close();
  await loopback.close();
});

describe('a fake served through msw and on loopback', () => {
  it('answers the same request the same way through both transports', async () => {
    const init = { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } };
    const viaMsw = await (await fetch(`${MSW_BASE}/items/x?q=1`, init)).json();
    const viaLoopback = await (await fetch(`${loopback.url}/items/x?q=1`, init)).json();
    expect(viaLoopback).toEqual(viaMsw);
    expect(viaMsw).toEqual({ method: 'POST', path: '/items/x', q: '1', body: '{"a":1}' });
    expect(injector.count('items')).toBe(2);
  });

  it('sends an answer made of text pieces whole through both transports, with its length in bytes', async () => {
    const viaMsw = await fetch(`${MSW_BASE}/pieces`);
    const viaLoopback = await fetch(`${loopback.url}/pieces`);
    const text = '{"list":["née","🚀"]}';
    expect(await viaMsw.text()).toBe(text);
    expect(viaLoopback.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(await viaLoopback.text()).toBe(text);
  });

  it('cuts an answer made of text pieces short when told to send malformed JSON', async () => {
    injector.setFaults([{ knobs: { malformedRate: 1 } }]);
    const text = await (await fetch(`${loopback.url}/pieces`)).text();
    expect(text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(text) as unknown).toThrow();
  });

  it('answers 429 with Retry-After once the request rate is exceeded', async () => {
    injector.setFaults([{ knobs: { ratePerSecond: 2, retryAfterSeconds: 3 } }]);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${loopback.url}/items`)).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
    const limited = await fetch(`${MSW_BASE}/items`);
    expect(limited.headers.get('retry-after')).toBe('3');
  });

  it('lets a client that keeps to the rate through although the fake stamps its requests late', async () => {
    let now = 0;
    const clocked = new FaultInjector(echo, { now: () => now });
    clocked.setFaults([{ knobs: { ratePerSecond: 2 } }]);
    const statusesAt = async (times: readonly number[]): Promise<number[]> => {
      const statuses: number[] = [];
      for (const ms of times) {
        now = ms;
        const outcome = await clocked.dispatch(new Request(`${MSW_BASE}/items`));
        statuses.push(outcome.type === 'respond' ? outcome.response.status : 0);
      }
      return statuses;
    };
    // Sent at 0, 500, 1000, 1500 and 2000; the first two were stamped 300 ms late.
    expect(await statusesAt([300, 800, 1000, 1500, 2000])).toEqual([200, 200, 200, 200, 200]);
    // Three within 200 ms are over 2 a second however late the fake was.
    expect(await statusesAt([5000, 5100, 5200])).toEqual([200, 200, 429]);
    // Four a second for three seconds: refused once the second's burst is spent.
    const over = await statusesAt(Array.from({ length: 12 }, (_, i) => 9000 + i * 250));
    expect(over.filter((s) => s === 429).length).toBeGreaterThanOrEqual(4);
  });

  it('counts a request against the rate when it arrives, not once its latency has passed', async () => {
    let now = 0;
    const clocked = new FaultInjector(echo, { now: () => now });
    clocked.setFaults([{ knobs: { ratePerSecond: 1, latencyMs: 20 } }]);
    const status = async (pending: Promise<Outcome>): Promise<number> => {
      const outcome = await pending;
      return outcome.type === 'respond' ? outcome.response.status : 0;
    };
    expect(await status(clocked.dispatch(new Request(`${MSW_BASE}/items`)))).toBe(200);
    now = 100;
    const second = status(clocked.dispatch(new Request(`${MSW_BASE}/items`)));
    // By the time it is answered a second's tokens are back; when it arrived they were not.
    now = 5000;
    expect(await second).toBe(429);
  });

  it('leaves a hung request unanswered until the client times out', async () => {
    injector.setFaults([{ endpoint: 'slow', knobs: { hangRate: 1 } }]);
    await expect(fetch(`${loopback.url}/slow`, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    await expect(fetch(`${MSW_BASE}/slow`, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    expect((await fetch(`${loopback.url}/fast`)).status).toBe(200);
  });

  it('drops the connection, cuts JSON short, and fails with 5xx when told to', async () => {
    injector.setFaults([
      { endpoint: 'drop', knobs: { dropRate: 1 } },
      { endpoint: 'cut', knobs: { malformedRate: 1 } },
      { endpoint: 'err', knobs: { errorRate: 1, errorStatuses: [502], times: 1 } },
    ]);
    await expect(fetch(`${loopback.url}/drop`)).rejects.toThrow();
    await expect(fetch(`${MSW_BASE}/drop`)).rejects.toThrow();
    await expect((await fetch(`${loopback.url}/cut`)).json()).rejects.toThrow();
    expect((await fetch(`${loopback.url}/err`)).status).toBe(502);
    expect((await fetch(`${loopback.url}/err`)).status).toBe(200);
    expect(injector.calls.faults).toBe(4);
  });

  it('starts a fault mid-run after the requests it lets through', async () => {
    injector.setFaults([
      { endpoint: 'auth', knobs: { errorRate: 1, errorStatuses: [401], afterRequests: 2 } },
    ]);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${loopback.url}/auth`)).status);
    expect(statuses).toEqual([200, 200, 401, 401]);
  });

  it('answers with records that break the schema, and counts only the answers it changed', async () => {
    injector.setFaults([
      {
        knobs: {
          corrupt: (body) => {
            const record = body as { path?: unknown };
            if (record.path !== '/bad') return false;
            record.path = 42;
            return true;
          },
        },
      },
    ]);
    expect(await (await fetch(`${loopback.url}/bad`)).json()).toMatchObject({ path: 42 });
    expect(await (await fetch(`${MSW_BASE}/good`)).json()).toMatchObject({ path: '/good' });
    expect(injector.calls.faults).toBe(1);
  });

  it('tells an observer of each request as it arrives', async () => {
    const seen: string[] = [];
    injector.onRequest = (call) => seen.push(`${call.total} ${call.method} ${call.endpoint}`);
    await fetch(`${loopback.url}/one`);
    await fetch(`${loopback.url}/two`, { method: 'PUT', body: '{}' });
    injector.onRequest = undefined;
    expect(seen).toEqual(['1 GET one', '2 PUT two']);
  });
});
