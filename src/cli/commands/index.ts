import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { registerCheck } from './check.js';
import { registerDemo } from './demo.js';
import { registerReport } from './report.js';
import { registerStages } from './stages.js';

/** Each command registers itself on the program; a new command is one file and one line here. */
export const COMMANDS: readonly ((program: Command, io: CliIo) => void)[] = [
  registerCheck,
  registerDemo,
  registerReport,
  registerStages,
];
