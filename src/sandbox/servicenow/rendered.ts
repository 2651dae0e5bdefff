import type { Row } from './schema.js';

/**
 * Records already rendered as JSON, per row and render settings, kept while the instance stays as it
 * is: a listing read again costs a join instead of display values and JSON for every field. A record's
 * rendering reads other records too (reference display values, dot-walks, journals), so any change
 * anywhere in the instance (its revision) starts afresh.
 */
export class RenderedRecords {
  private revision = -1;
  private readonly bySettings = new Map<string, Map<Row, string>>();

  /** Each row's JSON under `settings`; `render` is asked for the rows not rendered yet, in order. */
  json(
    revision: number,
    settings: string,
    rows: readonly Row[],
    render: (rows: readonly Row[]) => string[],
  ): string[] {
    if (revision !== this.revision) {
      this.bySettings.clear();
      this.revision = revision;
    }
    let rendered = this.bySettings.get(settings);
    if (!rendered) {
      rendered = new Map();
      this.bySettings.set(settings, rendered);
    }
    const known = rendered;
    const missing = rows.filter((row) => !known.has(row));
    if (missing.length > 0) render(missing).forEach((json, i) => known.set(missing[i] as Row, json));
    return rows.map((row) => known.get(row) as string);
  }
}
