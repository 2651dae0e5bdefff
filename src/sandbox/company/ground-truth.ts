import type { GoalsFile } from '../../model/index.js';
import type { GroundTruth, SeedPerson } from '../seed.js';
import { teamOf } from './rules.js';
import type { CompanyEntry } from './stream.js';
import { TOOL_CAPABILITIES } from './text/index.js';
import { activeInWindow } from './timeline.js';
import type { Timeline } from './timeline.js';

/** What bearing must leave alone, for measuring its false positives. */
export interface Controls {
  /** Similar topic, different work: never `duplicate-work`. */
  nearMisses: [string, string][];
  /** Duplicates already linked in Jira: bearing skips them. */
  linkedDuplicates: [string, string][];
  /** Support tickets naming a tool (an incident is not an acquisition). */
  toolSupport: { capability: string; tool: string; item: string }[];
  /** One tool asked for by several teams, and the standard or no standard at all. */
  sameToolRequests: { capability: string; tool: string; items: string[] }[];
  /** Teams with urgent rank-and-file or executive requests and waiting top-goal work, but no pressure. */
  controlTeams: string[];
  /** The epics named in the goals' rules. */
  anchorEpics: string[];
}

export interface TruthContext {
  people: readonly SeedPerson[];
  goals: GoalsFile;
  tl: Timeline;
}

interface WorkItem {
  ref: string;
  key: string;
  done: boolean;
  duplicateOf: readonly string[];
  /** Keys of the parent and epic it hangs under. */
  above: readonly string[];
}

interface ToolUse {
  ref: string;
  tool: string;
  team: string;
  created: number;
}

/**
 * Collects the ground truth over one pass of the company's entries, following the design's flag
 * definitions: every ticket's goal, the misaligned items, duplicate-work pairs, duplicate-tool
 * clusters and request-pressure teams. Keeps one record per ticket (the goals map) and small
 * lists; the tickets themselves are not kept.
 */
export function collectGroundTruth(
  entries: Iterable<CompanyEntry>,
  context: TruthContext,
): { groundTruth: GroundTruth; controls: Controls } {
  const { tl } = context;
  const executives = new Set(context.people.filter((p) => p.isExecutive).map((p) => p.id));
  const rank = new Map(context.goals.goals.map((g) => [g.id, g.rank]));
  const topTwo = new Set(
    [...rank]
      .sort((a, b) => a[1] - b[1])
      .slice(0, 2)
      .map(([id]) => id),
  );

  const goals: GroundTruth['goals'] = {};
  const misaligned: string[] = [];
  const work = new Map<string, WorkItem[]>();
  const nearMisses = new Map<string, string[]>();
  const linked = new Map<string, string[]>();
  const tools = new Map<string, ToolUse[]>();
  const toolSupport: Controls['toolSupport'] = [];
  const waiting = new Map<string, string[]>();
  const pressing = new Map<string, string[]>();
  const controlTeams = new Set<string>();
  const anchorEpics: string[] = [];
  const push = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };

  for (const { ticket: t, truth } of entries) {
    const { ref, goal } = truth;
    goals[ref] = { goal: truth.goal, evidence: truth.evidence };
    const active = activeInWindow(t, tl);
    if (goal === 'none' && active) misaligned.push(ref);

    const team = teamOf(t);
    if (t.status === 'todo' && topTwo.has(goal)) push(waiting, team, ref);
    const minor = goal === 'none' || (rank.get(goal) ?? 0) > 2;
    if (minor && !executives.has(t.requesterId) && t.priority <= 2 && active) push(pressing, team, ref);

    // Only pairs created within the window count, so only those tickets are kept.
    if (t.created >= tl.windowStart) {
      const above = t.system === 'jira' ? [t.parentKey, t.epicKey] : [t.parentNumber];
      push(work, truth.work, {
        ref,
        key: t.system === 'jira' ? t.key : t.number,
        done: t.status === 'done',
        duplicateOf: t.system === 'jira' ? t.duplicateOf : [],
        above: above.filter((key): key is string => key !== null),
      });
    }
    for (const tag of truth.tags) {
      switch (tag.kind) {
        case 'work':
          if (tag.role === 'near-miss') push(nearMisses, tag.pair, ref);
          if (tag.role === 'linked') push(linked, tag.pair, ref);
          break;
        case 'tool':
          if (tag.use === 'adoption')
            push(tools, tag.capability, { ref, tool: tag.tool, team, created: t.created });
          else toolSupport.push({ capability: tag.capability, tool: tag.tool, item: ref });
          break;
        case 'pressure':
          if (tag.role === 'control') controlTeams.add(tag.team);
          break;
        case 'anchor':
          anchorEpics.push(ref);
          break;
        case 'misaligned':
          break;
      }
    }
  }

  const { duplicateTools, sameToolRequests } = toolFindings(tools, tl);
  const requestPressure = [...pressing]
    .filter(([team]) => waiting.has(team))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([team, items]) => ({ team, items, waiting: waiting.get(team)! }));

  return {
    groundTruth: {
      goals,
      duplicateTools,
      duplicateWork: duplicatePairs(work),
      misaligned,
      requestPressure,
    },
    controls: {
      nearMisses: [...nearMisses.values()].map(([a, b]) => [a!, b!]),
      linkedDuplicates: [...linked.values()].map(([a, b]) => [a!, b!]),
      toolSupport,
      sameToolRequests,
      controlTeams: [...controlTeams].sort(),
      anchorEpics,
    },
  };
}

