import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BearingError, messageOf } from '../core/index.js';
import type { ReportFile } from './render/index.js';

/**
 * Writes a report's files into `dir`, each one atomically: written beside its final name, then
 * renamed over it, so a reader (or a crash) never sees half a file. Returns the paths written.
 */
export async function writeReportFiles(dir: string, files: readonly ReportFile[]): Promise<string[]> {
  try {
    await mkdir(dir, { recursive: true });
    const written: string[] = [];
    for (const file of files) {
      const path = join(dir, file.name);
      const temporary = `${path}.${process.pid}.tmp`;
      try {
        await writeFile(temporary, file.content);
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      written.push(path);
    }
    return written;
  } catch (error) {
    throw new BearingError(
      'fatal',
      `cannot write the report to ${dir}: ${messageOf(error)} (check report.out and its permissions)`,
      { cause: error },
    );
  }
}
