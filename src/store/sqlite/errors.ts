import { BearingError } from '../../core/index.js';

/** Primary result codes (https://www.sqlite.org/rescode.html); node:sqlite reports the extended code. */
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
const SQLITE_READONLY = 8;
const SQLITE_IOERR = 10;
const SQLITE_CORRUPT = 11;
const SQLITE_FULL = 13;
const SQLITE_CANTOPEN = 14;
const SQLITE_NOTADB = 26;

const HINTS: Record<number, string> = {
  [SQLITE_BUSY]: 'another process holds a write lock on the store; the next attempt may succeed',
  [SQLITE_LOCKED]: 'a table is locked by another statement on the same connection',
  [SQLITE_READONLY]: 'the store file or its directory is read-only; check the file permissions',
  [SQLITE_IOERR]: 'the disk or file system reported an I/O error',
  [SQLITE_CORRUPT]: 'the store file is damaged; restore it from a backup or delete it to resync from scratch',
  [SQLITE_FULL]: 'the disk is full; free space on the volume holding the store',
  [SQLITE_CANTOPEN]: 'the store file cannot be opened; check that its directory exists and is writable',
  [SQLITE_NOTADB]: 'the file is not a SQLite database; check the `store` setting points at a bearing store',
};

/** `message` is SQLite's specific text (`no such table: items`), `errstr` the generic one for the code. */
interface SqliteErrorShape {
  code: 'ERR_SQLITE_ERROR';
  message: string;
  errcode: number;
  errstr: string;
}

const isSqliteError = (e: unknown): e is SqliteErrorShape =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ERR_SQLITE_ERROR';

const isClosedError = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ERR_INVALID_STATE';

/**
 * Turns what node:sqlite throws into a BearingError naming the store file and the operation, with a
 * hint an admin can act on. SQLITE_BUSY is `transient` (the lock holder finishes, a retry works);
 * everything else the database reports is `fatal`. Errors that did not come from SQLite (our own
 * BearingErrors included) are returned unchanged.
 */
export function toStoreError(e: unknown, file: string, operation: string): unknown {
  if (isClosedError(e)) {
    return new BearingError('fatal', `store ${file}: ${operation} failed: the store is already closed`, {
      cause: e,
    });
  }
  if (!isSqliteError(e)) return e;
  const primary = e.errcode & 0xff;
  const text = e.message || e.errstr;
  const hint = HINTS[primary] ?? schemaHint(text);
  const message = `store ${file}: ${operation} failed: ${text}${hint ? ` (${hint})` : ''}`;
  return new BearingError(primary === SQLITE_BUSY ? 'transient' : 'fatal', message, {
    cause: e,
    details: { file, operation, sqliteCode: e.errcode },
  });
}

function schemaHint(text: string): string | undefined {
  if (text.startsWith('no such table') || text.startsWith('no such column')) {
    return 'the schema is missing or out of date; call migrate() first';
  }
  return undefined;
}
