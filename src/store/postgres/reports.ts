import type { Report } from '../../model/index.js';
import type { StoredReport } from '../store.js';
import type { Db } from './connection.js';

/**
 * The report is kept as the JSON text it serialises to (a `json` column keeps the text, key order
 * included), so serialising what getReport returns gives the same bytes as serialising what was
 * saved. Saving a week again replaces it.
 */
export async function saveReport(db: Db, stored: StoredReport): Promise<void> {
  await db.query(
    `INSERT INTO reports (week, generated_at, json) VALUES ($1, $2, $3::json)
     ON CONFLICT (week) DO UPDATE SET generated_at = excluded.generated_at, json = excluded.json`,
    [stored.week, stored.generatedAt, JSON.stringify(stored.report)],
  );
}

export async function getReport(db: Db, week: string): Promise<StoredReport | null> {
  const { rows } = await db.query<{ week: string; generated_at: string; json: Report }>(
    'SELECT week, generated_at, json FROM reports WHERE week = $1',
    [week],
  );
  const row = rows[0];
  return row ? { week: row.week, generatedAt: row.generated_at, report: row.json } : null;
}

export async function listReportWeeks(db: Db): Promise<string[]> {
  const { rows } = await db.query<{ week: string }>('SELECT week FROM reports ORDER BY week');
  return rows.map((r) => r.week);
}
