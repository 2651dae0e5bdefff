/**
 * The listing of a deletion sweep: the ids of every issue in a scope now. Deletions never show in an
 * `updated` window (§10), so the pipeline compares this listing with what it stores, now and then.
 *
 * Cloud: the enhanced search with `fields=id`, 5,000 ids a page (§1.2), walked with `nextPageToken`:
 * ceil(N / 5,000) calls. Data Center: `/rest/api/2/search` with `fields=id`, pages as large as the server
 * answers (1,000 by default, §1.5), walked by keyset on the id (`id > last ORDER BY id`) because `startAt`
 * fails past `max_result_window`: ceil(N / 1,000) calls.
 *
 * Anything short of a complete listing throws — a failed page, an answer that is not a list of ids, a
 * page that says more follow without saying where — so the pipeline never marks anything on a part.
 */
import { z } from 'zod';
import { BearingError } from '../../core/errors.js';
import { sweepJql } from './jql.js';
import type { AnyWire, CloudWire, DataCenterWire } from './wire/types.js';

/** §1.2: the page cap when only `id` / `key` are requested. */
const CLOUD_ID_PAGE = 5000;
/** §1.5: DC caps pages at 1,000 by default; the server's answer decides. */
const DC_ID_PAGE = 1000;

const idPage = z.array(z.looseObject({ id: z.string().regex(/^\d+$/, 'expected a numeric issue id') }));

function idsOf(issues: readonly unknown[], scope: string): string[] {
  const parsed = idPage.safeParse(issues);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BearingError(
      'invalidData',
      `jira: an ids-only search page of ${scope} is unreadable (issues.${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}); the deletion sweep marks nothing`,
    );
  }
  return parsed.data.map((i) => i.id);
}

function stopped(signal: AbortSignal): void {
  if (signal.aborted) throw new BearingError('fatal', 'jira: deletion sweep stopped (shutdown)');
}

export function listScopeIds(
  wire: AnyWire,
  configJql: string,
  scope: string,
  signal: AbortSignal,
): AsyncGenerator<string[]> {
  return wire.deployment === 'cloud'
    ? cloudIds(wire, configJql, scope, signal)
    : dataCenterIds(wire, configJql, scope, signal);
}

async function* cloudIds(
  wire: CloudWire,
  configJql: string,
  scope: string,
  signal: AbortSignal,
): AsyncGenerator<string[]> {
  const jql = sweepJql(configJql, scope, null);
  let nextPageToken: string | undefined;
  do {
    stopped(signal);
    const page = await wire.searchPage({ jql, fields: ['id'], maxResults: CLOUD_ID_PAGE, nextPageToken });
    yield idsOf(page.issues, scope);
    if (page.nextPageToken === undefined && page.isLast === false) {
      throw new BearingError(
        'invalidData',
        `jira: an ids-only search page of ${scope} says more follow (isLast: false) without a nextPageToken; the deletion sweep marks nothing`,
      );
    }
    nextPageToken = page.nextPageToken;
  } while (nextPageToken);
}

async function* dataCenterIds(
  wire: DataCenterWire,
  configJql: string,
  scope: string,
  signal: AbortSignal,
): AsyncGenerator<string[]> {
  let after: string | null = null;
  for (;;) {
    stopped(signal);
    const page = await wire.searchOffset({
      jql: sweepJql(configJql, scope, after),
      fields: ['id'],
      maxResults: DC_ID_PAGE,
      startAt: 0,
    });
    const ids = idsOf(page.issues, scope);
    if (ids.length === 0) return;
    const last = ids[ids.length - 1] as string;
    if (after !== null && Number(last) <= Number(after)) {
      throw new BearingError(
        'invalidData',
        `jira: an ids-only search page of ${scope} does not advance past id ${after} (ORDER BY id ignored?); the deletion sweep marks nothing`,
      );
    }
    yield ids;
    // With the keyset, `total` counts what is left from this page on.
    if (ids.length >= page.total) return;
    after = last;
  }
}
