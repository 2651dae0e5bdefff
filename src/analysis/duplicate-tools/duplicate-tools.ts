import { ConfigError } from '../../core/index.js';
import type { DuplicateToolsSettings, Finding, ToolCatalog, WorkItem } from '../../model/index.js';
import { lastWorked, resolvedAt, windowStart } from '../effort/index.js';
import type { AnalysisWindow } from '../effort/index.js';
import { involvement } from './intent.js';
import { createToolMatcher } from './matcher.js';
import type { ToolMatcher } from './matcher.js';

export interface DuplicateToolsContext extends AnalysisWindow {
  catalog: ToolCatalog;
}

export interface DuplicateToolsResult {
  findings: Finding[];
  /** Uids that carry the `duplicate-tool` flag. */
  flagged: ReadonlySet<string>;
}

interface Adoption {
  item: WorkItem;
  tool: number;
  flagged: boolean;
}

/**
 * Duplicate tools (design.md, flag `duplicate-tool`). An item live in the window (created or
 * resolved in it, or still open and updated in it) that asks for, buys, builds or rolls out a tool
 * (intent.ts) is flagged when:
 * - the tool's capability has a standard (settings, else the catalog's `standard: true`) and the
 *   tool is not it; an item adopting the standard is never flagged, whatever other teams do;
 * - the capability has no standard, and another team works with a different tool of it: adopts it,
 *   or, with `evidence: any-mention`, mentions it at all.
 * One team adopting two tools of a capability is not flagged without a standard: design.md asks
 * for another team. A tool named as the one being left ("migrate from Webex") is not adopted.
 *
 * One finding per capability with flagged items, key `duplicate-tool:<capability id>`: the tools
 * adopted in it (the standard first), the teams, and the flagged items.
 */
export function detectDuplicateTools(
  items: Iterable<WorkItem>,
  settings: DuplicateToolsSettings,
  context: DuplicateToolsContext,
): DuplicateToolsResult {
  const matcher = createToolMatcher(context.catalog, settings.ambiguousNames);
  const standards = resolveStandards(context.catalog, settings);
  const from = windowStart(context);
  const adoptions: Adoption[] = [];
  // capability → tool → teams working with it
  const teamsOf = new Map<number, Map<number, Set<string>>>();
  const note = (tool: number, team: string): void => {
    const capability = matcher.tools[tool]!.capability;
    let byTool = teamsOf.get(capability);
    if (byTool === undefined) teamsOf.set(capability, (byTool = new Map()));
    let teams = byTool.get(tool);
    if (teams === undefined) byTool.set(tool, (teams = new Set()));
    teams.add(team);
  };

  for (const item of items) {
    if (!liveInWindow(item, from)) continue;
    const scan = matcher.scan([item.title, item.text], [...item.labels, ...item.components]);
    if (scan.mentions.length === 0) continue;
    const adopts = involvement(item.kind, scan.cues) === 'adopts';
    for (const { tool, retired } of scan.mentions) {
      if (retired) continue;
      if (adopts) adoptions.push({ item, tool, flagged: false });
      if (adopts || settings.evidence === 'any-mention') note(tool, item.team);
    }
  }

  for (const a of adoptions) {
    const capability = matcher.tools[a.tool]!.capability;
    const standard = standards[capability]!;
    a.flagged =
      standard >= 0
        ? a.tool !== standard
        : [...teamsOf.get(capability)!].some(
            ([tool, teams]) => tool !== a.tool && [...teams].some((team) => team !== a.item.team),
          );
  }

  const findings = buildFindings(adoptions, teamsOf, standards, matcher, context.catalog, settings);
  return { findings, flagged: new Set(adoptions.filter((a) => a.flagged).map((a) => a.item.uid)) };
}

function liveInWindow(item: WorkItem, from: number): boolean {
  if (Date.parse(item.created) >= from) return true;
  const resolved = resolvedAt(item);
  if (resolved !== null) return resolved >= from;
  return lastWorked(item) >= from;
}

