import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateCompany, writeSeedJsonl } from './index.js';

describe('writeSeedJsonl', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('writes one ticket per line, as generated', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bearing-company-'));
    dirs.push(dir);
    const company = generateCompany({ seed: 3, size: 150, now: Date.UTC(2026, 10, 20) });
    const path = join(dir, 'tickets.jsonl');
    expect(await writeSeedJsonl(company, path)).toBe(150);
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([...company.tickets]);
  });
});
