import { BearingError } from '../../core/index.js';
import type { Finding, FindingKind } from '../../model/index.js';
import type { RunRecord, RunStatus, StoredFinding } from '../store.js';
import type { Connection } from './connection.js';

const toRun = (r: Record<string, unknown>): RunRecord => ({
  id: r.id as string,
  kind: r.kind as string,
  startedAt: r.started_at as string,
  finishedAt: (r.finished_at as string | null) ?? null,
  status: r.status as RunStatus,
  summary: r.summary === null ? null : (JSON.parse(r.summary as string) as Record<string, unknown>),
});

export function startRun(conn: Connection, run: { id: string; kind: string; startedAt: string }): void {
  const { changes } = conn
    .stmt(
      `INSERT INTO runs (id, kind, started_at, status) VALUES (?, ?, ?, 'running') ON CONFLICT (id) DO NOTHING`,
    )
    .run(run.id, run.kind, run.startedAt);
  if (Number(changes) === 0) {
    throw new BearingError('fatal', `run ${run.id} was already started; every run needs a new id (newRunId)`);
  }
}

export function finishRun(
  conn: Connection,
  id: string,
  status: Exclude<RunStatus, 'running'>,
  summary: Record<string, unknown>,
  nowIso: string,
): void {
  const { changes } = conn
    .stmt('UPDATE runs SET status = ?, finished_at = ?, summary = ? WHERE id = ?')
    .run(status, nowIso, JSON.stringify(summary), id);
  if (Number(changes) === 0)
    throw new BearingError('notFound', `cannot finish run ${id}: it was never started`);
}

export function getRun(conn: Connection, id: string): RunRecord | null {
  const row = conn.stmt('SELECT * FROM runs WHERE id = ?').get(id);
  return row ? toRun(row) : null;
}

export function lastRun(conn: Connection, kind: string, status?: RunStatus): RunRecord | null {
  const row =
    status === undefined
      ? conn.stmt('SELECT * FROM runs WHERE kind = ? ORDER BY started_at DESC, rowid DESC LIMIT 1').get(kind)
      : conn
          .stmt(
            'SELECT * FROM runs WHERE kind = ? AND status = ? ORDER BY started_at DESC, rowid DESC LIMIT 1',
          )
          .get(kind, status);
  return row ? toRun(row) : null;
}

/** A finding saved again in the same run (same kind and key) replaces the earlier one. */
export function saveFindings(conn: Connection, runId: string, findings: readonly Finding[]): void {
  if (findings.length === 0) return;
  conn.tx(() => {
    const insert = conn.stmt(
      `INSERT OR REPLACE INTO findings (run_id, kind, key, items, summary, details) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    for (const f of findings) {
      insert.run(runId, f.kind, f.key, JSON.stringify(f.items), f.summary, JSON.stringify(f.details));
    }
  });
}

/** In the order they were saved, so an analyser's ranking survives. */
export function listFindings(conn: Connection, runId: string, kind?: FindingKind): StoredFinding[] {
  const rows =
    kind === undefined
      ? conn.stmt('SELECT * FROM findings WHERE run_id = ? ORDER BY rowid').all(runId)
      : conn.stmt('SELECT * FROM findings WHERE run_id = ? AND kind = ? ORDER BY rowid').all(runId, kind);
  return rows.map((r) => ({
    runId: r.run_id as string,
    kind: r.kind as FindingKind,
    key: r.key as string,
    items: JSON.parse(r.items as string) as string[],
    summary: r.summary as string,
    details: JSON.parse(r.details as string) as Record<string, unknown>,
  }));
}
