import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { runDemo, type DemoResult } from '../../main.js';
import type { CliIo } from '../io.js';

interface DemoOptions {
  out: string;
  size: string;
  seed: string;
}

export function registerDemo(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description(
      'fake Jira and ServiceNow on loopback with a demo company, one full cycle, a report in ./out',
    )
    .addOption(new Option('-o, --out <dir>', 'where the report goes').default('./out'))
    .addOption(new Option('--size <items>', 'tickets in the demo company').default('2000'))
    .addOption(new Option('--seed <n>', 'seed of the demo company').default('1'))
    .action(async (options: DemoOptions) => {
      const result = await runDemo({
        out: options.out,
        size: positive(options.size),
        seed: positive(options.seed),
      });
      io.out(formatDemo(result));
      if (!result.cycle.ok) throw new Error(`the demo cycle failed:\n${result.cycle.failures.join('\n')}`);
    });
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`expected a positive whole number, got "${value}"`);
  return n;
}

function formatDemo(r: DemoResult): string {
  const a = r.cycle.analyze;
  const w = r.cycle.writeback;
  const lines = [
    `bearing demo: one full cycle against fake Jira and ServiceNow in ${r.seconds.toFixed(1)} s`,
    `  pulled      ${r.pulled.jira} Jira issues (of ${r.tickets.jira}), ${r.pulled.servicenow} ServiceNow records (of ${r.tickets.servicenow})`,
  ];
  if (a) {
    const goals = Object.entries(a.goals)
      .sort(([x], [y]) => (x < y ? -1 : 1))
      .map(([g, n]) => `${g} ${n}`)
      .join(', ');
    lines.push(`  goals       ${goals}`);
    lines.push(
      `  flags       ${Object.entries(a.flags)
        .map(([f, n]) => `${f} ${n}`)
        .join(', ')}`,
    );
  }
  if (w)
    lines.push(`  written     ${w.written} items (${w.failed} failed, ${w.unchanged} already up to date)`);
  if (r.report)
    lines.push(
      `  report      ${r.report.week}: ${join(r.report.dir, 'report.html')} (with report.md, report.json)`,
    );
  lines.push(`  store       a temporary sqlite file, removed on exit`);
  if (!r.cycle.ok) lines.push(`  failures    ${r.cycle.failures.length}`);
  return `${lines.join('\n')}\n`;
}
