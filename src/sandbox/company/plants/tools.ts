import type { SeedSnTable } from '../../seed.js';
import { jiraDraft, snDraft } from '../build.js';
import type { BuildContext, Draft, PlantTag } from '../build.js';
import type { AssignmentGroup } from '../org.js';
import type { Random } from '../random.js';
import { ADOPTION, TOOL_CAPABILITIES, toolDisplayName } from '../text/index.js';
import type { ThemeId, ToolCapability } from '../text/index.js';
import type { Status } from '../timeline.js';
import type { DaysAgo, PlantSpec } from './common.js';
import { isJiraTeam, plantedLife, TEAMS } from './common.js';
import { CLUSTER_CAPABILITIES } from './counts.js';
import type { Counts } from './counts.js';

const SAME_TOOL_CAPABILITIES = TOOL_CAPABILITIES.filter((c) => c.tools.length === 1);

interface ToolItem {
  capability: ToolCapability;
  tool: string;
  team: string;
  created: number;
  status: Status;
}

function toolDraft(ctx: BuildContext, id: string, item: ToolItem): Draft {
  const { rng } = ctx;
  const vocabulary = { ...ADOPTION, need: item.capability.need, tool: [toolDisplayName(item.tool)] };
  const tags: PlantTag[] = [
    { kind: 'tool', capability: item.capability.id, tool: item.tool, use: 'adoption' },
  ];
  const common = {
    theme: 'ops' as ThemeId,
    textGoal: null,
    created: item.created,
    life: plantedLife(ctx, item.created, item.status),
    requester: ctx.pick.requester(0.1, 0.3),
    tags,
    plantId: id,
  };
  if (isJiraTeam(item.team)) {
    return jiraDraft(ctx, {
      ...common,
      project: item.team,
      type: rng.chance(0.6) ? 'Task' : 'Story',
      custom: { vocabulary, title: '{^issueTitle}', description: '{why}' },
    });
  }
  const table = rng.weighted<SeedSnTable>([
    ['sc_req_item', 50],
    ['dmn_demand', 20],
    ['change_request', 15],
    ['pm_project', 15],
  ]);
  const title = {
    sc_req_item: 'requestTitle',
    dmn_demand: 'demandTitle',
    change_request: 'changeTitle',
    pm_project: 'projectTitle',
    incident: 'requestTitle',
  }[table];
  return snDraft(ctx, {
    ...common,
    table,
    group: item.team,
    category: table === 'dmn_demand' ? 'operational' : table === 'pm_project' ? null : 'software',
    custom: { vocabulary, title: `{^${title}}`, description: '{why}' },
  });
}

/** Teams acquiring different tools of one capability within the last four weeks. */
export function toolClusters(plants: PlantSpec[], rng: Random, counts: Counts, daysAgo: DaysAgo): void {
  const capabilities = CLUSTER_CAPABILITIES.slice(0, counts.clusters);
  const perCapability = counts.perCluster;
  capabilities.forEach((capability, c) => {
    const teams = rng.sample(TEAMS, TEAMS.length);
    for (let i = 0; i < perCapability; i++) {
      const item: ToolItem = {
        capability,
        tool: capability.tools[i % capability.tools.length]!,
        team: teams[i % teams.length]!,
        created: daysAgo(1, 25),
        status: rng.weighted<Status>([
          ['todo', 4],
          ['doing', 4],
          ['done', 2],
        ]),
      };
      const id = `tool-${c}-${i}`;
      plants.push({ id, created: item.created, build: (ctx) => toolDraft(ctx, id, item) });
    }
  });
}

/** One tool (the standard, or in a capability without one) asked for by several teams: not a duplicate. */
export function sameToolRequests(plants: PlantSpec[], rng: Random, counts: Counts, daysAgo: DaysAgo): void {
  const perCapability = counts.perSameTool;
  SAME_TOOL_CAPABILITIES.forEach((capability, c) => {
    const teams = rng.sample(TEAMS, TEAMS.length);
    for (let i = 0; i < perCapability; i++) {
      const item: ToolItem = {
        capability,
        tool: capability.tools[0]!,
        team: teams[i % teams.length]!,
        created: daysAgo(1, 25),
        status: rng.weighted<Status>([
          ['todo', 4],
          ['doing', 4],
          ['done', 2],
        ]),
      };
      const id = `same-tool-${c}-${i}`;
      plants.push({ id, created: item.created, build: (ctx) => toolDraft(ctx, id, item) });
    }
  });
}

/** Incidents about a tool: support, not an acquisition. */
export function supportMentions(plants: PlantSpec[], rng: Random, counts: Counts, daysAgo: DaysAgo): void {
  const count = counts.supportMentions;
  for (let i = 0; i < count; i++) {
    const capability = TOOL_CAPABILITIES[i % TOOL_CAPABILITIES.length]!;
    const tool = rng.pick(capability.tools);
    const created = daysAgo(1, 25);
    const group: AssignmentGroup = rng.chance(0.6) ? 'Service Desk' : 'End User Computing';
    const id = `support-${i}`;
    plants.push({
      id,
      created,
      build: (ctx) =>
        snDraft(ctx, {
          table: 'incident',
          group,
          theme: 'ops',
          textGoal: null,
          created,
          category: 'software',
          service: 'Email',
          custom: {
            vocabulary: { problem: capability.problem, tool: [tool] },
            title: '{^problem}',
            description: '{reporter} reports: {problem}.\n\n{tried}',
          },
          tags: [{ kind: 'tool', capability: capability.id, tool, use: 'support' }],
          plantId: id,
        }),
    });
  }
}
