import type { Config } from '../config/index.js';
import type { Connector } from '../connectors/connector.js';
import type { CallRecord } from '../connectors/http/index.js';
import type { LaneOptions, RateGate } from '../core/lane.js';
import { createJiraConnector, type JiraAuthOptions } from '../connectors/jira/index.js';
import { createServiceNowConnector } from '../connectors/servicenow/index.js';
import type { Logger } from '../core/log.js';
import type { Clock } from '../core/time.js';

export interface ConnectorDeps {
  log: Logger;
  clock: Clock;
  signal: AbortSignal;
  onCall?: (call: CallRecord) => void;
  /** A site's rate shared with other replicas (`site` names the system and its URL). */
  sharedRate?: (site: string, rate: LaneOptions) => RateGate;
}

/** The configured rate, shared with the other replicas when there are any. */
function laneOf(deps: ConnectorDeps, system: string, url: string, rate: LaneOptions): LaneOptions {
  return deps.sharedRate ? { ...rate, shared: deps.sharedRate(`${system} ${url}`, rate) } : rate;
}

/** Maps the config's `jira` and `servicenow` sections onto the connectors' plain options. */
export function createConnectors(config: Config, deps: ConnectorDeps): Connector[] {
  for (const [system, section] of [
    ['jira', config.jira],
    ['servicenow', config.servicenow],
  ] as const) {
    if (section && !section.tls.rejectUnauthorized) {
      deps.log.warn(
        { system, url: section.url },
        `TLS certificate verification is OFF for ${system} (${system}.tls.rejectUnauthorized: false): anyone on the network path can read its credentials; use this only against a test instance`,
      );
    }
  }
  const sponsorEmails = config.goals.goals.flatMap((g) => (g.sponsor ? [g.sponsor] : []));
  const connectors: Connector[] = [];
  if (config.jira) {
    const { jira } = config;
    const auth: JiraAuthOptions =
      jira.auth.type === 'basic'
        ? { email: jira.auth.email, token: jira.auth.token }
        : jira.auth.type === 'pat'
          ? { pat: jira.auth.pat }
          : { bearer: jira.auth.bearer };
    connectors.push(
      createJiraConnector({
        url: jira.url,
        ...(jira.deployment ? { deployment: jira.deployment } : {}),
        auth,
        jql: jira.jql,
        fields: jira.fields,
        ...(jira.effort.storyPoints ? { storyPointsField: jira.effort.storyPoints } : {}),
        rateLimit: laneOf(deps, 'jira', jira.url, jira.rateLimit),
        timeoutMs: jira.timeoutMs,
        rejectUnauthorized: jira.tls.rejectUnauthorized,
        executives: config.executives,
        sponsorEmails,
        log: deps.log.child({ system: 'jira' }),
        clock: deps.clock,
        signal: deps.signal,
        ...(deps.onCall ? { onCall: deps.onCall } : {}),
      }),
    );
  }
  if (config.servicenow) {
    const sn = config.servicenow;
    connectors.push(
      createServiceNowConnector({
        url: sn.url,
        auth:
          sn.auth.type === 'basic'
            ? { user: sn.auth.user, password: sn.auth.password }
            : { token: sn.auth.token },
        tables: sn.tables,
        ...(sn.query ? { query: sn.query } : {}),
        fields: sn.fields,
        rateLimit: laneOf(deps, 'servicenow', sn.url, sn.rateLimit),
        timeoutMs: sn.timeoutMs,
        rejectUnauthorized: sn.tls.rejectUnauthorized,
        batch: sn.batch,
        executives: config.executives,
        sponsorEmails,
        log: deps.log.child({ system: 'servicenow' }),
        clock: deps.clock,
        signal: deps.signal,
        ...(deps.onCall ? { onCall: deps.onCall } : {}),
      }),
    );
  }
  return connectors;
}
