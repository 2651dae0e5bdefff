/**
 * Site-level endpoints: `GET /rest/api/{2,3}/serverInfo` (deploymentType `Cloud`, or `Server` /
 * `DataCenter`, §8: clients detect the flavour from it) and Cloud's `GET /_edge/tenant_info`, where a client
 * learns the cloudId for the gateway URL (§5.4).
 */
import type { RequestContext } from './context.js';
import { formatJiraTime } from './jira-time.js';
import { json } from './wire.js';

const BUILD_DATE = Date.UTC(2026, 9, 1, 9, 0, 0);

export function serverInfo(ctx: RequestContext): Response {
  const cloud = ctx.state.options.flavour === 'cloud';
  const version = cloud ? [1001, 0, 0] : [10, 3, 12];
  return json({
    baseUrl: ctx.base,
    ...(cloud ? { displayUrl: ctx.base } : {}),
    version: cloud ? '1001.0.0-SNAPSHOT' : version.join('.'),
    versionNumbers: version,
    deploymentType: cloud ? 'Cloud' : ctx.state.options.deploymentType,
    buildNumber: cloud ? 100289 : 10030012,
    buildDate: formatJiraTime(BUILD_DATE, ctx.timeZone),
    serverTime: formatJiraTime(ctx.state.now(), ctx.timeZone),
    scmInfo: '57a0ca5b4a0bb0ac5f3fee4764acb1c14e4d7e71',
    serverTitle: 'Jira',
    ...(cloud ? { defaultLocale: { locale: 'en_US' } } : { serverTimeZone: ctx.state.options.siteTimeZone }),
  });
}

export function tenantInfo(ctx: RequestContext): Response {
  return json({ cloudId: ctx.state.options.cloudId });
}
