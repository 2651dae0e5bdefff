import { Option, type Command } from 'commander';
import { BearingError } from '../../core/errors.js';
import { explainKey, runStages, setupSystems, type CycleResult, type Stage } from '../../main.js';
import { runOnce, startService, weeklyReport } from '../../app/service.js';
import type { CliIo } from '../io.js';
import { configOption, type ConfigOptions } from '../options.js';

/** A terminal for progress bars (stderr, so stdout keeps the JSON log lines and the summary). */
const tty = (): NodeJS.WritableStream | undefined => (process.stderr.isTTY ? process.stderr : undefined);

/** sync, analyze, writeback, run [--once], setup and explain: the worker and its stages one by one. */
export function registerStages(program: Command, io: CliIo): void {
  const stage = (name: string, description: string, stages: Stage[]): Command =>
    program
      .command(name)
      .description(description)
      .addOption(configOption())
      .action(async (options: ConfigOptions) =>
        finish(io, await runStages(options.config, stages, { tty: tty() })),
      );

  stage('sync', 'pull changed tickets from Jira and ServiceNow into the store', ['sync']);
  stage('analyze', 'tag goals, find duplicate tools and work, misaligned work and request pressure, score', [
    'analyze',
  ]);
  program
    .command('writeback')
    .description("write score, goal and flags onto the tickets (only values they don't hold)")
    .addOption(configOption())
    .addOption(new Option('--dry-run', 'print the planned writes (item, field, old → new) and write nothing'))
    .action(async (options: ConfigOptions & { dryRun?: boolean }) => {
      const result = await runStages(options.config, ['writeback'], {
        dryRun: options.dryRun ?? false,
        tty: tty(),
      });
      if (options.dryRun) io.out(result.writeback?.preview.map((l) => `${l}\n`).join('') ?? '');
      finish(io, result);
    });
  program
    .command('run')
    .description(
      'the worker: sync → analyze → write-back and the weekly report on their schedules, with /healthz, /readyz and /metrics; --once runs one cycle',
    )
    .addOption(configOption())
    .addOption(new Option('--once', 'run one cycle, then exit with its status'))
    .action(async (options: ConfigOptions & { once?: boolean }) => {
      if (options.once) {
        finish(io, await runOnce(options.config, { tty: tty() }));
        return;
      }
      const service = await startService(options.config, { report: weeklyReport, tty: tty() });
      // The service ends the process itself once stopped (SIGTERM, SIGINT).
      await service.stopped;
    });
  program
    .command('setup')
    .description('find or create the Jira fields; check the ServiceNow columns')
    .addOption(configOption())
    .action(async (options: ConfigOptions) => {
      const { lines, ready } = await setupSystems(options.config);
      io.out(`${lines.join('\n')}\n`);
      if (!ready) throw new BearingError('fatal', 'set-up is not complete: see the steps above');
    });
  program
    .command('explain')
    .description('why an item got its score')
    .argument('<key>', 'a Jira key (OPS-14) or ServiceNow number (INC0012345)')
    .addOption(configOption())
    .action(async (key: string, options: ConfigOptions) => {
      io.out(`${(await explainKey(options.config, key)).join('\n')}\n`);
    });
}

function finish(io: CliIo, result: CycleResult): void {
  const sync = result.sync ?? [];
  const parts: string[] = [];
  if (result.sync) {
    const items = sync.reduce((n, s) => n + s.items, 0);
    const quarantined = sync.reduce((n, s) => n + s.quarantined, 0);
    parts.push(`synced ${items} items in ${sync.length} scopes (${quarantined} quarantined)`);
  }
  if (result.analyze) parts.push(`analysed ${result.analyze.items} items`);
  if (result.writeback) {
    const w = result.writeback;
    parts.push(
      `wrote ${w.written} items (${w.failed} failed, retried next cycle; ${w.unchanged} up to date)`,
    );
  }
  io.out(`run ${result.runId}: ${parts.join('; ') || 'nothing to do'}\n`);
  if (!result.ok) throw new BearingError('fatal', result.failures.join('\n'));
}
