import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseDocument } from 'yaml';

/** Larger than any real config, goals or tools file; a bigger one is a mistake (or an attack), not config. */
export const MAX_YAML_BYTES = 4 * 1024 * 1024;

export type YamlRead = { ok: true; data: unknown } | { ok: false; problems: string[] };

/**
 * Reads and parses one YAML file. Problems are formatted lines naming the file and, for syntax
 * errors, the line and column; the caller cannot validate anything in a file that failed here.
 */
export async function readYamlFile(path: string): Promise<YamlRead> {
  const file = basename(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    return { ok: false, problems: [`${file}: cannot read ${path}: ${readFailure(e)}`] };
  }

  if (Buffer.byteLength(text) > MAX_YAML_BYTES) {
    return {
      ok: false,
      problems: [`${file}: is larger than ${MAX_YAML_BYTES / 1024 / 1024} MiB; a bearing file is a few KB`],
    };
  }
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { merge: true, prettyErrors: true });
  } catch (e) {
    // The parser recurses per nesting level: a file nested thousands of levels deep exhausts the stack.
    return {
      ok: false,
      problems: [`${file}: cannot be read as YAML: ${e instanceof Error ? e.message : String(e)}`],
    };
  }
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((err) => {
        const at = err.linePos?.[0];
        const message = err.message.split(' at line ')[0] ?? err.message;
        return at ? `${file}: line ${at.line}, column ${at.col}: ${message}` : `${file}: ${message}`;
      }),
    };
  }

  try {
    const data: unknown = doc.toJS({ maxAliasCount: 100 });
    if (data === null || data === undefined) return { ok: false, problems: [`${file}: the file is empty`] };
    if (containsItself(data)) {
      return {
        ok: false,
        problems: [`${file}: an alias refers to a node that contains it (&a … *a inside a)`],
      };
    }
    return { ok: true, data };
  } catch (e) {
    // Unresolvable aliases and alias bombs only surface when the document is converted.
    return { ok: false, problems: [`${file}: ${e instanceof Error ? e.message : String(e)}`] };
  }
}

/** Whether a value contains itself, as an alias to one of its own ancestors makes it (`a: &a [*a]`). */
function containsItself(value: unknown, ancestors = new Set<unknown>()): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (ancestors.has(value)) return true;
  ancestors.add(value);
  const found = Object.values(value).some((child) => containsItself(child, ancestors));
  ancestors.delete(value);
  return found;
}

function readFailure(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory, not a file';
  return e instanceof Error ? e.message : String(e);
}
