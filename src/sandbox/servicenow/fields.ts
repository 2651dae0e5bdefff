import type { Catalog, ColumnDef, Row } from './schema.js';

/** A column path (`caller_id.department.name`) resolved against a table's schema. */
export interface ResolvedField {
  path: string;
  column: ColumnDef;
  /**
   * The record holding the last column: the row itself, or the record a dot-walk ends at;
   * undefined when a reference on the way is empty or points nowhere.
   */
  ownerOf(row: Row): Row | undefined;
}

/** Follows a row to the record one or more reference hops away. */
export type Walk = (row: Row) => Row | undefined;

/**
 * Resolves a column or a dot-walk through reference columns (api-facts §6.1 `sysparm_fields`);
 * undefined when any step names no column of its table. Fields resolved with the same `walks`
 * share their hops, and a walk remembers the last row it followed: `caller_id.name` and
 * `caller_id.email` look the caller up once per row. So resolve per request, while no row changes.
 */
export function resolveField(
  catalog: Catalog,
  table: string,
  path: string,
  walks = new Map<string, Walk>(),
): ResolvedField | undefined {
  const hops: ColumnDef[] = [];
  let current = table;
  const names = path.split('.');
  for (const [i, name] of names.entries()) {
    const column = catalog.columnsOf(current)?.get(name);
    if (!column) return undefined;
    hops.push(column);
    if (i < names.length - 1) {
      if (column.type !== 'reference' || !column.reference) return undefined;
      current = column.reference;
    }
  }
  const column = hops.pop() as ColumnDef;
  return { path, column, ownerOf: hops.length ? walkOf(catalog, hops, walks) : (row) => row };
}

function walkOf(catalog: Catalog, hops: readonly ColumnDef[], walks: Map<string, Walk>): Walk {
  const key = hops.map((h) => h.name).join('.');
  const known = walks.get(key);
  if (known) return known;
  const hop = hops[hops.length - 1] as ColumnDef;
  const before: Walk = hops.length > 1 ? walkOf(catalog, hops.slice(0, -1), walks) : (row) => row;
  let lastRow: Row | undefined;
  let lastOwner: Row | undefined;
  const walk: Walk = (row) => {
    if (row !== lastRow) {
      const ref = before(row)?.[hop.name] ?? '';
      lastOwner = ref === '' ? undefined : catalog.find(hop.reference as string, ref, hop.referenceKey)?.row;
      lastRow = row;
    }
    return lastOwner;
  };
  walks.set(key, walk);
  return walk;
}

/**
 * The raw value a field shows for a row: '' for an unset column or a broken dot-walk, null only
 * for a column left out of an injected, schema-breaking record.
 */
export function valueOf(field: ResolvedField, row: Row): string | null {
  const owner = field.ownerOf(row);
  if (!owner) return '';
  const value = owner[field.column.name];
  return value === undefined ? '' : value;
}
