import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadConfig } from '../../src/config/index.js';
import { createNormalizer as jiraNormalizer } from '../../src/connectors/jira/normalize.js';
import { checkScopeJql, scopeJql } from '../../src/connectors/jira/jql.js';
import { createNormalizer as snNormalizer, type Normalized } from '../../src/connectors/servicenow/index.js';
import { checkConfigQuery, windowQuery } from '../../src/connectors/servicenow/query.js';
import { isBearingError, isConfigError } from '../../src/core/errors.js';
import { workItemSchema } from '../../src/model/index.js';
import { generateCompany } from '../../src/sandbox/company/index.js';

// Whatever Jira, ServiceNow or an admin's file sends, bearing answers with an item, a quarantined
// record or a clear error: never a crash, never an unbounded value, never a query that escapes.
const RUNS = { numRuns: 150 };
/** Description and title bounds (characters), as documented in the normalizers. */
const TEXT_BOUND = 20_000;
const TITLE_BOUND = 1_000;

const hugeText = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 0, maxLength: 200 }),
  fc
    .tuple(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
      fc.integer({ min: 5_000, max: 60_000 }),
    )
    .map(([s, n]) => s.repeat(n)),
);

/** Anything JSON can carry, nested a few levels. */
const anything = fc.jsonValue({ maxDepth: 4 });

// ── Jira ──────────────────────────────────────────────────────────────────────────────────────────

const jiraContext = {
  siteUrl: 'https://acme.atlassian.net',
  scope: 'OPS',
  fields: {
    storyPoints: ['customfield_10016'],
    score: 'customfield_10100',
    goal: 'customfield_10101',
    flags: 'customfield_10102',
  },
  executives: { emails: new Set(['cio@acme.example']), ids: new Set(['exec-1']) },
};

function jiraIssue(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '10402',
    key: 'OPS-2',
    fields: {
      summary: 'VPN drops every hour',
      description: null,
      labels: ['network'],
      components: [],
      priority: { id: '2', name: 'High' },
      issuetype: { id: '10001', name: 'Bug', subtask: false, hierarchyLevel: 0 },
      status: { id: '3', name: 'In Progress', statusCategory: { id: 4, key: 'indeterminate' } },
      reporter: { accountId: 'exec-1', displayName: 'Mia' },
      created: '2025-03-03T09:41:58.795+0100',
      updated: '2025-03-04T16:32:05.209+0100',
      resolutiondate: null,
      ...fields,
    },
  };
}

/** An ADF document nested `depth` levels deep. */
function nestedAdf(depth: number): unknown {
  let node: unknown = { type: 'text', text: 'deep' };
  for (let i = 0; i < depth; i++) node = { type: 'bulletList', content: [node] };
  return { type: 'doc', version: 1, content: [node] };
}

const adfNode: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.record({ type: fc.constant('text'), text: fc.string({ unit: 'grapheme' }) }),
    fc.record({
      type: fc.constantFrom('paragraph', 'doc', 'bulletList', 'codeBlock', 'mention', 'table', 'weird'),
      content: fc.array(tie('node'), { maxLength: 4 }),
      attrs: fc.option(anything),
    }),
    anything,
  ),
})).node;

describe('the Jira normalizer on hostile input', () => {
  const normalize = jiraNormalizer(jiraContext);
  const expectItemOrQuarantine = (raw: unknown): void => {
    const result = normalize(raw);
    if (result.ok) {
      expect(() => workItemSchema.parse(result.item)).not.toThrow();
      expect(result.item.text.length).toBeLessThanOrEqual(TEXT_BOUND);
      expect(result.item.title.length).toBeLessThanOrEqual(TITLE_BOUND);
    } else {
      expect(result.reason).toMatch(/\S/);
      expect(result.field).toEqual(expect.any(String));
    }
  };

  it('answers any JSON value with an item or a quarantined record', () => {
    fc.assert(fc.property(anything, expectItemOrQuarantine), RUNS);
  });

  it('answers an issue whose fields hold anything with an item or a quarantined record', () => {
    const field = fc.constantFrom(
      'summary',
      'description',
      'labels',
      'components',
      'priority',
      'issuetype',
      'status',
      'reporter',
      'assignee',
      'created',
      'updated',
      'resolutiondate',
      'parent',
      'issuelinks',
      'customfield_10016',
      'customfield_10100',
      'customfield_10102',
    );
    fc.assert(
      fc.property(fc.dictionary(field, anything, { maxKeys: 4 }), (fields) =>
        expectItemOrQuarantine(jiraIssue(fields)),
      ),
      RUNS,
    );
  });

  it('bounds huge unicode summaries and descriptions, in ADF or as plain text', () => {
    fc.assert(
      fc.property(hugeText, hugeText, fc.boolean(), (summary, text, adf) => {
        const description = adf
          ? { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }
          : text;
        expectItemOrQuarantine(jiraIssue({ summary, description }));
      }),
      { numRuns: 30 },
    );
  });

  it('reads arbitrary and deeply nested ADF without a crash', () => {
    fc.assert(
      fc.property(adfNode, (node) => expectItemOrQuarantine(jiraIssue({ description: node }))),
      RUNS,
    );
    expectItemOrQuarantine(jiraIssue({ description: nestedAdf(100_000) }));
  });
});

