import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The installed package's root. This file sits two levels below it both as source
 * (src/config/package.ts) and compiled (dist/config/package.js).
 */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The tool catalog shipped with bearing, used when bearing.yaml names no `tools` file. */
export const DEFAULT_TOOLS_PATH = join(PACKAGE_ROOT, 'config', 'tools.yaml');

/** bearing's version, from the package's package.json. */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}
