/**
 * User objects (§2: Cloud `accountId` and a possibly missing `emailAddress`; Data Center `name`/`key`),
 * `GET /myself` (with `timeZone`, §1.1b) and `GET /group/member` (paged like every Cloud PageBean, §4).
 */
import type { RequestContext } from './context.js';
import type { PersonRecord } from './state.js';
import type { FakeJiraAccount } from './types.js';
import { errorCollection, json } from './wire.js';

const avatarUrls = (id: string): Record<string, string> => {
  const base = `https://avatar-management.example/initials/${encodeURIComponent(id)}.png`;
  return {
    '48x48': `${base}?s=48`,
    '24x24': `${base}?s=24`,
    '16x16': `${base}?s=16`,
    '32x32': `${base}?s=32`,
  };
};

/** A seed person as `reporter` / `assignee` / group member in this request's flavour. */
export function renderPerson(ctx: RequestContext, person: PersonRecord): Record<string, unknown> {
  const p = person.seed;
  const tz = ctx.timeZone;
  if (ctx.state.options.flavour === 'cloud') {
    return {
      self: `${ctx.base}/rest/api/${ctx.apiVersion}/user?accountId=${encodeURIComponent(p.jiraAccountId)}`,
      accountId: p.jiraAccountId,
      // §2: emailAddress is left out entirely for users who hide it.
      ...(p.email ? { emailAddress: p.email } : {}),
      avatarUrls: avatarUrls(p.jiraAccountId),
      displayName: p.name,
      active: true,
      timeZone: tz,
      accountType: 'atlassian',
    };
  }
  return {
    self: `${ctx.base}/rest/api/2/user?username=${encodeURIComponent(person.dcName)}`,
    name: person.dcName,
    key: person.dcKey,
    ...(p.email ? { emailAddress: p.email } : {}),
    avatarUrls: avatarUrls(person.dcName),
    displayName: p.name,
    active: true,
    timeZone: tz,
  };
}

/** `GET /rest/api/{2,3}/myself`: the caller, with the time zone JQL literals are read in (§1.1b). */
export function myself(ctx: RequestContext, account: FakeJiraAccount): Response {
  const common = {
    ...(account.email ? { emailAddress: account.email } : {}),
    avatarUrls: avatarUrls(account.accountId),
    displayName: account.displayName,
    active: true,
    timeZone: account.timeZone,
    locale: 'en_US',
    groups: { size: 0, items: [] },
    applicationRoles: { size: 1, items: [] },
    expand: 'groups,applicationRoles',
  };
  if (ctx.state.options.flavour === 'cloud') {
    return json({
      self: `${ctx.base}/rest/api/${ctx.apiVersion}/user?accountId=${encodeURIComponent(account.accountId)}`,
      accountId: account.accountId,
      accountType: account.accountType,
      ...common,
    });
  }
  return json({
    self: `${ctx.base}/rest/api/2/user?username=${encodeURIComponent(account.name)}`,
    key: account.name,
    name: account.name,
    deleted: false,
    ...common,
  });
}

/**
 * `GET /rest/api/{2,3}/group/member?groupname=…&startAt=&maxResults=`: a PageBean of users ordered by
 * name. Not in api-facts; shape from the SPEC's `PageBeanUserDetails` (jira.js 6.2), whose docs cap
 * `maxResults` at 50. An unknown group's 404 wording is UNCONFIRMED.
 */
export function groupMembers(ctx: RequestContext): Response {
  const q = ctx.url.searchParams;
  const group = q.get('groupname') ?? q.get('groupId');
  if (!group) return errorCollection(400, ['You must specify a group name or a group id.']);
  const members = [...ctx.state.people.values()]
    .filter((p) => p.seed.jiraGroups.includes(group))
    .sort((a, b) => a.seed.name.localeCompare(b.seed.name));
  // Groups exist through their members here, so an empty group is an unknown one.
  if (members.length === 0) return errorCollection(404, [`Group '${group}' does not exist.`]);
  const startAt = Math.max(0, Number(q.get('startAt') ?? 0) || 0);
  const maxResults = Math.min(50, Math.max(1, Number(q.get('maxResults') ?? 50) || 50));
  const values = members.slice(startAt, startAt + maxResults).map((p) => renderPerson(ctx, p));
  const isLast = startAt + maxResults >= members.length;
  const page = (at: number): string =>
    `${ctx.base}/rest/api/${ctx.apiVersion}/group/member?groupname=${encodeURIComponent(group)}&includeInactiveUsers=false&startAt=${at}&maxResults=${maxResults}`;
  return json({
    self: page(startAt),
    ...(isLast ? {} : { nextPage: page(startAt + maxResults) }),
    maxResults,
    startAt,
    total: members.length,
    isLast,
    values,
  });
}
