/**
 * The fake instance's data, inspectable and editable by tests: tables of rows, the data dictionary,
 * journals, access rules, the clock, and every write the API received.
 */
import { formatServiceNowTime } from '../../core/index.js';
import type { SeedPerson, SeedTicket } from '../seed.js';
import {
  BEARING_COLUMNS,
  TABLES,
  WORK_TABLES,
  customColumn,
  type Catalog,
  type ColumnDef,
  type Row,
  type TableDef,
} from './schema.js';
import { derivedSysId, seedRows } from './seed-load.js';
import { TableStore } from './table-store.js';

/** Runtime knobs; tests may change them between requests. */
export interface ServiceNowConfig {
  /**
   * The API user's time zone: display values and `gs.dateGenerate` literals use it (api-facts §6.2,
   * §6.3). A non-UTC zone by default, so code that mistakes either for UTC fails in tests.
   * @default 'America/Los_Angeles'
   */
  userTimeZone: string;
  /** Page size without `sysparm_limit` (§6.1). @default 10000 */
  defaultLimit: number;
  /** Largest page served; §6.1 documents no hard maximum. @default undefined (no cap) */
  maxLimit: number | undefined;
  /**
   * `glide.invalid_query.returns_no_rows`: a query naming an unknown field answers nothing instead
   * of ignoring that part (§6.1). @default false
   */
  invalidQueryReturnsNoRows: boolean;
  /**
   * Batch items serviced before the transaction quota cuts the batch; the rest come back in
   * `unserviced_requests` (§10.1). @default undefined (all serviced)
   */
  batchServicedLimit: number | undefined;
  /** Origin used in reference and Link URLs; the request's own origin when absent. */
  instanceUrl: string | undefined;
}

export interface ServiceNowStateOptions extends Partial<ServiceNowConfig> {
  /** Clock (epoch ms) for sys_updated_on, journals and rate-limit reset times. @default Date.now */
  now?: () => number;
  /**
   * Custom columns present per table (any table, `task` included: columns there are inherited).
   * @default bearing's three columns on each of the five work tables
   */
  customColumns?: Record<string, string[]>;
}

export interface JournalEntry {
  element: 'comments' | 'work_notes';
  text: string;
  /** Raw UTC time of the entry. */
  at: string;
  /** Display name of the author. */
  by: string;
}

/** One PATCH/PUT the API accepted (including ones that changed nothing). */
export interface WriteRecord {
  table: string;
  sysId: string;
  method: string;
  via: 'table' | 'batch';
  user: string;
  /** Clock time of the write. */
  at: number;
  body: Record<string, unknown>;
  /** Columns whose value changed, with the stored value after the write. */
  applied: Record<string, string>;
  /** Body keys that are not writable columns of the table, silently ignored (§6.4). */
  ignored: string[];
}

export interface AccessRule {
  read: boolean;
  write: boolean;
}

const DEFS = new Map(TABLES.map((t) => [t.name, t]));

/** Tables a reference to `table` may point into: itself and every table extending it. */
const FAMILY = new Map(
  TABLES.map((t) => [
    t.name,
    TABLES.filter((c) => !c.abstract && ancestry(c).includes(t.name)).map((c) => c.name),
  ]),
);

function ancestry(table: TableDef): string[] {
  const chain: string[] = [];
  for (let t: TableDef | undefined = table; t; t = t.extends ? DEFS.get(t.extends) : undefined)
    chain.unshift(t.name);
  return chain;
}

export class ServiceNowState implements Catalog {
  readonly config: ServiceNowConfig;
  readonly writes: WriteRecord[] = [];
  readonly now: () => number;
  private readonly stores = new Map<string, TableStore>();
  private readonly custom = new Map<string, string[]>();
  private readonly columnCache = new Map<string, ReadonlyMap<string, ColumnDef>>();
  private readonly journals = new Map<string, JournalEntry[]>();
  private readonly access = new Map<string, AccessRule>();
  private readonly createdAt: string;
  private inserted = 0;

  constructor(options: ServiceNowStateOptions = {}) {
    this.now = options.now ?? Date.now;
    this.config = {
      userTimeZone: options.userTimeZone ?? 'America/Los_Angeles',
      defaultLimit: options.defaultLimit ?? 10_000,
      maxLimit: options.maxLimit,
      invalidQueryReturnsNoRows: options.invalidQueryReturnsNoRows ?? false,
      batchServicedLimit: options.batchServicedLimit,
      instanceUrl: options.instanceUrl,
    };
    this.createdAt = formatServiceNowTime(this.now());
    for (const t of TABLES) if (!t.abstract) this.stores.set(t.name, new TableStore());
    const custom = options.customColumns ?? Object.fromEntries(WORK_TABLES.map((t) => [t, BEARING_COLUMNS]));
    for (const [table, columns] of Object.entries(custom)) this.custom.set(table, [...columns]);
    // The bot reads the dictionary but is no admin: it cannot change it.
    for (const t of ['sys_dictionary', 'sys_db_object']) this.access.set(t, { read: true, write: false });
    this.rebuildDictionary();
  }

