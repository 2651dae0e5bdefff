import type { DesiredValues, HeldValues, WorkItem } from '../model/index.js';

export type WritableField = keyof DesiredValues;

export interface PlanInput {
  item: WorkItem;
  desired: DesiredValues;
  /** The last values bearing wrote onto this item and when (our clock), or null. */
  lastWritten: { values: DesiredValues; at: string } | null;
}

export interface PlannedChange {
  item: WorkItem;
  values: DesiredValues;
  /** Only these fields are sent. */
  fields: WritableField[];
  /** What the item held before, for dry-run output and the audit. */
  held: HeldValues;
  /** True when bearing had written these values before and someone changed them since. */
  restoresOverwrite: boolean;
}

/** Flags are a set: order and duplicates don't count. */
export const normalizeFlags = (flags: readonly string[]): string[] => [...new Set(flags)].sort();

function differs(field: WritableField, held: HeldValues, desired: DesiredValues): boolean {
  switch (field) {
    case 'score':
      return held.score !== desired.score;
    case 'goal':
      return held.goal !== desired.goal;
    case 'flags':
      return normalizeFlags(held.flags ?? []).join(',') !== normalizeFlags(desired.flags).join(',');
  }
}

/** Whether the item already holds every one of these values. */
export const holdsValues = (held: HeldValues, values: DesiredValues): boolean =>
  (['score', 'goal', 'flags'] as const).every((f) => !differs(f, held, values));

const sameValues = (a: DesiredValues, b: DesiredValues): boolean =>
  a.score === b.score &&
  a.goal === b.goal &&
  normalizeFlags(a.flags).join(',') === normalizeFlags(b.flags).join(',');

/**
 * Decides what to write onto one item: only the fields whose held value differs from the desired
 * one. When the pulled snapshot predates bearing's own last write of exactly these values (a search
 * that lags a write, or a crash after the write landed), nothing is written: the value is there.
 * A snapshot newer than that write that holds something else is a human overwrite: it is put back.
 */
export function planItem(input: PlanInput): PlannedChange | null {
  const { item, desired, lastWritten } = input;
  const fields = (['score', 'goal', 'flags'] as const).filter((f) => differs(f, item.held, desired));
  if (fields.length === 0) return null;
  const wroteTheseValues = lastWritten !== null && sameValues(lastWritten.values, desired);
  if (wroteTheseValues && Date.parse(item.updated) < Date.parse(lastWritten.at)) return null;
  return {
    item,
    values: { ...desired, flags: normalizeFlags(desired.flags) },
    fields,
    held: item.held,
    restoresOverwrite: wroteTheseValues,
  };
}

export interface WritePlan {
  changes: PlannedChange[];
  /** Items already holding their desired values. */
  unchanged: number;
}

export function planWrites(inputs: Iterable<PlanInput>): WritePlan {
  const changes: PlannedChange[] = [];
  let unchanged = 0;
  for (const input of inputs) {
    const change = planItem(input);
    if (change) changes.push(change);
    else unchanged++;
  }
  return { changes, unchanged };
}

/** One line per change for `bearing writeback --dry-run`: item, field, old → new. */
export function describeChange(change: PlannedChange): string[] {
  const show = (v: unknown): string =>
    v === null || v === undefined ? '(empty)' : Array.isArray(v) ? v.join(',') || '(none)' : String(v);
  return change.fields.map(
    (field) =>
      `${change.item.ref} ${field}: ${show(change.held[field])} → ${show(change.values[field])}${change.restoresOverwrite ? ' (restoring an overwrite)' : ''}`,
  );
}
