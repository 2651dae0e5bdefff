import { z } from 'zod';

/**
 * Where bearing keeps its state. `url` is what the store's `openStore` takes; after loading, a
 * sqlite `path` is absolute (or `:memory:`) and `url` is `sqlite:` + that path.
 */
export type StoreLocation = { kind: 'sqlite'; path: string; url: string } | { kind: 'postgres'; url: string };

/**
 * `sqlite:./data/bearing.db` (the embedded default; `sqlite:///abs/file.db` is read as
 * `sqlite:/abs/file.db`, `sqlite::memory:` is a throw-away store) or a PostgreSQL URL
 * `postgres://user[:password]@host[:port]/database`.
 */
export const storeSchema = z
  .string()
  .trim()
  .transform((value, ctx): StoreLocation => {
    if (value.startsWith('sqlite:')) {
      const rest = value.slice('sqlite:'.length);
      const path = rest.startsWith('//') ? rest.slice(2) : rest;
      if (path === '') {
        ctx.addIssue({
          code: 'custom',
          message: `write sqlite:./relative/file.db or sqlite:/absolute/file.db, got "${value}"`,
        });
        return z.NEVER;
      }
      return { kind: 'sqlite', path, url: `sqlite:${path}` };
    }
    if (/^postgres(ql)?:\/\//.test(value)) {
      const url = URL.canParse(value) ? new URL(value) : undefined;
      if (url === undefined || url.hostname === '' || url.pathname.length <= 1) {
        ctx.addIssue({
          code: 'custom',
          message: 'must look like postgres://user[:password]@host[:port]/database',
        });
        return z.NEVER;
      }
      return { kind: 'postgres', url: value };
    }
    ctx.addIssue({
      code: 'custom',
      message: `must be sqlite:<file> or postgres://user[:password]@host[:port]/database, got "${value.split(':')[0]}:…"`,
    });
    return z.NEVER;
  });
