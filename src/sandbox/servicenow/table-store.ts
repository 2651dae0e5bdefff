import type { Row } from './schema.js';

/** Rows of one table, with an index sorted by (sys_updated_on, sys_id) for keyset paging. */
export class TableStore {
  private readonly byId = new Map<string, Row>();
  private index: Row[] = [];
  private sorted = true;

  get size(): number {
    return this.byId.size;
  }

  get(sysId: string): Row | undefined {
    return this.byId.get(sysId);
  }

  /** Rows in insertion order (the order of a query without ORDERBY). */
  rows(): IterableIterator<Row> {
    return this.byId.values();
  }

  /** Adds a row; bulk loads append and sort once, on the next ordered read. */
  insert(row: Row): void {
    const sysId = idOf(row);
    if (this.byId.has(sysId)) this.delete(sysId);
    this.byId.set(sysId, row);
    const last = this.index[this.index.length - 1];
    if (this.sorted && last && compareKeys(last, row) > 0) this.sorted = false;
    this.index.push(row);
  }

  /** Applies `change` to a row and keeps the index in order when its key moves. */
  update(row: Row, change: () => void): void {
    if (!this.sorted) {
      change();
      return;
    }
    this.index.splice(this.position(row), 1);
    change();
    this.index.splice(this.lowerBound(row), 0, row);
  }

  delete(sysId: string): boolean {
    const row = this.byId.get(sysId);
    if (!row) return false;
    this.byId.delete(sysId);
    if (this.sorted) this.index.splice(this.position(row), 1);
    else this.index = this.index.filter((r) => r !== row);
    return true;
  }

  /** Rows sorted by (sys_updated_on, sys_id), compared as stored strings. */
  ordered(): readonly Row[] {
    if (!this.sorted) {
      this.index.sort(compareKeys);
      this.sorted = true;
    }
    return this.index;
  }

  /** Index positions [from, to) of rows whose sys_updated_on lies in the bounds. */
  range(bounds: UpdatedRange): { from: number; to: number } {
    const rows = this.ordered();
    const from = bounds.low === undefined ? 0 : this.bound(bounds.low.value, bounds.low.inclusive);
    const to =
      bounds.high === undefined ? rows.length : this.bound(bounds.high.value, !bounds.high.inclusive);
    return { from, to: Math.max(from, to) };
  }

  /** First position whose sys_updated_on is ≥ value (inclusive) or > value (exclusive). */
  private bound(value: string, inclusive: boolean): number {
    const rows = this.ordered();
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = cmp(updatedOf(rows[mid] as Row), value);
      if (c < 0 || (c === 0 && !inclusive)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private lowerBound(row: Row): number {
    let lo = 0;
    let hi = this.index.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(this.index[mid] as Row, row) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private position(row: Row): number {
    const at = this.lowerBound(row);
    if (this.index[at] === row) return at;
    // Keys are unique by sys_id, so this only happens if a row was changed behind the store's back.
    return this.index.indexOf(row);
  }
}

/** Bounds on sys_updated_on; absent sides are open. */
export interface UpdatedRange {
  low?: { value: string; inclusive: boolean };
  high?: { value: string; inclusive: boolean };
}

const idOf = (row: Row): string => row.sys_id ?? '';
const updatedOf = (row: Row): string => row.sys_updated_on ?? '';
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function compareKeys(a: Row, b: Row): number {
  return cmp(updatedOf(a), updatedOf(b)) || cmp(idOf(a), idOf(b));
}
