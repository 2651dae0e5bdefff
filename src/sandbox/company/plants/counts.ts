import { TOOL_CAPABILITIES } from '../text/index.js';

/** Capabilities with more than one tool: duplicate-tool clusters form in these. */
export const CLUSTER_CAPABILITIES = TOOL_CAPABILITIES.filter((c) => c.tools.length > 1);

/** The default demo size: every plant at its designed strength. */
export const DEFAULT_SIZE = 2000;

const scaled = (size: number, min: number, atDefault: number): number =>
  Math.max(min, Math.round((atDefault * size) / DEFAULT_SIZE));

/** How many of each plant a company of `size` tickets gets: the default's, scaled, with a floor. */
export function plantCounts(size: number) {
  return {
    /** Capabilities with a duplicate-tool cluster, and acquisitions in each. */
    clusters: Math.min(CLUSTER_CAPABILITIES.length, scaled(size, 3, 8)),
    perCluster: scaled(size, 2, 3),
    /** Teams asking for the same tool, per capability with one tool. */
    perSameTool: scaled(size, 2, 2),
    supportMentions: scaled(size, 2, 4),
    /** Duplicate pairs within Jira, within ServiceNow, and across (each). */
    duplicatePairs: scaled(size, 1, 4),
    nearMisses: scaled(size, 1, 4),
    linkedDuplicates: scaled(size, 1, 2),
    /** Below half the default size, one pressured team and one control team instead of two each. */
    pressureTeams: size < DEFAULT_SIZE / 2 ? 1 : 2,
    waiting: scaled(size, 2, 3),
    urgent: scaled(size, 2, 3),
    controlWaiting: scaled(size, 1, 2),
    controlUrgent: scaled(size, 2, 2),
    bigMisaligned: scaled(size, 2, 6),
  };
}
export type Counts = ReturnType<typeof plantCounts>;
