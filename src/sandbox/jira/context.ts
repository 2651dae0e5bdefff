import type { JiraState } from './state.js';
import type { FakeJiraAccount } from './types.js';

/** What a route handler gets for one request. */
export interface RequestContext {
  request: Request;
  url: URL;
  /**
   * Origin plus whatever precedes `/rest/` (the gateway path `/ex/jira/{cloudId}` or a Data Center context
   * path): the base of every `self` URL, so links point where the request came in (§2).
   */
  base: string;
  /** `2` or `3`, from the path. */
  apiVersion: '2' | '3';
  state: JiraState;
  /** The authenticated account, or null for an anonymous request (§1.2). */
  account: FakeJiraAccount | null;
  /** The caller's profile time zone (the site's for anonymous): timestamps and JQL literals use it (§1.1b, §2). */
  timeZone: string;
  /** Captures of the route's path pattern. */
  params: string[];
}
