import type { FakeService, Outcome } from './fake-service.js';

/** Fault knobs. Every share is 0 … 1 and drawn from a seeded PRNG, so a fault run is repeatable. */
export interface FaultKnobs {
  /** Added to every answer. */
  latencyMs?: number;
  /**
   * Requests a second, with a burst of one second's worth (a token bucket); above it, answer 429
   * with Retry-After.
   */
  ratePerSecond?: number;
  /** Seconds the 429 asks the client to wait (default 1). */
  retryAfterSeconds?: number;
  /**
   * Share of requests answered with an error from `errorStatuses` (default [500, 502, 503]) in the
   * service's own error envelope; 401 or 403 there stand for a credential or permission revoked mid-run.
   */
  errorRate?: number;
  errorStatuses?: number[];
  /** Share of requests never answered. */
  hangRate?: number;
  /** Share of requests whose connection is dropped. */
  dropRate?: number;
  /** Share of successful JSON answers whose body is cut short (malformed JSON). */
  malformedRate?: number;
  /**
   * Mutates the parsed body of successful JSON answers in place (records that break the schema);
   * returns whether it changed anything, so untouched answers are not counted as faults.
   */
  corrupt?: (body: unknown, endpoint: string) => boolean;
  /** Answer only the next N matching requests with faults, then behave (for bursts). Unlimited if absent. */
  times?: number;
  /** Let this many matching requests through untouched first (a fault that starts mid-run). */
  afterRequests?: number;
}

/** One request as it arrives, before it is answered (for tests that act at a point of a run). */
export interface ArrivingCall {
  endpoint: string;
  method: string;
  /** Calls so far, this one included. */
  total: number;
}

export interface FaultRule {
  /** Endpoint class (as `FakeService.endpointOf` names it) or a test on it; all endpoints if absent. */
  endpoint?: string | ((endpoint: string) => boolean);
  /** Only this HTTP method; all if absent. */
  method?: string;
  knobs: FaultKnobs;
}

/** Counts per endpoint class and status, for tests and benchmarks. */
export interface CallLog {
  total: number;
  byEndpoint: Map<string, number>;
  byStatus: Map<number, number>;
  /** Requests answered with a fault (429, injected 5xx, hang, drop, malformed). */
  faults: number;
}

/** Small, fast, seeded PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Puts fault rules and call counting in front of a fake service. Rules are evaluated in order;
 * the first rule whose endpoint and method match decides the knobs for a request.
 */
export class FaultInjector {
  readonly calls: CallLog = { total: 0, byEndpoint: new Map(), byStatus: new Map(), faults: 0 };
  /** Told of every request as it arrives, before the fault rules or the service see it. */
  onRequest: ((call: ArrivingCall) => void) | undefined;
  private rules: { rule: FaultRule; used: number; seen: number }[] = [];
  private random: () => number;
  /** The rate limit's token bucket, filled on first use. */
  private bucket: { tokens: number; at: number } | undefined;

  constructor(
    readonly service: FakeService,
    options: { seed?: number; now?: () => number } = {},
  ) {
    this.random = seededRandom(options.seed ?? 1);
    this.now = options.now ?? (() => performance.now());
  }

  private readonly now: () => number;

  /** Replaces all fault rules (an empty list turns faults off). */
  setFaults(rules: FaultRule[], seed?: number): void {
    this.rules = rules.map((rule) => ({ rule, used: 0, seen: 0 }));
    this.bucket = undefined;
    if (seed !== undefined) this.random = seededRandom(seed);
  }

  resetCalls(): void {
    this.calls.total = 0;
    this.calls.faults = 0;
    this.calls.byEndpoint.clear();
    this.calls.byStatus.clear();
  }

  /** Number of calls to one endpoint class. */
  count(endpoint: string): number {
    return this.calls.byEndpoint.get(endpoint) ?? 0;
  }

