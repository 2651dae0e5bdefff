import axios, { isAxiosError, type AxiosInstance, type AxiosResponse, type Method } from 'axios';
import { Agent as HttpsAgent } from 'node:https';
import { errorFromResponse } from '../../core/http-errors.js';
import type { Executor } from './executor.js';

export type HttpAuth =
  | { type: 'basic'; username: string; password: string }
  | { type: 'bearer'; token: string }
  | { type: 'none' };

export interface HttpClientOptions {
  system: string;
  baseUrl: string;
  auth: HttpAuth;
  executor: Executor;
  /** TLS certificate verification; on unless an admin turns it off explicitly. */
  rejectUnauthorized?: boolean;
  /** Adds a system-specific explanation to an HTTP error (401: credentials; 403: role). */
  hint?: (status: number, method: string, path: string) => string | undefined;
  now?: () => number;
}

export interface HttpRequest {
  endpoint: string;
  method: Method;
  /** Path relative to the base URL (`/api/now/table/incident`). */
  path: string;
  params?: Record<string, string | number | boolean | undefined>;
  data?: unknown;
  headers?: Record<string, string>;
  safeToRepeat?: boolean;
}

export interface HttpResponse<T> {
  status: number;
  data: T;
  header(name: string): string | undefined;
}

export interface HttpClient {
  request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>>;
}

/**
 * A small axios client for plain REST calls (ServiceNow, Jira Data Center): auth, JSON, strict
 * JSON parsing (a cut-off body is a transient failure, not a string), errors mapped to
 * BearingError, and every call through the executor (lane, timeout, retry, call counts).
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const instance: AxiosInstance = axios.create({
    baseURL: options.baseUrl.replace(/\/+$/, ''),
    headers: { Accept: 'application/json', ...authHeader(options.auth) },
    // Status handling is ours: every status resolves, errors are mapped below.
    validateStatus: () => true,
    responseType: 'json',
    transitional: { silentJSONParsing: false, forcedJSONParsing: true, clarifyTimeoutError: true },
    httpsAgent: new HttpsAgent({ rejectUnauthorized: options.rejectUnauthorized ?? true, keepAlive: true }),
    maxRedirects: 0,
  });
  const now = options.now ?? Date.now;
  return {
    request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
      const url = `${instance.defaults.baseURL}${req.path}`;
      return options.executor.call({
        endpoint: req.endpoint,
        method: req.method,
        url,
        safeToRepeat: req.safeToRepeat,
        attempt: async (signal) => {
          let response: AxiosResponse;
          try {
            response = await instance.request({
              method: req.method,
              url: req.path,
              params: req.params,
              data: req.data,
              headers: req.headers,
              signal,
            });
          } catch (error) {
            // A body that is not JSON: an error page (HTML from a proxy) keeps its status; a cut-off
            // success body is a transport failure and is retried.
            if (isAxiosError(error) && error.response && error.response.status >= 400)
              response = error.response;
            else throw error;
          }
          const header = (name: string): string | undefined => {
            const value: unknown = response.headers[name.toLowerCase()];
            return value === undefined || value === null ? undefined : String(value);
          };
          if (response.status >= 400) {
            throw errorFromResponse({
              system: options.system,
              method: req.method,
              url,
              status: response.status,
              body: response.data,
              header,
              nowMs: now(),
              hint: options.hint?.(response.status, req.method, req.path),
            });
          }
          return {
            status: response.status,
            value: { status: response.status, data: response.data as T, header },
          };
        },
      });
    },
  };
}

function authHeader(auth: HttpAuth): Record<string, string> {
  if (auth.type === 'basic') {
    return { Authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` };
  }
  if (auth.type === 'bearer') return { Authorization: `Bearer ${auth.token}` };
  return {};
}
