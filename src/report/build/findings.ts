import { z } from 'zod';
import type { Finding, Report, WorkItem } from '../../model/index.js';

/** Code-unit order: the same in every locale, so a report lists things the same way everywhere. */
export const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const toolDetails = z
  .object({
    capability: z.string(),
    capabilityName: z.string().optional(),
    standard: z.string().nullable().optional(),
    tools: z.array(z.object({ name: z.string(), teams: z.array(z.string()).optional() }).loose()),
    teams: z.array(z.string()).optional(),
    itemCount: z.number().optional(),
  })
  .loose();

const workDetails = z.object({ similarity: z.number(), teams: z.array(z.string()).optional() }).loose();

/** Duplicate-tool clusters, one per capability, in capability order. */
export function duplicateToolRows(findings: readonly Finding[]): Report['duplicateTools'] {
  return findings
    .filter((f) => f.kind === 'duplicate-tool')
    .flatMap((f) => {
      const d = toolDetails.safeParse(f.details);
      if (!d.success) return [];
      return [
        {
          capability: d.data.capability,
          name: d.data.capabilityName ?? d.data.capability,
          tools: d.data.tools.map((t) => t.name),
          standard: d.data.standard ?? null,
          teams: d.data.teams ?? [],
          items: [...f.items],
          itemCount: d.data.itemCount ?? f.items.length,
        },
      ];
    })
    .sort((a, b) => ordinal(a.capability, b.capability));
}

/** Duplicate-work pairs, most similar first, with the items' titles for the reader. */
export function duplicateWorkRows(
  findings: readonly Finding[],
  byRef: ReadonlyMap<string, Pick<WorkItem, 'title' | 'url'>>,
): Report['duplicateWork'] {
  return findings
    .filter((f) => f.kind === 'duplicate-work')
    .flatMap((f) => {
      const d = workDetails.safeParse(f.details);
      if (!d.success) return [];
      return [
        {
          items: [...f.items],
          similarity: Math.round(d.data.similarity * 100) / 100,
          titles: f.items.map((ref) => byRef.get(ref)?.title ?? ''),
          teams: d.data.teams ?? [],
        },
      ];
    })
    .sort((a, b) => b.similarity - a.similarity || ordinal(a.items.join('|'), b.items.join('|')));
}
