import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseDocument } from 'yaml';

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

  const doc = parseDocument(text, { merge: true, prettyErrors: true });
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
    return { ok: true, data };
  } catch (e) {
    // Unresolvable aliases and alias bombs only surface when the document is converted.
    return { ok: false, problems: [`${file}: ${e instanceof Error ? e.message : String(e)}`] };
  }
}

function readFailure(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory, not a file';
  return e instanceof Error ? e.message : String(e);
}
