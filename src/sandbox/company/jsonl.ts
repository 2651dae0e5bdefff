import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Company } from './company.js';

/** Writes the company's tickets as JSON lines (one ticket a line), streaming; returns the count. */
export async function writeSeedJsonl(company: Pick<Company, 'tickets'>, path: string): Promise<number> {
  let count = 0;
  function* lines(): Generator<string> {
    for (const ticket of company.tickets) {
      count++;
      yield `${JSON.stringify(ticket)}\n`;
    }
  }
  await pipeline(Readable.from(lines()), createWriteStream(path));
  return count;
}
