export { createProgram, runCli } from './program.js';
export { ExitCode, exitCodeFor } from './exit-codes.js';
export type { CliIo } from './io.js';
