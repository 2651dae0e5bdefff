import { BearingError } from '../../core/index.js';
import type { Finding, FindingKind } from '../../model/index.js';
import type { RunRecord, RunStatus, StoredFinding } from '../store.js';
import type { Db } from './connection.js';
import { lastWins } from './items.js';

interface RunRow {
  id: string;
  kind: string;
  started_at: string;
  finished_at: string | null;
  status: RunStatus;
  summary: Record<string, unknown> | null;
}

const RUN_COLUMNS = 'id, kind, started_at, finished_at, status, summary';

const toRun = (r: RunRow): RunRecord => ({
  id: r.id,
  kind: r.kind,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  status: r.status,
  summary: r.summary,
});

export async function startRun(db: Db, run: { id: string; kind: string; startedAt: string }): Promise<void> {
  const { rowCount } = await db.query(
    `INSERT INTO runs (id, kind, started_at, status) VALUES ($1, $2, $3, 'running') ON CONFLICT (id) DO NOTHING`,
    [run.id, run.kind, run.startedAt],
  );
  if (rowCount === 0) {
    throw new BearingError('fatal', `run ${run.id} was already started; every run needs a new id (newRunId)`);
  }
}

export async function finishRun(
  db: Db,
  id: string,
  status: Exclude<RunStatus, 'running'>,
  summary: Record<string, unknown>,
  nowIso: string,
): Promise<void> {
  const { rowCount } = await db.query(
    'UPDATE runs SET status = $1, finished_at = $2, summary = $3::jsonb WHERE id = $4',
    [status, nowIso, JSON.stringify(summary), id],
  );
  if (rowCount === 0) throw new BearingError('notFound', `cannot finish run ${id}: it was never started`);
}

export async function getRun(db: Db, id: string): Promise<RunRecord | null> {
  const { rows } = await db.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = $1`, [id]);
  return rows[0] ? toRun(rows[0]) : null;
}

export async function lastRun(db: Db, kind: string, status?: RunStatus): Promise<RunRecord | null> {
  const { rows } =
    status === undefined
      ? await db.query<RunRow>(
          `SELECT ${RUN_COLUMNS} FROM runs WHERE kind = $1 ORDER BY started_at DESC, seq DESC LIMIT 1`,
          [kind],
        )
      : await db.query<RunRow>(
          `SELECT ${RUN_COLUMNS} FROM runs WHERE kind = $1 AND status = $2
           ORDER BY started_at DESC, seq DESC LIMIT 1`,
          [kind, status],
        );
  return rows[0] ? toRun(rows[0]) : null;
}

/** A finding saved again in the same run (same kind and key) replaces the earlier one and takes its later place. */
export async function saveFindings(db: Db, runId: string, findings: readonly Finding[]): Promise<void> {
  if (findings.length === 0) return;
  const latest = lastWins(findings, (f) => `${f.kind}\u0000${f.key}`);
  await db.tx(async (c) => {
    await c.query(
      `DELETE FROM findings f USING unnest($2::text[], $3::text[]) AS n (kind, key)
       WHERE f.run_id = $1 AND f.kind = n.kind AND f.key = n.key`,
      [runId, latest.map((f) => f.kind), latest.map((f) => f.key)],
    );
    await c.query(
      `INSERT INTO findings (run_id, kind, key, items, summary, details)
       SELECT $1, u.kind, u.key, u.items::jsonb, u.summary, u.details::jsonb
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
         WITH ORDINALITY AS u (kind, key, items, summary, details, n)
       ORDER BY u.n`,
      [
        runId,
        latest.map((f) => f.kind),
        latest.map((f) => f.key),
        latest.map((f) => JSON.stringify(f.items)),
        latest.map((f) => f.summary),
        latest.map((f) => JSON.stringify(f.details)),
      ],
    );
  });
}

/** In the order they were saved, so an analyser's ranking survives. */
export async function listFindings(db: Db, runId: string, kind?: FindingKind): Promise<StoredFinding[]> {
  const select = 'SELECT run_id, kind, key, items, summary, details FROM findings WHERE run_id = $1';
  const { rows } = await db.query<{
    run_id: string;
    kind: FindingKind;
    key: string;
    items: string[];
    summary: string;
    details: Record<string, unknown>;
  }>(
    kind === undefined ? `${select} ORDER BY seq` : `${select} AND kind = $2 ORDER BY seq`,
    kind === undefined ? [runId] : [runId, kind],
  );
  return rows.map((r) => ({
    runId: r.run_id,
    kind: r.kind,
    key: r.key,
    items: r.items,
    summary: r.summary,
    details: r.details,
  }));
}
