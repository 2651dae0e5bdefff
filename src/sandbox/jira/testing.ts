/**
 * Helpers for tests that talk to the fake directly (without msw or a server): credentials of the default
 * bot, a one-call request helper and a manual clock.
 */
import type { FakeService } from '../http/index.js';
import { DEFAULT_BOT } from './state.js';

export const CLOUD_BASE = 'https://acme.atlassian.net';
export const DC_BASE = 'https://jira.acme.example';

export const basicAuth = (user: string, secret: string): string =>
  `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;

/** Authorization header of the default bot (Cloud Basic email:token). */
export const BOT_AUTH = { authorization: basicAuth(DEFAULT_BOT.email ?? '', DEFAULT_BOT.apiToken ?? '') };
/** Authorization header of the default bot on Data Center (Bearer PAT). */
export const DC_BOT_AUTH = { authorization: `Bearer ${DEFAULT_BOT.pat ?? ''}` };

/** No credentials: `call(service, 'GET', path, { headers: ANONYMOUS })`. */
export const ANONYMOUS = { authorization: '' };

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body (undefined when the body is empty or not JSON). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary answer shapes
  body: any;
}

/** Sends one request straight to a fake service. */
export async function call(
  service: FakeService,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; base?: string } = {},
): Promise<CallResult> {
  const init: RequestInit = { method, headers: { ...BOT_AUTH, ...options.headers } };
  if (options.body !== undefined) {
    init.body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const response = await service.handle(new Request(`${options.base ?? CLOUD_BASE}${path}`, init));
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

/** A clock tests move by hand. */
export function manualClock(start: number): {
  now: () => number;
  advance: (ms: number) => void;
  set: (ms: number) => void;
} {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
    set: (ms) => {
      t = ms;
    },
  };
}