// ── ServiceNow ────────────────────────────────────────────────────────────────────────────────────

const SN_COLUMNS = { score: 'u_alignment_score', goal: 'u_business_goal', flags: 'u_alignment_flags' };
const snRecord = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  sys_id: { value: '9d385017c611228701d22104cc95c371', display_value: '9d385017c611228701d22104cc95c371' },
  number: { value: 'INC0010012', display_value: 'INC0010012' },
  short_description: { value: 'Checkout times out', display_value: 'Checkout times out' },
  priority: { value: '2', display_value: '2 - High' },
  impact: { value: '1', display_value: '1 - High' },
  urgency: { value: '2', display_value: '2 - Medium' },
  state: { value: '2', display_value: 'In Progress' },
  sys_created_on: { value: '2026-11-02 09:00:00', display_value: '2026-11-02 01:00:00' },
  sys_updated_on: { value: '2026-11-03 10:30:00', display_value: '2026-11-03 02:30:00' },
  ...extra,
});

describe('the ServiceNow normalizer on hostile input', () => {
  const normalize = snNormalizer({
    baseUrl: 'https://acme.service-now.com',
    columns: SN_COLUMNS,
    executives: { emails: new Set(), vip: true, title: /^Chief/ },
  });
  const table = fc.constantFrom('incident', 'sc_req_item', 'change_request', 'pm_project', 'dmn_demand');
  const expectItemOrQuarantine = (result: Normalized): void => {
    if (result.ok) {
      expect(() => workItemSchema.parse(result.item)).not.toThrow();
      expect(result.item.text.length).toBeLessThanOrEqual(TEXT_BOUND);
      expect(result.item.title.length).toBeLessThanOrEqual(TITLE_BOUND);
    } else {
      expect(result.quarantine.reason).toMatch(/\S/);
    }
  };

  it('answers a record of any shape with an item or a quarantined record', () => {
    fc.assert(
      fc.property(table, fc.dictionary(fc.string(), anything), anything, (t, record, users) =>
        expectItemOrQuarantine(
          normalize({ table: t, record, users: users as Record<string, Record<string, unknown>> }),
        ),
      ),
      RUNS,
    );
  });

  it('answers a record whose columns hold anything with an item or a quarantined record', () => {
    const column = fc.constantFrom(
      'sys_id',
      'number',
      'short_description',
      'description',
      'priority',
      'state',
      'sys_created_on',
      'sys_updated_on',
      'assignment_group',
      'caller_id',
      'time_worked',
      'comments',
      'u_alignment_score',
      'u_alignment_flags',
    );
    fc.assert(
      fc.property(table, fc.dictionary(column, anything, { maxKeys: 4 }), (t, extra) =>
        expectItemOrQuarantine(normalize({ table: t, record: snRecord(extra), users: {} })),
      ),
      RUNS,
    );
  });

  it('bounds huge unicode short and long descriptions', () => {
    fc.assert(
      fc.property(hugeText, hugeText, (title, text) =>
        expectItemOrQuarantine(
          normalize({
            table: 'incident',
            record: snRecord({
              short_description: { value: title, display_value: title },
              description: { value: text, display_value: text },
            }),
            users: {},
          }),
        ),
      ),
      { numRuns: 30 },
    );
  });
});

// ── Config ────────────────────────────────────────────────────────────────────────────────────────

