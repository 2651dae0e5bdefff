/**
 * The Jira connector: wires the wire client (Cloud via jira.js, Data Center via axios), the puller, field
 * setup and the writer behind the Connector port. One rate lane for everything bearing sends to Jira.
 */
import { BearingError } from '../../core/errors.js';
import { systemClock } from '../../core/time.js';
import type { Connector } from '../connector.js';
import { createExecutor, type HttpAuth } from '../http/index.js';
import { createLane } from '../../core/lane.js';
import { setUpFields, writableFieldIds, type BearingField } from './fields.js';
import { checkScopeJql } from './jql.js';
import {
  DEFAULT_BULK_POLLING,
  DEFAULT_BULK_TASKS_IN_FLIGHT,
  DEFAULT_OVERLAP_MS,
  type JiraAuthOptions,
  type JiraConnectorOptions,
} from './options.js';
import { pullScope } from './puller.js';
import { findScopes } from './scopes.js';
import { listScopeIds } from './sweep.js';
import { loadSession, type Session } from './session.js';
import { createCloudWire } from './wire/cloud.js';
import { createDataCenterWire } from './wire/datacenter.js';
import type { AnyWire, Deployment } from './wire/types.js';
import { createWriter } from './writer.js';

function httpAuth(auth: JiraAuthOptions): HttpAuth {
  if ('pat' in auth) return { type: 'bearer', token: auth.pat };
  if ('bearer' in auth) return { type: 'bearer', token: auth.bearer };
  return { type: 'basic', username: auth.email, password: auth.token };
}

/** Builds a Jira connector. Throws a config error for JQL bearing cannot scope (ORDER BY, unbalanced). */
export function createJiraConnector(options: JiraConnectorOptions): Connector {
  const jql = checkScopeJql(options.jql);
  const clock = options.clock ?? systemClock;
  const log = options.log.child({ system: 'jira' });
  const executor = createExecutor({
    system: 'jira',
    lane: createLane(options.rateLimit),
    log,
    timeoutMs: options.timeoutMs,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.onCall ? { onCall: options.onCall } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const dataCenterWire = (hintFor: Deployment | 'unknown'): AnyWire =>
    createDataCenterWire({
      url: options.url,
      auth: httpAuth(options.auth),
      executor,
      clock,
      rejectUnauthorized: options.rejectUnauthorized,
      hintFor,
    });

  const build = async (): Promise<AnyWire> => {
    let deployment: Deployment | undefined = options.deployment;
    if (deployment === undefined) {
      // serverInfo answers on /rest/api/2 in both deployments (§8: detect the flavour from it).
      const info = await dataCenterWire('unknown').serverInfo();
      deployment = info.deploymentType === 'Cloud' ? 'cloud' : 'datacenter';
    }
    if (deployment === 'datacenter') return dataCenterWire('datacenter');
    const auth = options.auth;
    if ('pat' in auth) {
      throw new BearingError(
        'config',
        'jira.auth: personal access tokens are a Data Center feature; Jira Cloud takes { email, token } or { bearer }',
      );
    }
    return createCloudWire({
      url: options.url,
      auth:
        'bearer' in auth
          ? { type: 'bearer', token: auth.bearer }
          : { type: 'basic', email: auth.email, apiToken: auth.token },
      executor,
      clock,
      log,
      schemaMismatch: options.schemaMismatch ?? 'warn',
    });
  };

  // Both memos forget a failure, so the next call tries again.
  let wirePromise: Promise<AnyWire> | undefined;
  const wire = (): Promise<AnyWire> =>
    (wirePromise ??= build().catch((error: unknown) => {
      wirePromise = undefined;
      throw error;
    }));

  let sessionPromise: Promise<Session> | undefined;
  const session = (): Promise<Session> =>
    (sessionPromise ??= wire()
      .then((w) =>
        loadSession(w, {
          url: options.url,
          names: options.fields,
          storyPointsField: options.storyPointsField,
          executives: options.executives,
          sponsorEmails: options.sponsorEmails ?? [],
          log,
          clock,
        }),
      )
      .catch((error: unknown) => {
        sessionPromise = undefined;
        throw error;
      }));

  // bearing's field ids for writing: read once per run (write() is called per chunk of planned writes).
  let writablePromise: Promise<Record<BearingField, string>> | undefined;
  const writable = (): Promise<Record<BearingField, string>> =>
    (writablePromise ??= wire()
      .then(async (w) => writableFieldIds(await w.fields(), options.fields))
      .catch((error: unknown) => {
        writablePromise = undefined;
        throw error;
      }));

  const stopped = (signal: AbortSignal): void => {
    if (signal.aborted) throw new BearingError('fatal', 'jira: stopped (shutdown)');
  };

  return {
    system: 'jira',
    concurrency: options.rateLimit.concurrency,

    async scopes(signal) {
      stopped(signal);
      // A run starts here: its time zone, fields and executive groups are read afresh.
      sessionPromise = undefined;
      writablePromise = undefined;
      return findScopes(await wire(), jql);
    },

    async *pull(scope, context) {
      const [w, s] = await Promise.all([wire(), session()]);
      yield* pullScope(
        { wire: w, session: s, jql, overlapMs: options.overlapMs ?? DEFAULT_OVERLAP_MS },
        scope,
        context,
      );
    },

    async *listIds(scope, signal) {
      yield* listScopeIds(await wire(), jql, scope, signal);
    },

    async setup(signal) {
      stopped(signal);
      const { lines, ready } = await setUpFields(await wire(), options.fields, options.storyPointsField);
      sessionPromise = undefined;
      writablePromise = undefined;
      return { system: 'jira', lines, ready };
    },

    async check(signal) {
      stopped(signal);
      const w = await wire();
      const [me, info] = await Promise.all([w.myself(), w.serverInfo()]);
      const flavour = w.deployment === 'cloud' ? 'Jira Cloud' : `Jira ${info.deploymentType} ${info.version}`;
      return `jira: signed in as ${me.displayName}${me.email ? ` <${me.email}>` : ''} on ${flavour} at ${info.baseUrl}; JQL dates are read in ${me.timeZone}`;
    },

    writer: createWriter({
      wire,
      fieldIds: writable,
      names: options.fields,
      log,
      polling: options.bulkPolling ?? DEFAULT_BULK_POLLING,
      maxBulkTasksInFlight: options.maxBulkTasksInFlight ?? DEFAULT_BULK_TASKS_IN_FLIGHT,
      putConcurrency: Math.max(1, options.rateLimit.concurrency * 2),
    }),
  };
}
