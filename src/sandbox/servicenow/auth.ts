/** Basic and Bearer authentication against configured credentials (api-facts §6.7). */

export interface FakeServiceNowAuth {
  /** Accepted `Authorization: Basic` user/password pairs. */
  basic?: { user: string; password: string }[];
  /** Accepted OAuth access tokens (`Authorization: Bearer`), each acting as a user. */
  bearer?: { token: string; user: string }[];
}

/** The default credentials: one integration user. */
export const DEFAULT_AUTH: FakeServiceNowAuth = { basic: [{ user: 'bearing', password: 'bearing' }] };

/** The authenticated user name, or undefined (the caller answers 401). */
export function authenticate(request: Request, auth: FakeServiceNowAuth): string | undefined {
  const header = request.headers.get('authorization') ?? '';
  const space = header.indexOf(' ');
  const scheme = header.slice(0, space).toLowerCase();
  const credential = header.slice(space + 1).trim();
  if (scheme === 'basic') {
    const decoded = Buffer.from(credential, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    const user = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    return auth.basic?.find((c) => c.user === user && c.password === password)?.user;
  }
  if (scheme === 'bearer') return auth.bearer?.find((c) => c.token === credential)?.user;
  return undefined;
}