/**
 * Pairs describing the same work (both created in the window), one not done, not linked as
 * duplicates and not parent and child.
 */
function duplicatePairs(work: Map<string, WorkItem[]>): GroundTruth['duplicateWork'] {
  const pairs: GroundTruth['duplicateWork'] = [];
  for (const items of work.values()) {
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const a = items[i]!;
        const b = items[j]!;
        if (a.done && b.done) continue;
        if (a.duplicateOf.includes(b.key) || b.duplicateOf.includes(a.key)) continue;
        if (a.above.includes(b.key) || b.above.includes(a.key)) continue;
        pairs.push({ items: [a.ref, b.ref] });
      }
    }
  }
  return pairs;
}

/**
 * An acquisition is a duplicate tool when the capability's standard is another tool or, in a
 * capability without a standard, another team acquires a different tool of it within the window.
 * Adopting the standard is consolidating, never duplicating, whatever other teams do.
 */
function toolFindings(
  tools: Map<string, ToolUse[]>,
  tl: Timeline,
): { duplicateTools: GroundTruth['duplicateTools']; sameToolRequests: Controls['sameToolRequests'] } {
  const duplicateTools: GroundTruth['duplicateTools'] = [];
  const sameToolRequests: Controls['sameToolRequests'] = [];
  for (const capability of TOOL_CAPABILITIES) {
    const uses = (tools.get(capability.id) ?? []).filter((u) => u.created >= tl.windowStart);
    if (uses.length === 0) continue;
    const flagged = uses.filter((u) =>
      capability.standard !== null
        ? capability.standard !== u.tool
        : uses.some((o) => o.team !== u.team && o.tool !== u.tool),
    );
    if (flagged.length > 0) {
      duplicateTools.push({
        capability: capability.id,
        tools: [...new Set(uses.map((u) => u.tool))].sort(),
        items: flagged.map((u) => u.ref),
      });
    }
    const calm = uses.filter((u) => !flagged.includes(u));
    const tool = calm[0]?.tool;
    if (
      tool !== undefined &&
      calm.every((u) => u.tool === tool) &&
      new Set(calm.map((u) => u.team)).size > 1
    ) {
      sameToolRequests.push({ capability: capability.id, tool, items: calm.map((u) => u.ref) });
    }
  }
  return { duplicateTools, sameToolRequests };
}