/** The standard tool of each capability (position in the matcher's tools), or -1. */
function resolveStandards(catalog: ToolCatalog, settings: DuplicateToolsSettings): number[] {
  const issues: string[] = [];
  let first = 0;
  const standards = catalog.capabilities.map((capability) => {
    const base = first;
    first += capability.tools.length;
    const wanted = settings.standards[capability.id];
    const t =
      wanted === undefined
        ? capability.tools.findIndex((tool) => tool.standard === true)
        : capability.tools.findIndex((tool) => tool.name.toLowerCase() === wanted.toLowerCase());
    if (wanted !== undefined && t < 0) {
      issues.push(
        `analysis.duplicateTools.standards.${capability.id}: "${wanted}" is not a tool of ${capability.id}; ` +
          `expected one of ${capability.tools.map((tool) => tool.name).join(', ')}`,
      );
    }
    return t < 0 ? -1 : base + t;
  });
  const known = new Set(catalog.capabilities.map((c) => c.id));
  for (const id of Object.keys(settings.standards)) {
    if (!known.has(id))
      issues.push(`analysis.duplicateTools.standards.${id}: no capability "${id}" in the tool catalog`);
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return standards;
}

const sorted = (values: Iterable<string>): string[] => [...values].sort();
/** Code-unit order: the same in every locale. */
const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function buildFindings(
  adoptions: readonly Adoption[],
  teamsOf: ReadonlyMap<number, ReadonlyMap<number, ReadonlySet<string>>>,
  standards: readonly number[],
  matcher: ToolMatcher,
  catalog: ToolCatalog,
  settings: DuplicateToolsSettings,
): Finding[] {
  const byCapability = new Map<number, Adoption[]>();
  for (const a of adoptions) {
    const capability = matcher.tools[a.tool]!.capability;
    const list = byCapability.get(capability) ?? [];
    list.push(a);
    byCapability.set(capability, list);
  }

  const findings: Finding[] = [];
  for (const [c, list] of byCapability) {
    const flagged = list.filter((a) => a.flagged);
    if (flagged.length === 0) continue;
    const capability = catalog.capabilities[c]!;
    const standard = standards[c]!;
    const tools = new Set([...teamsOf.get(c)!.keys(), ...(standard >= 0 ? [standard] : [])]);
    const rows = [...tools]
      .map((tool) => {
        const teams = sorted(teamsOf.get(c)!.get(tool) ?? []);
        const refs = sorted(new Set(list.filter((a) => a.tool === tool).map((a) => a.item.ref)));
        return {
          name: matcher.tools[tool]!.name,
          standard: tool === standard,
          teams,
          items: refs.slice(0, settings.maxItemsPerFinding),
          itemCount: refs.length,
        };
      })
      .sort(
        (a, b) =>
          Number(b.standard) - Number(a.standard) ||
          b.teams.length - a.teams.length ||
          ordinal(a.name, b.name),
      )
      .slice(0, settings.maxItemsPerFinding);
    const refs = sorted(new Set(flagged.map((a) => a.item.ref)));
    const teams = sorted(new Set(rows.flatMap((r) => r.teams)));
    const standardName = standard >= 0 ? matcher.tools[standard]!.name : null;
    findings.push({
      kind: 'duplicate-tool',
      key: `duplicate-tool:${capability.id}`,
      items: refs.slice(0, settings.maxItemsPerFinding),
      summary:
        `${capability.name}: ${rows.length} tools (${rows.map((r) => r.name).join(', ')}) ` +
        `in ${teams.length} team${teams.length === 1 ? '' : 's'}` +
        (standardName === null ? '' : `; the standard is ${standardName}`),
      details: {
        capability: capability.id,
        capabilityName: capability.name,
        standard: standardName,
        tools: rows,
        teams,
        itemCount: refs.length,
      },
    });
  }
  return findings.sort((a, b) => ordinal(a.key, b.key));
}
