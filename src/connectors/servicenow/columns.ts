/**
 * Whether bearing's three columns exist on each configured table, and what an admin must create where
 * they do not. The Table API ignores unknown columns on writes (200, nothing written, §6.4), so this
 * is checked before writing, not learnt from failures.
 *
 * The data dictionary answers it: `sys_db_object` gives each table's parents (`super_class`; task-family
 * tables inherit columns from `task`, §7), `sys_dictionary` lists each column under the table that
 * defines it, with its type. Reading the dictionary usually takes an admin-like role; without it, one
 * record of each table read with the three columns in `sysparm_fields` shows which exist (unknown
 * fields are left out of answers, §6.1) — though not their types, and not at all on an empty table.
 */
import { isAuthError, errorKind } from '../../core/errors.js';
import type { SetupReport } from '../connector.js';
import { inQuery } from './query.js';
import { cellOf, type RawRecord } from './raw.js';
import type { BearingColumns } from './tables.js';
import type { ServiceNowWire } from './wire.js';

type Field = keyof BearingColumns;
const FIELDS: readonly Field[] = ['score', 'goal', 'flags'];

/** What each column must be (design.md, "What bearing writes"). */
const SPEC: Readonly<Record<Field, { label: string; type: string; create: string; minLength?: number }>> = {
  score: { label: 'Alignment Score', type: 'integer', create: 'Integer' },
  goal: { label: 'Business Goal', type: 'string', create: 'String, max length 100' },
  // All four flags take 57 characters.
  flags: { label: 'Alignment Flags', type: 'string', create: 'String, max length 255', minLength: 60 },
};

export interface FoundColumn {
  column: string;
  /** The table defining it (the table itself or a parent); undefined when found on a record. */
  definedOn?: string;
  type?: string;
  maxLength?: number;
}

export interface TableColumns {
  table: string;
  /** `unknown`: the dictionary was unreadable and the table had no record to look at. */
  state: 'ready' | 'missing' | 'wrong' | 'no-table' | 'unknown';
  found: FoundColumn[];
  /** Columns to create, with their spec (for `unknown`: the columns to make sure of by hand). */
  missing: { column: string; label: string; create: string }[];
  /** Columns that exist with a type or length bearing cannot use. */
  wrong: string[];
  /** The table's parents, nearest first (from sys_db_object). */
  parents: string[];
}

export interface ColumnInspection {
  via: 'dictionary' | 'records';
  tables: TableColumns[];
}

const MAX_DEPTH = 6;

export async function inspectColumns(
  wire: ServiceNowWire,
  tables: readonly string[],
  columns: BearingColumns,
): Promise<ColumnInspection> {
  try {
    return { via: 'dictionary', tables: await fromDictionary(wire, tables, columns) };
  } catch (error) {
    // 403 (no read ACL) or 404 (the platform hides the whole table): look at records instead.
    if (!isAuthError(error) && errorKind(error) !== 'notFound') throw error;
    return { via: 'records', tables: await fromRecords(wire, tables, columns) };
  }
}

async function fromDictionary(
  wire: ServiceNowWire,
  tables: readonly string[],
  columns: BearingColumns,
): Promise<TableColumns[]> {
  /** table → parent name ('' for none); absent: not asked yet; null: no such table. */
  const parents = new Map<string, string | null>();
  let ask = [...new Set(tables)];
  for (let depth = 0; ask.length && depth < MAX_DEPTH; depth++) {
    const rows = await wire.list('sys_db_object', {
      query: inQuery('name', ask),
      fields: ['name', 'super_class.name'],
      displayValue: 'false',
      limit: ask.length,
    });
    for (const name of ask) parents.set(name, null);
    for (const row of rows) parents.set(cellOf(row, 'name').value, cellOf(row, 'super_class.name').value);
    ask = [...new Set(rows.map((r) => cellOf(r, 'super_class.name').value))].filter(
      (p) => p !== '' && !parents.has(p),
    );
  }
  const chainOf = (table: string): string[] => {
    const chain: string[] = [];
    for (let t = parents.get(table); t && chain.length < MAX_DEPTH; t = parents.get(t)) chain.push(t);
    return chain;
  };
  const known = [...parents].filter(([, parent]) => parent !== null).map(([name]) => name);
  const names = FIELDS.map((f) => columns[f]);
  const entries = known.length
    ? await wire.list('sys_dictionary', {
        query: `${inQuery('name', known)}^${inQuery('element', names)}`,
        fields: ['name', 'element', 'internal_type', 'max_length'],
        displayValue: 'false',
        limit: known.length * names.length,
      })
    : [];
  const defined = new Map<string, RawRecord>();
  for (const e of entries) defined.set(`${cellOf(e, 'name').value}.${cellOf(e, 'element').value}`, e);

  return tables.map((table): TableColumns => {
    const parentsOf = chainOf(table);
    const result: TableColumns = {
      table,
      state: 'ready',
      found: [],
      missing: [],
      wrong: [],
      parents: parentsOf,
    };
    if (parents.get(table) === null) return { ...result, state: 'no-table' };
    for (const field of FIELDS) {
      const column = columns[field];
      const spec = SPEC[field];
      const owner = [table, ...parentsOf].find((t) => defined.has(`${t}.${column}`));
      const entry = owner === undefined ? undefined : defined.get(`${owner}.${column}`);
      if (!entry || owner === undefined) {
        result.missing.push({ column, label: spec.label, create: spec.create });
        continue;
      }
      const type = cellOf(entry, 'internal_type').value;
      const maxLength = Number(cellOf(entry, 'max_length').value) || undefined;
      result.found.push({ column, definedOn: owner, type, ...(maxLength !== undefined && { maxLength }) });
      const typeOk = spec.type === 'integer' ? type === 'integer' : /^string/.test(type);
      if (!typeOk) {
        result.wrong.push(`${column} (on ${owner}) is of type ${type}; bearing needs ${spec.create}`);
      } else if (spec.minLength !== undefined && maxLength !== undefined && maxLength < spec.minLength) {
        result.wrong.push(
          `${column} (on ${owner}) holds ${maxLength} characters; bearing needs at least ${spec.minLength} (${spec.create})`,
        );
      }
    }
    result.state = result.missing.length ? 'missing' : result.wrong.length ? 'wrong' : 'ready';
    return result;
  });
}

