import type { Command } from 'commander';
import { checkConfiguration, reachServices, type CheckSummary } from '../../main.js';
import { BearingError } from '../../core/index.js';
import type { CliIo } from '../io.js';
import { configOption, type ConfigOptions } from '../options.js';

export function registerCheck(program: Command, io: CliIo): void {
  program
    .command('check')
    .description('validate bearing.yaml, the goals and the tool catalog, then sign in to Jira and ServiceNow')
    .addOption(configOption())
    .option('--offline', 'only validate the files; do not contact the services')
    .action(async (options: ConfigOptions & { offline?: boolean }) => {
      io.out(formatSummary(await checkConfiguration(options.config)));
      if (options.offline) return;
      const results = await reachServices(options.config);
      io.out(
        ['Services:', ...results.map((r) => `  ${r.ok ? 'ok    ' : 'FAILED'}  ${r.line}`), ''].join('\n'),
      );
      const failed = results.filter((r) => !r.ok).map((r) => r.system);
      if (failed.length > 0)
        throw new BearingError('fatal', `could not sign in to ${failed.join(' and ')}: see the lines above`);
    });
}

const share = (n: number): string => n.toFixed(2);
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function formatSummary(s: CheckSummary): string {
  const rows: [string, string][] = [
    [
      'goals',
      `${plural(s.goals.count, 'goal')} for ${s.goals.period}, targets ${share(s.goals.goalTargets)} + run ${share(
        s.goals.runTarget,
      )} (${s.goals.path})`,
    ],
    [
      'tools',
      `${plural(s.tools.capabilities, 'capability', 'capabilities')}, ${plural(s.tools.tools, 'tool')}, ${
        s.tools.standards
      } with a standard (${s.tools.path})`,
    ],
    ['jira', s.jira ? `${s.jira.url} (${s.jira.deployment}, ${s.jira.auth})` : 'not configured'],
    [
      'servicenow',
      s.servicenow
        ? `${s.servicenow.url} (${s.servicenow.auth}; ${s.servicenow.tables.join(', ')}${
            s.servicenow.batch ? '; batch writes' : ''
          })`
        : 'not configured',
    ],
    ['store', s.store],
    ['write-back', s.writeback ? 'on' : 'off'],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    `Configuration is valid: ${s.configPath}`,
    ...rows.map(([l, v]) => `  ${l.padEnd(width)}  ${v}`),
    '',
  ].join('\n');
}
