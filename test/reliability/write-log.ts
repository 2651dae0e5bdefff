/**
 * What bearing wrote to the fakes, cycle by cycle: each field a write changed, from what to what,
 * and whether the new value is one the field already held earlier in the run (A → B → A, a value
 * written twice). The soak prints it per cycle next to the fault that was active.
 */
import type { World } from './harness.js';

export interface FieldChange {
  ticket: string;
  field: string;
  from: string;
  to: string;
  /** The field had this value before, earlier in the run: the write repeats it. */
  repeat: boolean;
  /** The ticket's first write by bearing (a field left empty then counts as changed later). */
  first: boolean;
}

const text = (value: unknown): string => (value === undefined ? 'unset' : JSON.stringify(value));

export class WriteLog {
  private jiraSeen = 0;
  private snSeen = 0;
  /** `ticket field` → every value written there so far, the last one last. */
  private readonly history = new Map<string, string[]>();
  /** Tickets written before the current call. */
  private readonly written = new Set<string>();

  constructor(private readonly world: World) {}

  /** The field changes written since the last call. */
  next(): FieldChange[] {
    const { jira, servicenow } = this.world.sandbox;
    const out: FieldChange[] = [];
    const note = (ticket: string, field: string, value: unknown): void => {
      const key = `${ticket} ${field}`;
      const to = text(value);
      const values = this.history.get(key) ?? [];
      const from = values.at(-1) ?? 'unset';
      if (to === from) return;
      out.push({ ticket, field, from, to, repeat: values.includes(to), first: !this.written.has(ticket) });
      values.push(to);
      this.history.set(key, values);
    };
    for (const w of jira.state.writes.slice(this.jiraSeen)) {
      note(w.key, jira.state.fields.get(w.field)?.name ?? w.field, w.to);
    }
    this.jiraSeen = jira.state.writes.length;
    for (const w of servicenow.state.writes.slice(this.snSeen)) {
      const number = servicenow.state.record(w.table, w.sysId)?.number ?? w.sysId;
      for (const [column, value] of Object.entries(w.body)) note(`SN:${String(number)}`, column, value);
    }
    this.snSeen = servicenow.state.writes.length;
    for (const change of out) this.written.add(change.ticket);
    return out;
  }
}

/**
 * One line per ticket whose fields changed after bearing had written them once, `limit` at most:
 * `KEY field a → b (again)`, repeats first. First writes are only counted.
 */
export function describeChanges(changes: readonly FieldChange[], limit = 12): string[] {
  const byTicket = new Map<string, FieldChange[]>();
  const first = new Set<string>();
  for (const c of changes) {
    if (c.first) first.add(c.ticket);
    else byTicket.set(c.ticket, [...(byTicket.get(c.ticket) ?? []), c]);
  }
  const repeatsFirst = [...byTicket].sort(
    ([, a], [, b]) => Number(b.some((c) => c.repeat)) - Number(a.some((c) => c.repeat)),
  );
  const lines = repeatsFirst.map(
    ([ticket, list]) =>
      `${ticket} ${list.map((c) => `${c.field} ${c.from} → ${c.to}${c.repeat ? ' (again)' : ''}`).join(', ')}`,
  );
  const shown =
    lines.length > limit ? [...lines.slice(0, limit), `… and ${lines.length - limit} more tickets`] : lines;
  return first.size > 0 ? [`${first.size} tickets written for the first time`, ...shown] : shown;
}
