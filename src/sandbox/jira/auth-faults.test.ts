import { describe, expect, it } from 'vitest';
import {
  ANONYMOUS,
  DEFAULT_BOT,
  basicAuth,
  call,
  createFakeJira,
  createFakeJiraInjector,
  manualClock,
  seedTickets,
} from './index.js';

const AUTH_TEXT = 'Client must be authenticated to access this resource.';

describe('authentication on Cloud', () => {
  it('serves anonymous searches with no issues but refuses anonymous myself and edits with the plain-text 401', async () => {
    const { service, state } = createFakeJira({ flavour: 'cloud' });
    state.load([], seedTickets('OPS', 3));
    const searched = await call(service, 'GET', '/rest/api/3/search/jql?jql=project%3DOPS', {
      headers: ANONYMOUS,
    });
    expect(searched.status).toBe(200);
    expect(searched.body).toEqual({ issues: [], isLast: true });
    for (const [method, path] of [
      ['GET', '/rest/api/3/myself'],
      ['PUT', '/rest/api/3/issue/OPS-1'],
    ] as const) {
      const res = await call(service, method, path, {
        headers: ANONYMOUS,
        body: method === 'PUT' ? { fields: {} } : undefined,
      });
      expect(res.status).toBe(401);
      expect(res.text).toBe(AUTH_TEXT);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    }
  });

  it('answers a wrong token with 401 and no data', async () => {
    const { service } = createFakeJira({ flavour: 'cloud' });
    const res = await call(service, 'GET', '/rest/api/3/search/jql?jql=project%3DOPS', {
      headers: { authorization: basicAuth('bot@acme.example', 'wrong') },
    });
    expect(res.status).toBe(401);
    expect(res.text).toBe(AUTH_TEXT);
  });

  it('accepts OAuth and scoped tokens only through the gateway with the right cloudId', async () => {
    const { service } = createFakeJira({ flavour: 'cloud', cloudId: 'c-1' });
    const oauth = { authorization: `Bearer ${DEFAULT_BOT.oauthToken ?? ''}` };
    const scoped = { authorization: basicAuth(DEFAULT_BOT.email ?? '', DEFAULT_BOT.scopedApiToken ?? '') };
    expect((await call(service, 'GET', '/rest/api/3/myself', { headers: oauth })).status).toBe(401);
    expect((await call(service, 'GET', '/rest/api/3/myself', { headers: scoped })).status).toBe(401);
    const gateway = 'https://api.atlassian.com';
    const viaGateway = await call(service, 'GET', '/ex/jira/c-1/rest/api/3/myself', {
      headers: oauth,
      base: gateway,
    });
    expect(viaGateway.status).toBe(200);
    expect(viaGateway.body.self).toMatch(/^https:\/\/api\.atlassian\.com\/ex\/jira\/c-1\/rest\/api\/3\/user/);
    expect(
      (await call(service, 'GET', '/ex/jira/c-1/rest/api/3/myself', { headers: scoped, base: gateway }))
        .status,
    ).toBe(200);
    expect(
      (await call(service, 'GET', '/ex/jira/other/rest/api/3/myself', { headers: oauth, base: gateway }))
        .status,
    ).toBe(404);
    const tenant = await call(service, 'GET', '/_edge/tenant_info', { headers: ANONYMOUS });
    expect(tenant.body).toEqual({ cloudId: 'c-1' });
  });

  it('answers an unknown path with the REST platform 404', async () => {
    const { service } = createFakeJira({ flavour: 'cloud' });
    const res = await call(service, 'GET', '/rest/api/3/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      message: 'null for uri: https://acme.atlassian.net/rest/api/3/nothing-here',
      'status-code': 404,
    });
  });
});

describe('faults through the FaultInjector', () => {
  it('sends 429 with Retry-After, X-RateLimit-* and RateLimit-Reason once the rate is exceeded', async () => {
    const clock = manualClock(Date.UTC(2026, 10, 20, 10, 14, 30));
    const { injector, state } = createFakeJiraInjector({ flavour: 'cloud', now: clock.now });
    state.load([], seedTickets('OPS', 1));
    injector.setFaults([{ endpoint: 'search', knobs: { ratePerSecond: 1, retryAfterSeconds: 2 } }]);
    const request = () =>
      new Request('https://acme.atlassian.net/rest/api/3/search/jql?jql=project%3DOPS', {
        headers: { authorization: basicAuth('bot@acme.example', 'bot-token') },
      });
    const ok = await injector.dispatch(request());
    const limited = await injector.dispatch(request());
    expect(ok.type === 'respond' && ok.response.status).toBe(200);
    if (limited.type !== 'respond') throw new Error('expected an answer');
    const h = limited.response.headers;
    expect(limited.response.status).toBe(429);
    expect(h.get('retry-after')).toBe('2');
    expect(h.get('x-ratelimit-limit')).toBe('1');
    expect(h.get('x-ratelimit-remaining')).toBe('0');
    expect(h.get('x-ratelimit-reset')).toBe('2026-11-20T10:15Z');
    expect(h.get('ratelimit-reason')).toBe('jira-burst-based');
    expect(await limited.response.json()).toEqual({ errorMessages: ['Rate limit exceeded.'], errors: {} });
    expect(injector.count('search')).toBe(2);
  });

  it('answers injected server errors with an ErrorCollection', async () => {
    const { injector } = createFakeJiraInjector({ flavour: 'cloud' });
    injector.setFaults([{ knobs: { errorRate: 1, errorStatuses: [503] } }]);
    const outcome = await injector.dispatch(new Request('https://acme.atlassian.net/rest/api/3/serverInfo'));
    if (outcome.type !== 'respond') throw new Error('expected an answer');
    expect(outcome.response.status).toBe(503);
    expect(await outcome.response.json()).toEqual({ errorMessages: ['Service Unavailable'], errors: {} });
  });

  it('adds informational beta rate-limit headers to successful answers when asked', async () => {
    const { service } = createFakeJira({ flavour: 'cloud', betaRateLimitHeaders: true });
    const res = await call(service, 'GET', '/rest/api/3/serverInfo');
    expect(res.status).toBe(200);
    expect(res.headers.get('beta-retry-after')).toBe('1');
    expect(res.headers.get('retry-after')).toBeNull();
  });
});
