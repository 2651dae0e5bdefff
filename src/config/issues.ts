import type { z } from 'zod';
import { closest } from './suggest.js';

export type KeyPath = readonly PropertyKey[];

/** One problem in one file, before it is formatted as `<file>: <key.path>: <message>`. */
export interface Problem {
  path: KeyPath;
  message: string;
}

/** `jira.auth.token`, `goals[2].target`; keys that are not plain words are quoted. */
export function formatKeyPath(path: KeyPath): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$-]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

export function formatProblem(file: string, problem: Problem): string {
  const path = formatKeyPath(problem.path);
  return path === '' ? `${file}: ${problem.message}` : `${file}: ${path}: ${problem.message}`;
}

/** Short, readable description of a value that failed validation. */
export function describeValue(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return value.length > 60 ? `"${value.slice(0, 57)}..."` : JSON.stringify(value);
  return String(value);
}

const NOUNS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value)',
};

/**
 * The messages bearing shows for zod's built-in checks, passed to `safeParse` as the error map.
 * Schemas that set their own message keep it (zod asks the schema's map first).
 */
export const issueMessage: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${NOUNS[issue.expected] ?? issue.expected}, got ${describeValue(issue.input)}`;
    case 'invalid_value': {
      const values = issue.values.map((v) => JSON.stringify(v));
      const hint =
        typeof issue.input === 'string' ? closest(issue.input, issue.values.map(String)) : undefined;
      return `must be one of ${values.join(', ')}, got ${describeValue(issue.input)}${
        hint === undefined ? '' : ` (did you mean "${hint}"?)`
      }`;
    }
    case 'too_small':
      return tooSmall(issue.origin, Number(issue.minimum), issue.inclusive ?? true);
    case 'too_big':
      return tooBig(issue.origin, Number(issue.maximum), issue.inclusive ?? true);
    case 'invalid_format':
      if (issue.format === 'email') return `must be an e-mail address, got ${describeValue(issue.input)}`;
      if (issue.format === 'regex' && 'pattern' in issue) return `must match ${String(issue.pattern)}`;
      return `must be a valid ${issue.format}, got ${describeValue(issue.input)}`;
    default:
      return undefined;
  }
};

function tooSmall(origin: string, min: number, inclusive: boolean): string {
  if (origin === 'array' || origin === 'set') return `must list at least ${min} item${min === 1 ? '' : 's'}`;
  if (origin === 'string') return min <= 1 ? 'must not be empty' : `must be at least ${min} characters long`;
  return inclusive ? `must be at least ${min}` : `must be greater than ${min}`;
}

function tooBig(origin: string, max: number, inclusive: boolean): string {
  if (origin === 'array' || origin === 'set') return `must list at most ${max} item${max === 1 ? '' : 's'}`;
  if (origin === 'string') return `must be at most ${max} characters long`;
  return inclusive ? `must be at most ${max}` : `must be less than ${max}`;
}

/**
 * Turns a zod error into problems: one per issue, and one per unknown key, with the closest key
 * the schema knows at that place as a suggestion.
 */
export function zodProblems(error: z.ZodError, schema: z.core.$ZodType): Problem[] {
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = keysAt(schema, issue.path);
      for (const key of issue.keys) {
        const hint = closest(
          key,
          known.filter((k) => !issue.keys.includes(k)),
        );
        problems.push({
          path: [...issue.path, key],
          message: hint === undefined ? 'unknown key' : `unknown key (did you mean "${hint}"?)`,
        });
      }
    } else {
      problems.push({ path: issue.path, message: issue.message });
    }
  }
  return problems;
}

interface WalkableDef {
  type: string;
  shape?: Record<string, z.core.$ZodType>;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  element?: z.core.$ZodType;
  valueType?: z.core.$ZodType;
}

/** Unwraps defaults, optionals and pipes down to the schema that decides a value's shape. */
function unwrap(schema: z.core.$ZodType): WalkableDef {
  let def = schema._zod.def as WalkableDef;
  for (;;) {
    const next = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (next === undefined) return def;
    def = next._zod.def as WalkableDef;
  }
}

/** The keys an object schema accepts at `path` (empty when the path leads elsewhere). */
export function keysAt(schema: z.core.$ZodType, path: KeyPath): string[] {
  let def = unwrap(schema);
  for (const key of path) {
    const next =
      def.type === 'object' && typeof key === 'string'
        ? def.shape?.[key]
        : def.type === 'array'
          ? def.element
          : def.type === 'record'
            ? def.valueType
            : undefined;
    if (next === undefined) return [];
    def = unwrap(next);
  }
  return def.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}
