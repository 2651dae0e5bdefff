/**
 * What bearing's three fields hold now on some issues, read from the issues themselves rather than the
 * search view, which lags writes (§10): write-back asks this before writing an item again whose earlier
 * write may have landed without its record (a crash in between).
 *
 * Cloud: bulkfetch naming only the three fields (the live issue, §10.1), 100 ids a call (the flags
 * field is a labels field, which counts as multi-valued). Data Center: a JQL `id in (…)` search with
 * only those fields; its index is updated with the edit. JQL refuses the whole list (400) when one id no
 * longer exists, naming it: that id is dropped and the search asked again.
 */
import { z } from 'zod';
import { messageOf } from '../../core/errors.js';
import type { HeldValues, WorkItem } from '../../model/index.js';
import type { BearingField } from './fields.js';
import { heldOf } from './normalize.js';
import type { AnyWire, DataCenterWire } from './wire/types.js';

/** §10.1: bulkfetch takes 100 ids when a multi-valued field is named; also a JQL `id in` list's size. */
const IDS_PER_CALL = 100;

const issueSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  fields: z.record(z.string(), z.unknown()),
});

export async function readHeldValues(
  wire: AnyWire,
  ids: Record<BearingField, string>,
  items: readonly WorkItem[],
): Promise<Map<string, HeldValues>> {
  const fields = [ids.score, ids.goal, ids.flags];
  const issueIds = [...new Set(items.filter((i) => i.source === 'jira').map((i) => i.id))].filter((id) =>
    /^\d+$/.test(id),
  );
  const chunks: string[][] = [];
  for (let i = 0; i < issueIds.length; i += IDS_PER_CALL) chunks.push(issueIds.slice(i, i + IDS_PER_CALL));
  // Chunks go out together; the lane keeps them within the configured rate and concurrency.
  const answers = await Promise.all(
    chunks.map(async (chunk) =>
      wire.deployment === 'cloud' ? wire.bulkFetch(chunk, fields) : searchByIds(wire, chunk, fields),
    ),
  );
  const held = new Map<string, HeldValues>();
  for (const raw of answers.flat()) {
    const issue = issueSchema.safeParse(raw);
    if (issue.success)
      held.set(`jira:${issue.data.id}`, heldOf(issue.data.fields, { ...ids, storyPoints: [] }));
  }
  return held;
}

/** An id that JQL says matches no issue (deleted or moved out of reach). */
const MISSING_ID = /An issue with key '(\d+)' does not exist for field 'id'/;

async function searchByIds(wire: DataCenterWire, ids: string[], fields: string[]): Promise<unknown[]> {
  let left = ids;
  while (left.length > 0) {
    try {
      const page = await wire.searchOffset({
        jql: `id in (${left.join(',')})`,
        fields,
        maxResults: left.length,
        startAt: 0,
      });
      return page.issues;
    } catch (error) {
      const missing = MISSING_ID.exec(messageOf(error))?.[1];
      if (missing === undefined || !left.includes(missing)) throw error;
      left = left.filter((id) => id !== missing);
    }
  }
  return [];
}
