/**
 * Records as the Table API sends them (api-facts §6.2): every value a string, references as
 * `{link, value}` objects, display values per `sysparm_display_value`, links dropped per
 * `sysparm_exclude_reference_link`, columns per `sysparm_fields`.
 */
import { resolveField, valueOf, type ResolvedField, type Walk } from './fields.js';
import type { Catalog, ColumnDef, Row } from './schema.js';
import type { JournalEntry } from './state.js';
import { displayDuration, displayInteger, displayTime } from './values.js';

export type DisplayMode = 'false' | 'true' | 'all';

export interface RenderContext {
  catalog: Catalog;
  journal(sysId: string): readonly JournalEntry[];
  timeZone: string;
  /** Instance origin for reference links. */
  origin: string;
}

export interface RenderOptions {
  mode: DisplayMode;
  excludeReferenceLink: boolean;
  /** `sysparm_fields`; every column of the table when absent. Unknown names are left out. */
  fields: readonly string[] | undefined;
}

/** Renders rows of one table; the field list is resolved once for all rows. */
export function renderRecords(
  ctx: RenderContext,
  table: string,
  rows: readonly Row[],
  options: RenderOptions,
): Record<string, unknown>[] {
  return rows.map(recordRenderer(ctx, table, options));
}

/**
 * The renderer of one table's rows, with the field list resolved once. A listing turns each record
 * into JSON as soon as it is made (table-get.ts), so records die young instead of a page of them
 * living through a collection.
 */
export function recordRenderer(
  ctx: RenderContext,
  table: string,
  options: RenderOptions,
): (row: Row) => Record<string, unknown> {
  const walks = new Map<string, Walk>();
  const resolve = (path: string) => resolveField(ctx.catalog, table, path, walks);
  const fields: ResolvedField[] = options.fields
    ? options.fields.flatMap((path) => resolve(path) ?? [])
    : [...(ctx.catalog.columnsOf(table)?.keys() ?? [])].map((name) => resolve(name) as ResolvedField);
  // Each record starts as a copy of one holding every field: an object filled key by key turns into
  // a dictionary past a dozen keys, which JSON.stringify writes much more slowly.
  const template = Object.fromEntries(fields.map((field) => [field.path, '']));
  return (row) => {
    const out: Record<string, unknown> = { ...template };
    for (const field of fields) {
      const value = valueOf(field, row);
      // A column left out of an injected, schema-breaking record.
      if (value === null) delete out[field.path];
      else out[field.path] = renderValue(ctx, field.column, value, field.ownerOf(row), options);
    }
    return out;
  };
}

function renderValue(
  ctx: RenderContext,
  column: ColumnDef,
  raw: string,
  owner: Row | undefined,
  options: RenderOptions,
): unknown {
  if (column.type === 'reference') return renderReference(ctx, column, raw, options);
  if (options.mode === 'false') return raw;
  const display = displayOf(ctx, column, raw, owner);
  return options.mode === 'true' ? display : { display_value: display, value: raw };
}

/**
 * §6.2: `{link, value}` raw, `{display_value, link}` with display values, all three with `all`;
 * without the link, the bare value (or bare display value); an empty reference is `""`, and with
 * `all` every field, empty references included, is an object.
 */
function renderReference(
  ctx: RenderContext,
  column: ColumnDef,
  raw: string,
  options: RenderOptions,
): unknown {
  const { mode, excludeReferenceLink } = options;
  if (raw === '') return mode === 'all' ? { display_value: '', value: '' } : '';
  if (excludeReferenceLink) {
    if (mode === 'false') return raw;
    const display = referenceDisplay(ctx, column, raw);
    return mode === 'true' ? display : { display_value: display, value: raw };
  }
  const link = `${ctx.origin}/api/now/table/${column.reference}/${raw}`;
  if (mode === 'false') return { link, value: raw };
  const display = referenceDisplay(ctx, column, raw);
  return mode === 'true' ? { display_value: display, link } : { display_value: display, link, value: raw };
}

function referenceDisplay(ctx: RenderContext, column: ColumnDef, raw: string): string {
  const target = ctx.catalog.find(column.reference as string, raw, column.referenceKey);
  if (!target) return column.referenceKey ? raw : '';
  return target.row[ctx.catalog.displayColumnOf(target.table) ?? ''] ?? '';
}

const JOURNAL_LABEL = { comments: 'Additional comments', work_notes: 'Work notes' };

function displayOf(ctx: RenderContext, column: ColumnDef, raw: string, owner: Row | undefined): string {
  const label = column.choices?.[raw];
  if (label !== undefined) return label;
  switch (column.type) {
    case 'integer':
      return displayInteger(raw);
    case 'glide_date_time':
      return displayTime(raw, ctx.timeZone);
    case 'glide_duration':
      return displayDuration(raw);
    case 'journal_input':
      // The whole journal, newest first, as the platform prints it.
      return ctx
        .journal(owner?.sys_id ?? '')
        .filter((e) => e.element === column.name)
        .reverse()
        .map(
          (e) => `${displayTime(e.at, ctx.timeZone)} - ${e.by} (${JOURNAL_LABEL[e.element]})\n${e.text}\n\n`,
        )
        .join('');
    default:
      return raw;
  }
}
