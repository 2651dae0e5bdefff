/**
 * Who is calling (§5.4):
 * - Cloud site URL: Basic `email:apiToken`. A scoped token or an OAuth 2.0 Bearer token on the site URL
 *   gets 401 — those only work through the gateway `…/ex/jira/{cloudId}/rest/…`.
 * - Cloud gateway: Bearer OAuth token, or Basic with a scoped or unscoped token.
 * - Data Center: Bearer PAT; Basic `name:password` only when `basicAuthEnabled` (DC 11 turns it off).
 * No Authorization header = anonymous; which endpoints serve anonymous callers is decided per route (§1.2).
 */
import type { JiraState } from './state.js';
import type { FakeJiraAccount } from './types.js';

export type Caller =
  { kind: 'account'; account: FakeJiraAccount } | { kind: 'anonymous' } | { kind: 'rejected' };

export function authenticate(state: JiraState, request: Request, viaGateway: boolean): Caller {
  const header = request.headers.get('authorization');
  if (!header) return { kind: 'anonymous' };
  const [scheme = '', credentials = ''] = header.trim().split(/\s+/, 2);
  const cloud = state.options.flavour === 'cloud';
  const found = (match: (a: FakeJiraAccount) => boolean): Caller => {
    const account = state.accounts.find(match);
    return account ? { kind: 'account', account } : { kind: 'rejected' };
  };

  if (scheme.toLowerCase() === 'bearer') {
    if (cloud) return viaGateway ? found((a) => a.oauthToken === credentials) : { kind: 'rejected' };
    return found((a) => a.pat === credentials);
  }
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return { kind: 'rejected' };
    const user = decoded.slice(0, colon);
    const secret = decoded.slice(colon + 1);
    if (cloud) {
      return found(
        (a) =>
          a.email !== null &&
          a.email.toLowerCase() === user.toLowerCase() &&
          ((a.apiToken !== undefined && a.apiToken === secret) ||
            (viaGateway && a.scopedApiToken !== undefined && a.scopedApiToken === secret)),
      );
    }
    if (!state.options.basicAuthEnabled) return { kind: 'rejected' };
    return found((a) => a.name === user && a.password !== undefined && a.password === secret);
  }
  return { kind: 'rejected' };
}
