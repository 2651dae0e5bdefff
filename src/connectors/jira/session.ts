/**
 * What a run needs to know about the site before it reads issues, fetched once per run (each `scopes()`
 * starts a new one): the API user's time zone (JQL dates, §1.1b), Jira's clock at the start of the run
 * (serverInfo), field ids (GET /field), executive group members (paged) and the browse URL.
 */
import type { Logger } from '../../core/log.js';
import type { Clock } from '../../core/time.js';
import { readableFieldIds, type FieldNames } from './fields.js';
import type { Executives } from './normalize.js';
import type { CustomFieldIds } from './raw.js';
import type { AnyWire, JiraAccount } from './wire/types.js';

export interface ExecutiveSettings {
  /** Matched case-insensitively. */
  emails: readonly string[];
  /** Cloud accountIds (Data Center: user keys or names). */
  jiraAccountIds: readonly string[];
  /** Groups whose members count as executives. */
  jiraGroups: readonly string[];
}

export interface Session {
  account: JiraAccount;
  fields: CustomFieldIds;
  executives: Executives;
  /** Base URL for `/browse/KEY` links. */
  siteUrl: string;
  /**
   * Jira's clock before the run's first search. Window edges are reckoned on it, so a skew between
   * bearing's clock and Jira's cannot move them; a later edge only errs towards re-reading.
   */
  startedAtMs: number;
}

export interface SessionOptions {
  url: string;
  names: FieldNames;
  storyPointsField: string | undefined;
  executives: ExecutiveSettings;
  sponsorEmails: readonly string[];
  log: Logger;
  /** Stands in for Jira's clock when serverInfo does not give the time. */
  clock: Clock;
}

export async function loadSession(wire: AnyWire, options: SessionOptions): Promise<Session> {
  const [account, fieldList, info] = await Promise.all([wire.myself(), wire.fields(), wire.serverInfo()]);
  const emails = new Set(
    [...options.executives.emails, ...options.sponsorEmails].map((e) => e.toLowerCase()),
  );
  const ids = new Set(options.executives.jiraAccountIds);
  for (const group of options.executives.jiraGroups) {
    const members = await wire.groupMembers(group);
    if (members === undefined) {
      options.log.warn(
        { group },
        `jira: group "${group}" (executives.jiraGroups) does not exist or the bearing account cannot see it; its members do not count as executives`,
      );
      continue;
    }
    for (const member of members) {
      for (const id of member.ids) ids.add(id);
      if (member.email) emails.add(member.email.toLowerCase());
    }
  }
  return {
    account,
    fields: readableFieldIds(fieldList, options.names, {
      storyPointsField: options.storyPointsField,
      // §2: Cloud links epics through `parent`; Data Center through the Epic Link field.
      epicLink: wire.deployment === 'datacenter',
    }),
    executives: { emails, ids },
    siteUrl: browseBase(options.url, info.baseUrl),
    startedAtMs: info.serverTimeMs ?? options.clock.now(),
  };
}

/** The configured URL, except behind the OAuth gateway (§5.4), where only serverInfo knows the site's own. */
function browseBase(url: string, serverBaseUrl: string): string {
  const base = url.replace(/\/+$/, '');
  return new URL(base).hostname === 'api.atlassian.com' ? serverBaseUrl.replace(/\/+$/, '') : base;
}