  // ── Catalog ────────────────────────────────────────────────────────────────────────────────

  columnsOf(table: string): ReadonlyMap<string, ColumnDef> | undefined {
    const def = DEFS.get(table);
    if (!def) return undefined;
    let columns = this.columnCache.get(table);
    if (!columns) {
      const map = new Map<string, ColumnDef>();
      for (const name of ancestry(def)) {
        const level = DEFS.get(name) as TableDef;
        for (const column of level.columns) map.set(column.name, column);
        for (const column of this.custom.get(name) ?? []) map.set(column, customColumn(column));
        for (const [column, choices] of Object.entries(level.choiceOverrides ?? {})) {
          const base = map.get(column);
          if (base) map.set(column, { ...base, choices });
        }
      }
      columns = map;
      this.columnCache.set(table, columns);
    }
    return columns;
  }

  find(table: string, key: string, referenceKey = 'sys_id'): { table: string; row: Row } | undefined {
    for (const name of FAMILY.get(table) ?? []) {
      const store = this.stores.get(name) as TableStore;
      if (referenceKey === 'sys_id') {
        const row = store.get(key);
        if (row) return { table: name, row };
      } else {
        for (const row of store.rows()) if (row[referenceKey] === key) return { table: name, row };
      }
    }
    return undefined;
  }

  displayColumnOf(table: string): string | undefined {
    return DEFS.get(table)?.displayColumn;
  }

  // ── What tests use ─────────────────────────────────────────────────────────────────────────

  /** Tables the API serves. */
  tables(): string[] {
    return [...this.stores.keys()];
  }

  /** Number of records in a table. */
  count(table: string): number {
    return this.storeOf(table).size;
  }

  /** A copy of a record's stored (raw) values, or undefined. */
  record(table: string, sysId: string): Row | undefined {
    const row = this.stores.get(table)?.get(sysId);
    return row ? { ...row } : undefined;
  }

  /** All records of a table, as copies, in insertion order. */
  records(table: string): Row[] {
    return [...this.storeOf(table).rows()].map((row) => ({ ...row }));
  }

  /** Journal entries (comments, work notes) of a record, oldest first. */
  journal(sysId: string): readonly JournalEntry[] {
    return this.journals.get(sysId) ?? [];
  }

  /** Loads the neutral seed: people, their departments, groups, services, tickets and their parents. */
  load(people: readonly SeedPerson[], tickets: readonly SeedTicket[]): void {
    const { tables } = seedRows(people, tickets, this.now(), (number) => {
      const found = [...this.storeOf('dmn_demand').rows()].find((row) => row.number === number);
      return found?.sys_id ?? undefined;
    });
    for (const [table, rows] of tables) for (const row of rows) this.storeOf(table).insert(row);
  }

  /**
   * Stores a record exactly as given, without any check: for records that break the schema
   * (`sys_updated_on: 'yesterday'`, `priority: 'banana'`, `number: null` to leave the key out of
   * answers). Missing sys fields are filled in. Returns the sys_id.
   */
  insert(table: string, values: Row): string {
    const store = this.storeOf(table);
    const at = formatServiceNowTime(this.now());
    const sysId = values.sys_id ?? derivedSysId(table, `inserted-${++this.inserted}`);
    const isTask = this.columnsOf(table)?.has('sys_class_name');
    store.insert({
      sys_created_on: at,
      sys_created_by: 'admin',
      sys_updated_on: at,
      sys_updated_by: 'admin',
      sys_mod_count: '0',
      ...(isTask && { sys_class_name: table }),
      ...values,
      sys_id: sysId,
    });
    return sysId;
  }

  /**
   * Changes a record as a person in the UI would: bumps sys_updated_on, sys_mod_count and
   * sys_updated_by; `comments` / `work_notes` add journal entries. Throws on an unknown record or
   * column (a mistake in the test, not an API behaviour).
   */
  editAsHuman(
    table: string,
    sysId: string,
    changes: Record<string, string | number | boolean>,
    options: { user?: string } = {},
  ): Row {
    const row = this.storeOf(table).get(sysId);
    if (!row) throw new Error(`editAsHuman: no ${table} record ${sysId}`);
    const columns = this.columnsOf(table) as ReadonlyMap<string, ColumnDef>;
    const values: Record<string, string> = {};
    for (const [column, value] of Object.entries(changes)) {
      if (!columns.has(column)) throw new Error(`editAsHuman: ${table} has no column ${column}`);
      values[column] = String(value);
    }
    this.change(table, row, values, { user: options.user ?? 'human.editor', autoSysFields: true });
    return { ...row };
  }

  deleteRecord(table: string, sysId: string): boolean {
    this.journals.delete(sysId);
    return this.storeOf(table).delete(sysId);
  }