async function fromRecords(
  wire: ServiceNowWire,
  tables: readonly string[],
  columns: BearingColumns,
): Promise<TableColumns[]> {
  return Promise.all(
    tables.map(async (table): Promise<TableColumns> => {
      const names = FIELDS.map((f) => columns[f]);
      const result: TableColumns = {
        table,
        state: 'unknown',
        found: [],
        missing: [],
        wrong: [],
        parents: [],
      };
      const [row] = await wire.list(table, { fields: ['sys_id', ...names], displayValue: 'false', limit: 1 });
      for (const field of FIELDS) {
        const column = columns[field];
        if (row && column in row) result.found.push({ column });
        else result.missing.push({ column, label: SPEC[field].label, create: SPEC[field].create });
      }
      if (!row) return result;
      return { ...result, state: result.missing.length ? 'missing' : 'ready' };
    }),
  );
}

/** What `bearing setup` prints: per table, ready or exactly what to create (column, type, table). */
export function setupReport(baseUrl: string, inspection: ColumnInspection): SetupReport {
  const lines = [
    `ServiceNow ${baseUrl}: bearing's columns, checked in ${
      inspection.via === 'dictionary'
        ? 'sys_dictionary'
        : 'one record per table (sys_dictionary is not readable, so column types were not checked)'
    }`,
  ];
  for (const t of inspection.tables) lines.push(...tableLines(t));
  const lacking = inspection.tables.filter((t) => t.state === 'missing');
  if (lacking.length > 1 && lacking.every((t) => t.parents.includes('task'))) {
    lines.push(
      `Tip: ${lacking.map((t) => t.table).join(', ')} all extend task; a column created once on task is inherited by all of them.`,
    );
  }
  return { system: 'servicenow', lines, ready: inspection.tables.every((t) => t.state === 'ready') };
}

/** The lines about one table; also the writer's reason for refusing to write to it. */
export function tableLines(t: TableColumns): string[] {
  switch (t.state) {
    case 'ready':
      return [
        `${t.table}: ready (${t.found
          .map((f) =>
            [f.column, f.type, f.definedOn && f.definedOn !== t.table ? `on ${f.definedOn}` : '']
              .filter(Boolean)
              .join(' '),
          )
          .join(', ')})`,
      ];
    case 'no-table':
      return [
        `${t.table}: no such table on this instance (is its plugin active?); remove it from servicenow.tables`,
      ];
    case 'unknown':
      return [
        `${t.table}: could not check (no record to look at, and sys_dictionary is not readable); make sure these columns exist:`,
        ...t.missing.map(
          (m) => `  - table ${t.table}, column ${m.column}, type ${m.create}, label "${m.label}"`,
        ),
      ];
    case 'wrong':
      return [`${t.table}: ${t.wrong.join('; ')}`];
    case 'missing':
      return [
        `${t.table}: an admin must create ${t.missing.length === 1 ? 'this column' : 'these columns'} (System Definition > Tables > ${t.table}):`,
        ...t.missing.map(
          (m) => `  - table ${t.table}, column ${m.column}, type ${m.create}, label "${m.label}"`,
        ),
        ...t.wrong.map((w) => `  - fix: ${w}`),
      ];
  }
}
