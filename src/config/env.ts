import type { KeyPath, Problem } from './issues.js';

/** The environment as the loader sees it; `process.env` in production, a plain object in tests. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Which environment variables filled which value. */
export interface Substitution {
  path: KeyPath;
  /** The values the variables held, in order of appearance. */
  values: string[];
}

export interface Substituted {
  value: unknown;
  substitutions: Substitution[];
  problems: Problem[];
}

// `$${` is an escaped literal `${`; `${NAME}` a reference; a `${` left over is malformed.
const TOKEN = /\$\$\{|\$\{([^}]*)\}|\$\{/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Replaces `${NAME}` inside every string value of a parsed YAML tree (keys are left alone).
 * Runs after parsing, so a value can never change the document's structure. A value whose
 * variable is missing keeps its text and is reported, so one run lists every missing variable.
 */
export function substituteEnv(tree: unknown, env: Env): Substituted {
  const substitutions: Substitution[] = [];
  const problems: Problem[] = [];

  const visit = (node: unknown, path: KeyPath): unknown => {
    if (typeof node === 'string') return substituteString(node, path);
    if (Array.isArray(node)) return node.map((item, i) => visit(item, [...path, i]));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node).map(([key, value]) => [key, visit(value, [...path, key])]),
      );
    }
    return node;
  };

  const substituteString = (text: string, path: KeyPath): string => {
    const values: string[] = [];
    let failed = false;
    const out = text.replace(TOKEN, (token, name: string | undefined) => {
      if (token === '$${') return '${';
      if (name === undefined || !NAME.test(name)) {
        failed = true;
        problems.push({
          path,
          message: `"${token}" is not a valid variable reference; write \${NAME} with letters, digits and _, or $\${ for a literal \${`,
        });
        return token;
      }
      const value = env[name];
      if (value === undefined) {
        failed = true;
        problems.push({ path, message: `environment variable ${name} is not set` });
        return token;
      }
      values.push(value);
      return value;
    });
    if (failed) return text;
    if (values.length > 0) substitutions.push({ path, values });
    return out;
  };

  return { value: visit(tree, []), substitutions, problems };
}