describe('the config loader on hostile files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bearing-hostile-config-'));
  writeFileSync(join(dir, 'goals.yaml'), stringify(generateCompany({ seed: 1, size: 100, now: 0 }).goals));
  let n = 0;
  const load = async (text: string, env: Record<string, string> = {}): Promise<void> => {
    const path = join(dir, `bearing-${++n}.yaml`);
    writeFileSync(path, text);
    try {
      await loadConfig(path, env);
    } catch (error) {
      // A clear error naming the file at fault (this one, or a goals or tools file it names), never a crash.
      expect(isConfigError(error), String(error)).toBe(true);
      expect((error as Error).message).toMatch(/^\S+: /m);
    }
  };
  const base = {
    jira: {
      url: 'https://acme.atlassian.net',
      auth: { email: 'bot@acme.example', token: '${TOKEN}' },
      jql: 'project = OPS',
    },
    goals: './goals.yaml',
  };

  it('answers any text with a config or an error that names the file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => load(text)),
      { numRuns: 50 },
    );
  });

  it('answers any value in any known key with a config or an error that names the file', async () => {
    const key = fc.constantFrom(
      'store',
      'schedule',
      'jira',
      'servicenow',
      'executives',
      'effort',
      'analysis',
      'report',
      'writeback',
      'server',
      'logLevel',
      'goals',
      'tools',
    );
    await fc.assert(
      fc.asyncProperty(key, anything, fc.string({ unit: 'grapheme' }), (k, value, token) =>
        load(stringify({ ...base, [k]: value }), { TOKEN: token }),
      ),
      { numRuns: 60 },
    );
  });

  it('answers deeply nested and huge files with an error that names the file', async () => {
    await load(`${'['.repeat(50_000)}${']'.repeat(50_000)}`);
    await load(`jira:\n  jql: "${'x'.repeat(5_000_000)}"\n`);
    await load(`a: &a [${'*a, '.repeat(10)}]\n`);
  });
});

// ── Queries built from config values ──────────────────────────────────────────────────────────────

/** JQL read the way Jira reads it: where the first parenthesis closes, and the string after `project =`. */
function jqlShape(jql: string): { wrapperEnd: number; project: string | null } {
  let depth = 0;
  let wrapperEnd = -1;
  let quote: string | null = null;
  for (let i = 0; i < jql.length; i++) {
    const ch = jql[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0 && wrapperEnd < 0) wrapperEnd = i;
  }
  const rest = jql.slice(wrapperEnd + 1);
  const m =
    /^ AND project = "((?:[^"\\]|\\.)*)"(?: AND updated >= "[^"]*")? ORDER BY updated ASC, key ASC$/.exec(
      rest,
    );
  return { wrapperEnd, project: m ? (m[1] ?? '').replace(/\\(.)/g, '$1') : null };
}

const injection = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc
    .array(
      fc.constantFrom(
        '"',
        "'",
        '\\',
        ')',
        '(',
        ' OR ',
        ' ORDER BY key',
        'project = X',
        '^',
        '^NQ',
        'NQ',
        'ORDERBY',
        '^OR',
        '^EQ',
        'a=b',
        ',',
      ),
      { maxLength: 8 },
    )
    .map((parts) => parts.join('')),
);

describe('config values never escape the queries bearing builds', () => {
  it('keeps the configured JQL inside its parentheses and a project key inside its string', () => {
    fc.assert(
      fc.property(injection, injection, fc.option(fc.constant('2026/11/20 10:00')), (jql, key, from) => {
        let checked: string;
        try {
          checked = checkScopeJql(jql);
        } catch (error) {
          expect(isBearingError(error) && error.kind === 'config').toBe(true);
          return;
        }
        const built = scopeJql(checked, key, from);
        const shape = jqlShape(built);
        expect(shape.wrapperEnd, built).toBe(checked.length + 1);
        expect(shape.project, built).toBe(key);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a ServiceNow query term that starts with a literal caret (^^NQ would open a second query)', () => {
    expect(() => checkConfigQuery('active=true^^^NQpriority=1')).toThrow(/\^\^/);
    expect(() => checkConfigQuery('^^NQpriority=1')).toThrow(/\^\^/);
    expect(checkConfigQuery('short_descriptionLIKEa^^b')).toBe('short_descriptionLIKEa^^b');
  });

  it('keeps the configured ServiceNow query inside every branch of the window, without its own order', () => {
    fc.assert(
      fc.property(injection, (query) => {
        let extra: string | undefined;
        try {
          extra = checkConfigQuery(query);
        } catch (error) {
          expect(isBearingError(error) && error.kind === 'config').toBe(true);
          return;
        }
        const built = windowQuery({
          after: { updatedOn: '2026-11-20 10:00:00', sysId: 'abc123' },
          before: '2026-11-20 11:00:00',
          extra,
        });
        // The platform's reading: `^` separates terms, `^^` is a literal caret, a term `NQ…` starts a new query.
        const terms = built.replace(/\^\^/g, '\u0000').split('^');
        const branches = terms.filter((t) => t.startsWith('NQ')).length + 1;
        expect(branches, built).toBe(2);
        expect(
          terms.filter((t) => t.startsWith('ORDERBY')),
          built,
        ).toEqual(['ORDERBYsys_updated_on', 'ORDERBYsys_id']);
        const firstOfBranch = terms.filter((t, i) => i === 0 || t.startsWith('NQ'));
        for (const t of firstOfBranch) expect(t.replace(/^NQ/, ''), built).toMatch(/^sys_updated_on[>=]/);
      }),
      { numRuns: 500 },
    );
  });
});
