import { Option, type Command } from 'commander';
import { BearingError } from '../../core/errors.js';
import { reportWeek, type ReportResult } from '../../main.js';
import type { CliIo } from '../io.js';
import { configOption, type ConfigOptions } from '../options.js';

export function registerReport(program: Command, io: CliIo): void {
  program
    .command('report')
    .description(
      'write the weekly drift report to report.out and deliver it (a week already reported is rendered again as it was)',
    )
    .addOption(configOption())
    .addOption(
      new Option(
        '--week <week>',
        'ISO week, e.g. 2026-W47 (default: the last complete week in schedule.timezone)',
      ),
    )
    .action(async (options: ConfigOptions & { week?: string }) => {
      const result = await reportWeek(
        options.config,
        options.week === undefined ? {} : { week: options.week },
      );
      io.out(formatReport(result));
      const failed = result.deliveries.filter((d) => !d.ok);
      if (failed.length > 0) {
        throw new BearingError(
          'fatal',
          `report ${result.week} is complete in ${result.dir}, but ${failed.map((d) => d.channel).join(' and ')} ` +
            `delivery failed: ${failed.map((d) => d.error ?? 'unknown error').join('; ')}`,
        );
      }
    });
}

export function formatReport(r: ReportResult): string {
  const how =
    r.builtFrom === null ? 'rendered again from the stored report' : `built from analysis ${r.builtFrom}`;
  const names = r.files.map((f) => f.slice(r.dir.length + 1));
  const lines = [`report ${r.week}: ${how}`, `  files     ${r.dir}`, `            ${names.join(', ')}`];
  if (r.deliveries.length === 0)
    lines.push('  delivery  files only (no report.email or report.webhook configured)');
  for (const d of r.deliveries) {
    const attempts = `${d.attempts} attempt${d.attempts === 1 ? '' : 's'}`;
    lines.push(
      `  ${d.channel.padEnd(8)}  ${d.ok ? `delivered (${attempts})` : `FAILED after ${attempts}: ${d.error ?? 'unknown error'}`}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