  async dispatch(request: Request): Promise<Outcome> {
    const endpoint = this.service.endpointOf(request);
    this.calls.total++;
    this.calls.byEndpoint.set(endpoint, (this.calls.byEndpoint.get(endpoint) ?? 0) + 1);
    this.onRequest?.({ endpoint, method: request.method, total: this.calls.total });
    const match = this.rules.find(({ rule }) => ruleMatches(rule, endpoint, request.method));
    if (match) match.seen++;
    const knobs =
      match &&
      match.seen > (match.rule.knobs.afterRequests ?? 0) &&
      (match.rule.knobs.times === undefined || match.used < match.rule.knobs.times)
        ? match.rule.knobs
        : undefined;
    // A service's limiter counts a request when it arrives, before the time it takes to answer.
    const overRate = knobs?.ratePerSecond !== undefined && this.overRate(knobs.ratePerSecond);
    if (knobs?.latencyMs) await sleep(knobs.latencyMs);
    const outcome = knobs ? this.fault(knobs, overRate) : undefined;
    if (outcome) {
      if (match) match.used++;
      this.calls.faults++;
      if (outcome.type === 'respond') this.countStatus(outcome.response.status);
      return outcome;
    }
    let response = await this.service.handle(request);
    if (knobs?.malformedRate && this.random() < knobs.malformedRate && isJson(response) && response.ok) {
      if (match) match.used++;
      this.calls.faults++;
      response = await truncated(response);
    } else if (knobs?.corrupt && isJson(response) && response.ok) {
      const corrupted = await corruptedBy(response, (body) => knobs.corrupt?.(body, endpoint) ?? false);
      if (corrupted) {
        if (match) match.used++;
        this.calls.faults++;
        response = corrupted;
      }
    }
    this.countStatus(response.status);
    return { type: 'respond', response };
  }

  private fault(knobs: FaultKnobs, overRate: boolean): Outcome | undefined {
    if (overRate) {
      return {
        type: 'respond',
        response: this.service.rateLimited(knobs.retryAfterSeconds ?? 1, knobs.ratePerSecond ?? 0),
      };
    }
    if (knobs.hangRate && this.random() < knobs.hangRate) return { type: 'hang' };
    if (knobs.dropRate && this.random() < knobs.dropRate) return { type: 'drop' };
    if (knobs.errorRate && this.random() < knobs.errorRate) {
      const statuses = knobs.errorStatuses ?? [500, 502, 503];
      const status = statuses[Math.floor(this.random() * statuses.length)] ?? 503;
      return { type: 'respond', response: this.service.serverError(status) };
    }
    return undefined;
  }

  /**
   * A token bucket per service (all endpoints share it, as real limits do) holding one second's
   * requests and refilled at the rate: the model Jira Data Center documents (api-facts §5.4: a bucket
   * with a fill rate). A client that keeps to the rate by its own clock gets through although the
   * fake, busy rendering a page of 1,000 records, stamps some of its requests late and then several
   * at once, which a strict one-second window refused; a client above the rate for longer than a
   * second's burst is refused.
   */
  private overRate(perSecond: number): boolean {
    const now = this.now();
    const bucket = (this.bucket ??= { tokens: perSecond, at: now });
    bucket.tokens = Math.min(perSecond, bucket.tokens + ((now - bucket.at) * perSecond) / 1000);
    bucket.at = now;
    if (bucket.tokens < 1) return true;
    bucket.tokens -= 1;
    return false;
  }

  private countStatus(status: number): void {
    this.calls.byStatus.set(status, (this.calls.byStatus.get(status) ?? 0) + 1);
  }
}

function ruleMatches(rule: FaultRule, endpoint: string, method: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  if (rule.endpoint === undefined) return true;
  return typeof rule.endpoint === 'string' ? rule.endpoint === endpoint : rule.endpoint(endpoint);
}

const isJson = (r: Response): boolean => (r.headers.get('content-type') ?? '').includes('json');

async function truncated(response: Response): Promise<Response> {
  const body = await response.text();
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(body.slice(0, Math.max(1, Math.floor(body.length / 2))), {
    status: response.status,
    headers,
  });
}

/** The answer with its JSON body mutated, or undefined when the mutation changed nothing. */
async function corruptedBy(
  response: Response,
  mutate: (body: unknown) => boolean,
): Promise<Response | undefined> {
  const text = await response.clone().text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!mutate(body)) return undefined;
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(body), { status: response.status, headers });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
