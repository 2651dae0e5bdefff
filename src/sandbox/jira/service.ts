/**
 * The fake Jira as a FakeService: locate the route, authenticate, build the request context, answer.
 * Faults (429, 5xx, hangs, drops, malformed bodies) come from the shared FaultInjector, which asks this
 * service for Jira's own 429 and 5xx answers.
 */
import type { FakeService } from '../http/fake-service.js';
import { FaultInjector } from '../http/faults.js';
import { authenticate } from './auth.js';
import type { RequestContext } from './context.js';
import { rateLimitedResponse, withBetaRateLimitHeaders } from './limits.js';
import { routes, type Route } from './router.js';
import { SearchEngine } from './search.js';
import { JiraState } from './state.js';
import type { FakeJiraOptions } from './types.js';
import { errorCollection, methodNotAllowed, unauthenticated, unknownResource } from './wire.js';

export interface FakeJira {
  service: FakeService;
  state: JiraState;
}

type Resolved =
  | { kind: 'route'; route: Route; params: string[]; base: string; viaGateway: boolean; path: string }
  | { kind: 'unknown' }
  | { kind: 'method' };

const SERVER_ERRORS: Record<number, string> = {
  500: 'Internal server error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Creates a fake Jira Cloud (REST v3) or Data Center (REST v2) with its state. */
export function createFakeJira(options: FakeJiraOptions): FakeJira {
  const state = new JiraState(options);
  const table = routes(new SearchEngine(state));

  const resolve = (request: Request): Resolved => {
    const url = new URL(request.url);
    const at = url.pathname.search(/\/(rest|_edge)\//);
    if (at < 0) return { kind: 'unknown' };
    const prefix = url.pathname.slice(0, at);
    const path = url.pathname.slice(at);
    let viaGateway = false;
    if (state.options.flavour === 'cloud' && prefix !== '') {
      // §5.4: the gateway path carries the site's cloudId; anything else is not a Jira resource.
      if (prefix !== `/ex/jira/${state.options.cloudId}`) return { kind: 'unknown' };
      viaGateway = true;
    }
    // Data Center has no REST v3 (§1.5, §8).
    if (state.options.flavour === 'datacenter' && path.startsWith('/rest/api/3/')) return { kind: 'unknown' };
    const onPath = table.filter((r) => r.flavours.includes(state.options.flavour) && r.path.test(path));
    if (onPath.length === 0) return { kind: 'unknown' };
    const route = onPath.find((r) => r.method === request.method);
    if (!route) return { kind: 'method' };
    const params = (route.path.exec(path) ?? []).slice(1).map((p) => decodeURIComponent(p));
    return { kind: 'route', route, params, base: `${url.origin}${prefix}`, viaGateway, path };
  };

  const service: FakeService = {
    name: 'jira',

    async handle(request) {
      state.settle();
      const resolved = resolve(request);
      if (resolved.kind === 'unknown') return unknownResource(request.url);
      if (resolved.kind === 'method') return methodNotAllowed();
      const caller = authenticate(state, request, resolved.viaGateway);
      if (caller.kind === 'rejected') return unauthenticated();
      if (caller.kind === 'anonymous' && !resolved.route.anonymous) return unauthenticated();
      const account = caller.kind === 'account' ? caller.account : null;
      const ctx: RequestContext = {
        request,
        url: new URL(request.url),
        base: resolved.base,
        apiVersion: resolved.path.startsWith('/rest/api/3/') ? '3' : '2',
        state,
        account,
        timeZone: account?.timeZone ?? state.options.siteTimeZone,
        params: resolved.params,
      };
      let response: Response;
      try {
        response = await resolved.route.handle(ctx);
      } catch (error) {
        // A bug in the fake, not an answer Jira would give: make it loud.
        response = errorCollection(500, [
          `fake Jira failed: ${error instanceof Error ? error.stack : String(error)}`,
        ]);
      }
      return state.options.betaRateLimitHeaders && response.ok
        ? withBetaRateLimitHeaders(response, state.now())
        : response;
    },

    endpointOf(request) {
      const resolved = resolve(request);
      return resolved.kind === 'route' ? resolved.route.endpoint : 'unknown';
    },

    rateLimited(retryAfterSeconds, limitPerSecond) {
      return rateLimitedResponse(state.options.flavour, state.now(), retryAfterSeconds, limitPerSecond);
    },

    /** §3.2: Jira's errors are ErrorCollections on every endpoint. */
    serverError(status) {
      return errorCollection(status, [SERVER_ERRORS[status] ?? 'Internal server error']);
    },
  };
  return { service, state };
}

/** A fake Jira already wrapped in a FaultInjector, ready for `mswHandlers` or `startLoopbackServer`. */
export function createFakeJiraInjector(
  options: FakeJiraOptions,
  injectorOptions: { seed?: number; now?: () => number } = {},
): FakeJira & { injector: FaultInjector } {
  const fake = createFakeJira(options);
  return { ...fake, injector: new FaultInjector(fake.service, injectorOptions) };
}
