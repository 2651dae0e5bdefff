import { basename, dirname, isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import { ConfigError } from '../core/index.js';
import { goalsFileSchema, toolCatalogSchema, type GoalsFile, type ToolCatalog } from '../model/index.js';
import { substituteEnv, type Env } from './env.js';
import { formatProblem, issueMessage, zodProblems, type KeyPath, type Problem } from './issues.js';
import { DEFAULT_TOOLS_PATH } from './package.js';
import { bearingFileSchema, type BearingFile, type StoreLocation } from './schema/index.js';
import { collectSecrets } from './secrets.js';
import { readYamlFile } from './yaml-file.js';

/**
 * The resolved configuration: bearing.yaml with every default filled, every path absolute, the
 * goals and the tool catalog loaded. Deeply frozen; nothing changes it after start-up.
 */
export type Config = Omit<BearingFile, 'goals' | 'tools' | 'store'> & {
  /** Absolute path of the bearing.yaml this came from. */
  configPath: string;
  /** Absolute path of the goals file. */
  goalsPath: string;
  /** Absolute path of the tool catalog. */
  toolsPath: string;
  /** sqlite paths are absolute (or `:memory:`). */
  store: StoreLocation;
  goals: GoalsFile;
  tools: ToolCatalog;
  /** Literal values the logger must mask (credentials, their encodings, secret URLs). */
  secrets: readonly string[];
};

/**
 * Loads bearing.yaml, the goals file and the tool catalog, and validates all three. Throws one
 * `ConfigError` listing every problem found, each as `<file>: <key.path>: <message>`.
 *
 * @param path bearing.yaml; relative to the working directory.
 * @param env where `${NAME}` references are looked up.
 */
export async function loadConfig(path: string, env: Env = process.env): Promise<Config> {
  const configPath = resolve(path);
  const dir = dirname(configPath);
  const file = basename(configPath);

  const read = await readYamlFile(configPath);
  if (!read.ok) throw new ConfigError(read.problems);

  const substituted = substituteEnv(read.data, env);
  const parsed = parseWith(bearingFileSchema, substituted.value);
  const problems = [...substituted.problems, ...withoutPaths(parsed.problems, substituted.problems)];
  const lines = problems.map((p) => formatProblem(file, p));

  const goalsPath = resolve(dir, parsed.data?.goals ?? rawPath(substituted.value, 'goals') ?? './goals.yaml');
  const toolsName = parsed.data ? parsed.data.tools : rawPath(substituted.value, 'tools');
  const toolsPath = toolsName === undefined ? DEFAULT_TOOLS_PATH : resolve(dir, toolsName);
  const [goals, tools] = await Promise.all([
    loadYaml(goalsPath, goalsFileSchema),
    loadYaml(toolsPath, toolCatalogSchema),
  ]);
  lines.push(...goals.lines, ...tools.lines);

  if (lines.length > 0 || !parsed.data || !goals.data || !tools.data) throw new ConfigError(lines);

  const bearing = parsed.data;
  return deepFreeze({
    ...bearing,
    configPath,
    goalsPath,
    toolsPath,
    store: bearing.store.kind === 'sqlite' ? sqliteStore(dir, bearing.store.path) : bearing.store,
    report: { ...bearing.report, out: resolve(dir, bearing.report.out) },
    goals: goals.data,
    tools: tools.data,
    secrets: collectSecrets(bearing, substituted.substitutions),
  });
}

function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { data: z.output<S> | undefined; problems: Problem[] } {
  const result = schema.safeParse(value, { error: issueMessage, reportInput: true });
  return result.success
    ? { data: result.data, problems: [] }
    : { data: undefined, problems: zodProblems(result.error, schema) };
}

async function loadYaml<S extends z.ZodType>(
  path: string,
  schema: S,
): Promise<{ data: z.output<S> | undefined; lines: string[] }> {
  const read = await readYamlFile(path);
  if (!read.ok) return { data: undefined, lines: read.problems };
  const parsed = parseWith(schema, read.data);
  return { data: parsed.data, lines: parsed.problems.map((p) => formatProblem(basename(path), p)) };
}

/** Drops schema problems at or below a key already reported (a value left as `${MISSING}`). */
function withoutPaths(problems: readonly Problem[], reported: readonly Problem[]): Problem[] {
  const startsWith = (path: KeyPath, prefix: KeyPath): boolean => prefix.every((key, i) => path[i] === key);
  return problems.filter((p) => !reported.some((r) => startsWith(p.path, r.path)));
}

/** A top-level path from a file that failed validation elsewhere, so its goals and tools still get checked. */
function rawPath(tree: unknown, key: string): string | undefined {
  if (tree === null || typeof tree !== 'object') return undefined;
  const value = (tree as Record<string, unknown>)[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function sqliteStore(dir: string, file: string): StoreLocation {
  const path = file === ':memory:' || isAbsolute(file) ? file : resolve(dir, file);
  return { kind: 'sqlite', path, url: `sqlite:${path}` };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
