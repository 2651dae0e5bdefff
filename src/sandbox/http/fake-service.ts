/**
 * A fake upstream service as a pure Fetch-API handler, so one implementation serves three uses:
 * msw handlers (unit and integration tests), a real HTTP server on loopback (end-to-end tests,
 * demo, benchmarks) and inspectable state (what was written, how many calls of each kind).
 */
export interface FakeService {
  /** `jira` or `servicenow`; used in logs and call counts. */
  readonly name: string;
  /** Answers one request. Must not throw for bad input: answer as the real service would. */
  handle(request: Request): Promise<Response>;
  /** Groups a request into an endpoint class for call counts and per-endpoint fault rules (`search`, `table:incident`). */
  endpointOf(request: Request): string;
  /** The service's own 429 answer (headers and body as the real one sends). */
  rateLimited(retryAfterSeconds: number, limitPerSecond: number): Response;
  /** The service's own 5xx answer. */
  serverError(status: number): Response;
}

/** What the transport must do with a request. */
export type Outcome =
  | { type: 'respond'; response: Response }
  /** Never answer (the client's timeout must fire). */
  | { type: 'hang' }
  /** Close the connection without an answer. */
  | { type: 'drop' };
