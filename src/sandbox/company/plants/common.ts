import type { SeedPerson } from '../../seed.js';
import type { BuildContext, Draft } from '../build.js';
import { ASSIGNMENT_GROUPS, JIRA_PROJECTS } from '../org.js';
import type { GoalKey, JiraProjectKey } from '../org.js';
import { DAY, settle } from '../timeline.js';
import type { Status, Timeline } from '../timeline.js';

/** A planted ticket: its id, when it is created, and how to write it then. */
export interface PlantSpec {
  id: string;
  created: number;
  build(ctx: BuildContext): Draft;
}

export const TEAMS: readonly string[] = [...JIRA_PROJECTS.map((p) => p.key), ...ASSIGNMENT_GROUPS];
export const isJiraTeam = (team: string): team is JiraProjectKey => JIRA_PROJECTS.some((p) => p.key === team);
/** A creation time between `fromDays` and `toDays` days before now. */
export type DaysAgo = (fromDays: number, toDays: number) => number;

/** Status for a planted ticket: done ones are resolved inside the window. */
export const plantedLife = (ctx: BuildContext, created: number, status: Status) =>
  settle(ctx.rng, created, status, ctx.tl.now, ctx.tl.windowStart + DAY);

export interface PlanOptions {
  size: number;
  tl: Timeline;
  /** Anchor epic key per goal, in goals-file order. */
  anchorKeys: readonly string[];
  /** Finds the sponsor of an anchor epic. */
  sponsorOf(goal: GoalKey): SeedPerson;
}
