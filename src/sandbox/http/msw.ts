import { http, HttpResponse, delay, type HttpHandler } from 'msw';
import type { FaultInjector } from './faults.js';

/**
 * msw handlers that answer every request under `baseUrl` from the fake (through its fault
 * injector). A hang never resolves, so only the client's timeout ends it; a drop is a network error.
 */
export function mswHandlers(injector: FaultInjector, baseUrl: string): HttpHandler[] {
  const origin = baseUrl.replace(/\/+$/, '');
  return [
    http.all(`${origin}/*`, async ({ request }) => {
      const outcome = await injector.dispatch(request);
      if (outcome.type === 'hang') {
        await delay('infinite');
        return HttpResponse.error();
      }
      if (outcome.type === 'drop') return HttpResponse.error();
      return outcome.response;
    }),
  ];
}

/**
 * `onUnhandledRequest` for msw servers in tests: any request that no handler answers is an error,
 * except requests to loopback, which belong to real servers started in the same test.
 */
export function unhandledRequestPolicy(request: Request, print: { error(): void }): void {
  const { hostname } = new URL(request.url);
  if (hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]') return;
  print.error();
}
