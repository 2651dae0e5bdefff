import { appendFileSync } from 'node:fs';

/**
 * A measured figure. Budgeted figures carry their limit and which side of it is good; every budget
 * is a ratio or a count measured in the same run, so a noisy machine moves value and limit together.
 */
export interface Figure {
  value: number;
  unit: string;
  budget?: number;
  kind?: 'max' | 'min';
}

export const figure = (value: number, unit: string): Figure => ({ value, unit });

/** `value` must stay at or under `budget`. */
export const atMost = (value: number, budget: number, unit: string): Figure => ({
  value,
  budget,
  kind: 'max',
  unit,
});

/** `value` must reach at least `budget`. */
export const atLeast = (value: number, budget: number, unit: string): Figure => ({
  value,
  budget,
  kind: 'min',
  unit,
});

/** Whether a budgeted figure is met; undefined for a figure without a budget. */
export function isMet(f: Figure): boolean | undefined {
  if (f.budget === undefined || f.kind === undefined) return undefined;
  return f.kind === 'max' ? f.value <= f.budget : f.value >= f.budget;
}

/**
 * Hands figures to `npm run bench` (bench/run.ts), which sets BENCH_FIGURES to a file of JSON lines.
 * Run on its own, a bench just prints; this does nothing.
 */
export function publish(bench: string, figures: Record<string, Figure>): void {
  const file = process.env.BENCH_FIGURES;
  if (!file) return;
  const lines = Object.entries(figures).map(([name, f]) =>
    JSON.stringify({ name: `${bench}.${name}`, ...f }),
  );
  appendFileSync(file, lines.map((l) => `${l}\n`).join(''));
}