  /**
   * Sets which custom (`u_`) columns a table defines, replacing the previous list. Values of removed
   * columns are dropped; the dictionary follows. Columns set on `task` are inherited by its children.
   */
  setColumns(table: string, present: readonly string[]): void {
    if (!DEFS.has(table)) throw new Error(`setColumns: unknown table ${table}`);
    const removed = (this.custom.get(table) ?? []).filter((c) => !present.includes(c));
    this.custom.set(table, [...present]);
    this.columnCache.clear();
    for (const name of FAMILY.get(table) ?? []) {
      const store = this.storeOf(name);
      for (const row of store.rows()) for (const column of removed) delete row[column];
    }
    this.rebuildDictionary();
  }

  /** What the API user may do with a table (ACLs); tables are readable and writable unless set. */
  setAccess(table: string, rule: Partial<AccessRule>): void {
    this.access.set(table, { ...this.accessOf(table), ...rule });
  }

  accessOf(table: string): AccessRule {
    return this.access.get(table) ?? { read: true, write: true };
  }

  // ── What the handlers use ──────────────────────────────────────────────────────────────────

  storeOf(table: string): TableStore {
    const store = this.stores.get(table);
    if (!store) throw new Error(`unknown table ${table}`);
    return store;
  }

  /**
   * Applies a write from the API: only writable columns (not `sys_*`) with primitive values;
   * the rest is ignored and reported. Returns what changed.
   */
  applyWrite(
    table: string,
    row: Row,
    body: Record<string, unknown>,
    meta: { user: string; autoSysFields: boolean },
  ): { applied: Record<string, string>; ignored: string[] } {
    const columns = this.columnsOf(table) as ReadonlyMap<string, ColumnDef>;
    const values: Record<string, string> = {};
    const ignored: string[] = [];
    for (const [key, value] of Object.entries(body)) {
      const primitive = value === null || ['string', 'number', 'boolean'].includes(typeof value);
      if (!columns.has(key) || key.startsWith('sys_') || !primitive) ignored.push(key);
      else values[key] = value === null ? '' : String(value);
    }
    return { applied: this.change(table, row, values, meta), ignored };
  }

  /**
   * Changes a row in place. As GlideRecord does, a write that changes nothing leaves the record
   * (and sys_updated_on) alone. Journal values append an entry instead of being stored.
   */
  private change(
    table: string,
    row: Row,
    values: Record<string, string>,
    meta: { user: string; autoSysFields: boolean },
  ): Record<string, string> {
    const columns = this.columnsOf(table) as ReadonlyMap<string, ColumnDef>;
    const changed: Record<string, string> = {};
    const entries: JournalEntry[] = [];
    const at = formatServiceNowTime(this.now());
    for (const [column, value] of Object.entries(values)) {
      if (columns.get(column)?.type === 'journal_input') {
        if (value !== '') {
          entries.push({
            element: column as JournalEntry['element'],
            text: value,
            at,
            by: this.displayName(meta.user),
          });
          changed[column] = value;
        }
      } else if ((row[column] ?? '') !== value) {
        changed[column] = value;
      }
    }
    if (!Object.keys(changed).length) return changed;
    const sysId = row.sys_id ?? '';
    if (entries.length) this.journals.set(sysId, [...this.journal(sysId), ...entries]);
    this.storeOf(table).update(row, () => {
      for (const [column, value] of Object.entries(changed)) {
        if (columns.get(column)?.type !== 'journal_input') row[column] = value;
      }
      if (meta.autoSysFields) {
        row.sys_updated_on = at;
        row.sys_updated_by = meta.user;
        row.sys_mod_count = String((Number.parseInt(row.sys_mod_count ?? '', 10) || 0) + 1);
      }
    });
    return changed;
  }

  private displayName(userName: string): string {
    for (const row of this.storeOf('sys_user').rows())
      if (row.user_name === userName) return row.name ?? userName;
    return userName;
  }

  /** sys_dictionary and sys_db_object rows for the current schema. */
  private rebuildDictionary(): void {
    const dictionary = new TableStore();
    const objects = new TableStore();
    const sys = (sysId: string): Row => ({
      sys_id: sysId,
      sys_created_on: this.createdAt,
      sys_created_by: 'system',
      sys_updated_on: this.createdAt,
      sys_updated_by: 'system',
      sys_mod_count: '0',
    });
    for (const def of TABLES) {
      objects.insert({
        ...sys(derivedSysId('sys_db_object', def.name)),
        name: def.name,
        label: def.label,
        super_class: def.extends ? derivedSysId('sys_db_object', def.extends) : '',
      });
      const entry = (column: ColumnDef | undefined, element: string): Row => ({
        ...sys(derivedSysId('sys_dictionary', `${def.name}.${element}`)),
        name: def.name,
        element,
        column_label: column?.label ?? def.label,
        internal_type: column?.type ?? 'collection',
        reference: column?.reference ?? '',
        max_length: String(column?.maxLength ?? (column?.type === 'string' ? 255 : 40)),
        active: 'true',
        mandatory: 'false',
        read_only: 'false',
      });
      dictionary.insert(entry(undefined, ''));
      for (const column of def.columns) dictionary.insert(entry(column, column.name));
      for (const name of this.custom.get(def.name) ?? []) dictionary.insert(entry(customColumn(name), name));
    }
    this.stores.set('sys_dictionary', dictionary);
    this.stores.set('sys_db_object', objects);
  }
}
