import { z } from 'zod';

/** A tool as the catalog names it, with the other names people use for it in tickets. */
export const toolSchema = z.strictObject({
  name: z.string().trim().min(1),
  /** Other spellings found in tickets ("MS Teams", "Teams"); matched like the name. */
  aliases: z.array(z.string().trim().min(1)).default([]),
  /** The tool the company has chosen for this capability; at most one per capability. */
  standard: z.boolean().optional(),
});
export type Tool = z.infer<typeof toolSchema>;

/** A job tools do (`video-conferencing`); tools of the same capability duplicate each other. */
export const capabilitySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and dashes'),
  name: z.string().trim().min(1),
  tools: z.array(toolSchema).min(1, 'must list at least one tool'),
});
export type Capability = z.infer<typeof capabilitySchema>;

/**
 * `tools.yaml`: the tool catalog. Capability ids are unique, and every tool name and alias is
 * unique across the whole catalog (case-insensitively), so a mention in a ticket names exactly
 * one tool of exactly one capability.
 */
export const toolCatalogSchema = z
  .strictObject({
    capabilities: z.array(capabilitySchema).min(1, 'must list at least one capability'),
  })
  .superRefine((catalog, ctx) => {
    const capabilityIds = new Set<string>();
    const owners = new Map<string, string>();
    catalog.capabilities.forEach((capability, c) => {
      if (capabilityIds.has(capability.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['capabilities', c, 'id'],
          message: `duplicate capability id "${capability.id}"`,
        });
      }
      capabilityIds.add(capability.id);

      const standards = capability.tools.filter((t) => t.standard === true).map((t) => t.name);
      if (standards.length > 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['capabilities', c, 'tools'],
          message: `only one tool can be the standard, found ${standards.length}: ${standards.join(', ')}`,
        });
      }

      capability.tools.forEach((tool, t) => {
        const owner = `"${tool.name}" (${capability.id})`;
        const names = [
          { value: tool.name, path: ['capabilities', c, 'tools', t, 'name'] },
          ...tool.aliases.map((alias, a) => ({
            value: alias,
            path: ['capabilities', c, 'tools', t, 'aliases', a],
          })),
        ];
        const own = new Set<string>();
        for (const { value, path } of names) {
          const key = value.toLowerCase();
          if (own.has(key)) continue;
          own.add(key);
          const previous = owners.get(key);
          if (previous !== undefined) {
            ctx.addIssue({ code: 'custom', path, message: `"${value}" is already a name of ${previous}` });
          } else {
            owners.set(key, owner);
          }
        }
      });
    });
  });
export type ToolCatalog = z.infer<typeof toolCatalogSchema>;
