import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { http, HttpResponse, delay } from 'msw';
import { silentLogger } from '../../core/log.js';
import { isBearingError } from '../../core/errors.js';
import { createExecutor, createHttpClient, type CallRecord } from './index.js';
import { createLane } from '../../core/lane.js';
import { backoffDelay, decideRetry } from '../../core/retry.js';
import { BearingError } from '../../core/errors.js';

const BASE = 'http://upstream.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function client(calls: CallRecord[] = [], timeoutMs = 2000) {
  const executor = createExecutor({
    system: 'servicenow',
    lane: createLane({ perSecond: 100, concurrency: 4 }),
    log: silentLogger(),
    timeoutMs,
    retry: { retries: 3, rateLimitRetries: 3, baseDelayMs: 5, maxDelayMs: 20 },
    onCall: (c) => calls.push(c),
  });
  return createHttpClient({
    system: 'servicenow',
    baseUrl: BASE,
    auth: { type: 'basic', username: 'bearing', password: 's3cret-pass' },
    executor,
    hint: (status) => (status === 401 ? 'check servicenow.auth' : undefined),
  });
}

describe('the shared HTTP layer', () => {
  it('retries a 503 and then returns the answer', async () => {
    let n = 0;
    server.use(
      http.get(`${BASE}/x`, () =>
        ++n < 3 ? HttpResponse.json({ error: 'busy' }, { status: 503 }) : HttpResponse.json({ ok: true }),
      ),
    );
    const calls: CallRecord[] = [];
    const res = await client(calls).request<{ ok: boolean }>({ endpoint: 'x', method: 'GET', path: '/x' });
    expect(res.data).toEqual({ ok: true });
    expect(calls.map((c) => c.status)).toEqual([503, 503, 200]);
  });

  it('gives up on a 404 at once, with a message naming method, URL and status', async () => {
    server.use(
      http.get(`${BASE}/missing`, () =>
        HttpResponse.json({ error: { message: 'No Record found' } }, { status: 404 }),
      ),
    );
    const calls: CallRecord[] = [];
    const error = await client(calls)
      .request({ endpoint: 'x', method: 'GET', path: '/missing' })
      .catch((e: unknown) => e);
    expect(isBearingError(error) && error.kind).toBe('notFound');
    expect((error as Error).message).toContain(
      'GET http://upstream.test/missing answered 404: {"error":{"message":"No Record found"}}',
    );
    expect(calls).toHaveLength(1);
  });

  it('stops on a 401 with the hint and never puts the credentials in the message', async () => {
    server.use(
      http.get(`${BASE}/secret`, () =>
        HttpResponse.json({ error: { message: 'User Not Authenticated' } }, { status: 401 }),
      ),
    );
    const error = (await client()
      .request({ endpoint: 'x', method: 'GET', path: '/secret' })
      .catch((e: unknown) => e)) as BearingError;
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('check servicenow.auth');
    expect(JSON.stringify({ m: error.message, d: error.details })).not.toMatch(
      /s3cret|YmVhcmluZzpzM2NyZXQtcGFzcw/,
    );
  });

  it('waits out a 429 for the time Retry-After names, then succeeds', async () => {
    let n = 0;
    server.use(
      http.get(`${BASE}/limited`, () =>
        ++n === 1
          ? new HttpResponse(null, { status: 429, headers: { 'Retry-After': '1' } })
          : HttpResponse.json({ ok: 1 }),
      ),
    );
    const started = Date.now();
    const res = await client().request({ endpoint: 'x', method: 'GET', path: '/limited' });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('retries a hung request after its timeout and a body cut off mid-JSON', async () => {
    let n = 0;
    server.use(
      http.get(`${BASE}/flaky`, async () => {
        n++;
        if (n === 1) await delay('infinite');
        if (n === 2)
          return new HttpResponse('{"result": [', { headers: { 'content-type': 'application/json' } });
        return HttpResponse.json({ result: [] });
      }),
    );
    const res = await client([], 200).request({ endpoint: 'x', method: 'GET', path: '/flaky' });
    expect(res.data).toEqual({ result: [] });
    expect(n).toBe(3);
  });

  it('does not send a write again when its answer came too late: it may have landed', async () => {
    let n = 0;
    server.use(
      http.patch(`${BASE}/api/now/table/incident/1`, async () => {
        n++;
        await delay(400);
        return HttpResponse.json({ result: {} });
      }),
    );
    const error = await client([], 100)
      .request({ endpoint: 'x', method: 'PATCH', path: '/api/now/table/incident/1', data: { a: 1 } })
      .catch((e: unknown) => e);
    expect(n).toBe(1);
    expect((error as BearingError).details?.outcomeUnknown).toBe(true);
    expect((error as Error).message).toMatch(
      /timed out — it may have landed all the same, so it was not sent again$/,
    );
  });

  it('does not send a PUT again after a dropped connection or a 5xx, but does after a 429', async () => {
    let n = 0;
    server.use(
      http.put(`${BASE}/issue/1`, () => {
        n++;
        if (n === 1) return new HttpResponse(null, { status: 429, headers: { 'Retry-After': '0' } });
        return HttpResponse.error();
      }),
      http.put(`${BASE}/issue/2`, () => HttpResponse.json({}, { status: 500 })),
    );
    const calls: CallRecord[] = [];
    const dropped = await client(calls)
      .request({ endpoint: 'x', method: 'PUT', path: '/issue/1', data: {} })
      .catch((e: unknown) => e);
    const failed = await client(calls)
      .request({ endpoint: 'x', method: 'PUT', path: '/issue/2', data: {} })
      .catch((e: unknown) => e);
    expect(calls.map((c) => c.status)).toEqual([429, 0, 500]);
    expect([dropped, failed].map((e) => (e as BearingError).details?.outcomeUnknown)).toEqual([true, true]);
  });

  it('does not repeat a POST that failed with a 5xx unless told it is safe', async () => {
    let n = 0;
    server.use(http.post(`${BASE}/create`, () => (n++, HttpResponse.json({}, { status: 502 }))));
    await expect(
      client().request({ endpoint: 'x', method: 'POST', path: '/create', data: {} }),
    ).rejects.toThrow(/502/);
    expect(n).toBe(1);
  });
});

describe('the retry policy', () => {
  const policy = { retries: 2, rateLimitRetries: 1, baseDelayMs: 100, maxDelayMs: 1000 };
  it('backs off exponentially within the ceiling', () => {
    expect(backoffDelay(0, policy, () => 1)).toBe(100);
    expect(backoffDelay(3, policy, () => 1)).toBe(800);
    expect(backoffDelay(10, policy, () => 1)).toBe(1000);
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
  });
  it('never retries auth, not-found or invalid data, and stops after the budget', () => {
    const opts = { safeToRepeat: true, random: () => 0 };
    for (const kind of ['auth', 'notFound', 'invalidData'] as const) {
      expect(
        decideRetry(new BearingError(kind, 'x'), { transient: 0, rateLimited: 0 }, policy, opts).retry,
      ).toBe(false);
    }
    expect(
      decideRetry(new BearingError('transient', 'x'), { transient: 2, rateLimited: 0 }, policy, opts).retry,
    ).toBe(false);
    expect(
      decideRetry(
        new BearingError('rateLimited', 'x', { retryAfterMs: 700 }),
        { transient: 0, rateLimited: 0 },
        policy,
        opts,
      ),
    ).toEqual({ retry: true, delayMs: 700 });
  });
});

describe('error pages that are not JSON', () => {
  it('keep their status, so a 401 HTML page is an auth error and is not retried', async () => {
    let n = 0;
    server.use(
      http.get(
        `${BASE}/html`,
        () => (
          n++,
          new HttpResponse('<html>Login</html>', { status: 401, headers: { 'content-type': 'text/html' } })
        ),
      ),
    );
    const error = (await client()
      .request({ endpoint: 'x', method: 'GET', path: '/html' })
      .catch((e: unknown) => e)) as BearingError;
    expect(error.kind).toBe('auth');
    expect(n).toBe(1);
  });
});
