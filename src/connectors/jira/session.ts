/**
 * What a run needs to know about the site before it reads issues, fetched once per run (each `scopes()`
 * starts a new one): the API user's time zone (JQL dates, §1.1b), field ids (GET /field), executive
 * group members (paged) and the browse URL.
 */
import type { Logger } from '../../core/log.js';
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
}

export interface SessionOptions {
  url: string;
  names: FieldNames;
  storyPointsField: string | undefined;
  executives: ExecutiveSettings;
  sponsorEmails: readonly string[];
  log: Logger;
}

export async function loadSession(wire: AnyWire, options: SessionOptions): Promise<Session> {
  const [account, fieldList] = await Promise.all([wire.myself(), wire.fields()]);
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
    siteUrl: await browseBase(wire, options.url),
  };
}

/** The site URL, except behind the OAuth gateway (§5.4), where only serverInfo knows the site's own URL. */
async function browseBase(wire: AnyWire, url: string): Promise<string> {
  const base = url.replace(/\/+$/, '');
  return new URL(base).hostname === 'api.atlassian.com'
    ? (await wire.serverInfo()).baseUrl.replace(/\/+$/, '')
    : base;
}
