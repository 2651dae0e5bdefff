/**
 * Readers for the public Jira dumps in ../shared/data (see its README): the TiDev archive and the
 * GitBugs Hadoop export, turned into WorkItems with every duplicate hint (links, duplicateOf,
 * duplicatedBy, duplicates) left out, so the detector sees text only.
 */
import { readFileSync } from 'node:fs';
import type { WorkItem } from '../../src/model/index.js';
import { workItem } from '../../src/analysis/effort/index.js';

/** An unordered ground-truth pair whose two issues are both in the file. */
export interface TruthPair {
  a: string;
  b: string;
}

interface RawIssue {
  key: string;
  id: string;
  project?: string;
  summary?: string | null;
  description?: string | null;
  status_category?: string;
  resolutiondate?: string | null;
  created: string;
  labels?: string[] | null;
  components?: string[] | null;
  epic?: string | null;
  parent?: string | null;
}

export function readJsonLines<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

export function readIssues(path: string): WorkItem[] {
  return readJsonLines<RawIssue>(path).map((raw) =>
    workItem({
      key: raw.key,
      uid: `jira:${raw.id}`,
      id: raw.id,
      scope: raw.project ?? 'JIRA',
      container: raw.project ?? 'JIRA',
      team: raw.project ?? 'JIRA',
      title: raw.summary ?? '',
      text: wikiToText(raw.description ?? ''),
      labels: raw.labels ?? [],
      components: raw.components ?? [],
      status: raw.status_category === 'done' || raw.resolutiondate ? 'done' : 'todo',
      created: isoTime(raw.created),
      updated: isoTime(raw.created),
      epic: raw.epic ?? null,
      parent: raw.parent ?? null,
    }),
  );
}

/** TiDev pairs are `{duplicate, original}`, GitBugs pairs `{a, b}`; both are read as unordered. */
export function readTruthPairs(path: string, keys: ReadonlySet<string>): TruthPair[] {
  const seen = new Set<string>();
  const pairs: TruthPair[] = [];
  for (const raw of readJsonLines<Record<string, unknown>>(path)) {
    const first = String(raw.a ?? raw.duplicate);
    const second = String(raw.b ?? raw.original);
    if (!keys.has(first) || !keys.has(second) || first === second) continue;
    const [a, b] = first < second ? [first, second] : [second, first];
    if (seen.has(`${a} ${b}`)) continue;
    seen.add(`${a} ${b}`);
    pairs.push({ a, b });
  }
  return pairs;
}

/** `2015-01-30T00:43:49.000+0000` (TiDev) or `2021-09-30T17:20:00` (GitBugs, UTC) → ISO-8601 UTC. */
function isoTime(value: string): string {
  const withZone = /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`;
  return new Date(withZone.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')).toISOString();
}

/** Jira wiki markup → rough plain text: macros, markers and link syntax out, their content kept. */
export function wikiToText(markup: string): string {
  return markup
    .replace(/\{(?:code|noformat|quote|panel|color|html)(?::[^}]*)?\}/g, ' ')
    .replace(/^h[1-6]\.\s*/gm, '')
    .replace(/\[~[^\]]*\]/g, ' ')
    .replace(/\[([^|\]]*)\|([^\]]*)\]/g, '$1 $2')
    .replace(/!([^!|\s]+)(?:\|[^!]*)?!/g, ' $1 ')
    .replace(/\{\{|\}\}/g, ' ')
    .replace(/(^|[\s(])[*_+-]+(?=\S)|(?<=\S)[*_+-]+(?=$|[\s.,;:)])/gm, '$1 ');
}
