import type { Report } from '../../model/index.js';
import type { StoredReport } from '../store.js';
import type { Connection } from './connection.js';

/**
 * The report is kept as the JSON text it serialises to. JSON.parse keeps key order and number
 * values, so serialising what getReport returns gives the same bytes as serialising what was saved.
 * Saving a week again replaces it.
 */
export function saveReport(conn: Connection, stored: StoredReport): void {
  conn
    .stmt(
      `INSERT INTO reports (week, generated_at, json) VALUES (?, ?, ?)
       ON CONFLICT (week) DO UPDATE SET generated_at = excluded.generated_at, json = excluded.json`,
    )
    .run(stored.week, stored.generatedAt, JSON.stringify(stored.report));
}

export function getReport(conn: Connection, week: string): StoredReport | null {
  const row = conn.stmt('SELECT week, generated_at, json FROM reports WHERE week = ?').get(week);
  if (!row) return null;
  return {
    week: row.week as string,
    generatedAt: row.generated_at as string,
    report: JSON.parse(row.json as string) as Report,
  };
}

export function listReportWeeks(conn: Connection): string[] {
  return conn
    .stmt('SELECT week FROM reports ORDER BY week')
    .all()
    .map((r) => r.week as string);
}
