import type { GoalsFile } from '../../model/index.js';
import type { SeedTicket } from '../seed.js';

export type Evidence = 'explicit' | 'inherited' | 'text' | 'none';

export interface GoalTruth {
  /** A goal id, `run` or `none`. */
  goal: string;
  evidence: Evidence;
}

/** The design's kind of a seed ticket (Definitions: "Kinds and requesters"). */
export function kindOf(ticket: SeedTicket): string {
  if (ticket.system === 'jira') return ticket.issueType === 'Epic' ? 'epic' : 'issue';
  switch (ticket.table) {
    case 'incident':
      return 'incident';
    case 'sc_req_item':
      return 'request';
    case 'change_request':
      return 'change';
    case 'dmn_demand':
      return 'demand';
    case 'pm_project':
      return 'project';
  }
}

/** The team doing the work: Jira project or ServiceNow assignment group. */
export const teamOf = (ticket: SeedTicket): string =>
  ticket.system === 'jira' ? ticket.project : ticket.assignmentGroup;

/** How bearing refers to a ticket in reports: the Jira key, or `SN:` + number. */
export const refOf = (ticket: SeedTicket): string =>
  ticket.system === 'jira' ? ticket.key : `SN:${ticket.number}`;

/**
 * The category bearing can see: ServiceNow's requested items have no category column (the catalog
 * item stands for it), so the fake ServiceNow serves none for them, whatever the draft says.
 */
const visibleCategory = (t: SeedTicket & { system: 'servicenow' }): string | null =>
  t.table === 'sc_req_item' ? null : t.category;

/**
 * The goals file's rules applied to a ticket's own fields, in the design's precedence: run rules,
 * then a goal's explicit rules, then what the ticket inherits, then what its text was written
 * about. The generator writes every ticket so that at most one goal's explicit rules match it.
 */
export class GoalRules {
  private readonly runKinds: Set<string>;
  private readonly runLabels: Set<string>;
  private readonly runCategories: Set<string>;
  private readonly runTables: Set<string>;
  private readonly runServices: Set<string>;

  private readonly file: GoalsFile;

  constructor(file: GoalsFile) {
    this.file = file;
    const run = file.run.match;
    this.runKinds = new Set(run.kinds);
    this.runLabels = new Set(run.labels);
    this.runCategories = new Set(run.servicenow.categories);
    this.runTables = new Set(run.servicenow.tables);
    this.runServices = new Set(run.servicenow.businessServices);
  }

  isRun(t: SeedTicket): boolean {
    if (this.runKinds.has(kindOf(t))) return true;
    if (t.system === 'jira') return t.labels.some((l) => this.runLabels.has(l));
    const category = visibleCategory(t);
    return (
      this.runTables.has(t.table) ||
      (category !== null && this.runCategories.has(category)) ||
      (t.businessService !== null && this.runServices.has(t.businessService))
    );
  }

  /** The goal whose explicit rules match, or null; throws when two goals match (a generator bug). */
  explicitGoal(t: SeedTicket): string | null {
    const matched = this.file.goals.filter((g) => {
      if (t.system === 'jira') {
        const m = g.match.jira;
        return (
          m.projects.includes(t.project) ||
          t.labels.some((l) => m.labels.includes(l)) ||
          t.components.some((c) => m.components.includes(c)) ||
          m.epics.includes(t.key) ||
          (t.epicKey !== null && m.epics.includes(t.epicKey))
        );
      }
      const m = g.match.servicenow;
      const category = visibleCategory(t);
      return (
        (t.businessService !== null && m.businessServices.includes(t.businessService)) ||
        m.assignmentGroups.includes(t.assignmentGroup) ||
        (category !== null && m.categories.includes(category))
      );
    });
    if (matched.length > 1) {
      throw new Error(`ticket ${refOf(t)} matches the rules of ${matched.map((g) => g.id).join(' and ')}`);
    }
    return matched[0]?.id ?? null;
  }

  /**
   * @param inherited the goal of the epic, parent or demand the ticket hangs under, if any
   * @param textGoal the goal whose keywords the ticket's text was written with, if any
   */
  resolve(t: SeedTicket, inherited: string | null, textGoal: string | null): GoalTruth {
    if (this.isRun(t)) return { goal: 'run', evidence: 'explicit' };
    const explicit = this.explicitGoal(t);
    if (explicit !== null) return { goal: explicit, evidence: 'explicit' };
    if (inherited !== null && inherited !== 'none' && inherited !== 'run')
      return { goal: inherited, evidence: 'inherited' };
    if (textGoal !== null) return { goal: textGoal, evidence: 'text' };
    return { goal: 'none', evidence: 'none' };
  }

  rankOf(goal: string): number | null {
    return this.file.goals.find((g) => g.id === goal)?.rank ?? null;
  }
}
