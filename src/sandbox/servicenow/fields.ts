import type { Catalog, ColumnDef, Row } from './schema.js';

/** A column path (`caller_id.department.name`) resolved against a table's schema. */
export interface ResolvedField {
  path: string;
  column: ColumnDef;
  /** Reads the value the path points at: the record holding the last column, and its raw value. */
  read(row: Row): { owner: Row | undefined; value: string | null };
}

/**
 * Resolves a column or a dot-walk through reference columns (api-facts §6.1 `sysparm_fields`);
 * undefined when any step names no column of its table.
 */
export function resolveField(catalog: Catalog, table: string, path: string): ResolvedField | undefined {
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
  const last = hops[hops.length - 1] as ColumnDef;
  if (hops.length === 1) {
    return { path, column: last, read: (row) => ({ owner: row, value: read(row, last.name) }) };
  }
  return {
    path,
    column: last,
    read(row) {
      let owner: Row = row;
      for (const hop of hops.slice(0, -1)) {
        const key = owner[hop.name] ?? '';
        const next = key === '' ? undefined : catalog.find(hop.reference as string, key, hop.referenceKey);
        if (!next) return { owner: undefined, value: '' };
        owner = next.row;
      }
      return { owner, value: read(owner, last.name) };
    },
  };
}

const read = (row: Row, column: string): string | null => {
  const value = row[column];
  return value === undefined ? '' : value;
};
