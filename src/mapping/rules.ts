import type { GoalRuleField, MappingSettings, RunBucket, RunRuleField, WorkItem } from '../model/index.js';
import type { RankedGoals } from './goals.js';

/** One explicit rule of goals.yaml: "this value of this field means that goal (or run work)". */
export interface Rule {
  /** A goal's index in rank order, or `goals.run` for the run bucket. */
  target: number;
  bucket: 'goal' | 'run';
  field: GoalRuleField | RunRuleField;
  /** As written in goals.yaml. */
  value: string;
  confidence: number;
}

/** A rule an item matched, with the item's own spelling of the value. */
export interface RuleHit {
  rule: number;
  value: string;
}

/** The outcome of an item's explicit rules. */
export interface RuleVerdict {
  /** Goal index, run index, or -1 when no rule matched. */
  target: number;
  confidence: number;
  /** The strongest rule for the target (-1 when none). */
  decisive: number;
  /** The best competing target, if another one matched too. */
  runnerUp: { target: number; confidence: number; decisive: number } | null;
}

/** Confidence `own` weakened by competing evidence of confidence `other`. */
export const lowered = (own: number, other: number, conflict: number): number =>
  own <= 0 ? 0 : own * (1 - conflict * Math.min(1, other / own));

type Lookup = Map<string, number[]>;
const key = (value: string): string => value.trim().toLowerCase();
const lookup = (): Lookup => new Map<string, number[]>();

/**
 * The explicit rules of goals.yaml, compiled into one case-insensitive lookup per field. Goal
 * rules apply to items of their system only; the run bucket's kinds and labels apply to both.
 */
export class RuleMatcher {
  readonly rules: Rule[] = [];
  private readonly goals: RankedGoals;
  private readonly jira = { project: lookup(), label: lookup(), component: lookup(), epic: lookup() };
  private readonly servicenow = { businessService: lookup(), assignmentGroup: lookup(), category: lookup() };
  private readonly run: Record<RunRuleField, Lookup> = {
    kind: lookup(),
    label: lookup(),
    table: lookup(),
    category: lookup(),
    businessService: lookup(),
  };

  constructor(goals: RankedGoals, run: RunBucket, confidence: MappingSettings['confidence']) {
    this.goals = goals;
    goals.list.forEach((goal, g) => {
      const { jira, servicenow } = goal.match;
      const add = (into: Lookup, field: GoalRuleField, values: readonly string[]): void =>
        this.add(into, { target: g, bucket: 'goal', field, confidence: confidence.goalRules[field] }, values);
      add(this.jira.project, 'project', jira.projects);
      add(this.jira.label, 'label', jira.labels);
      add(this.jira.component, 'component', jira.components);
      add(this.jira.epic, 'epic', jira.epics);
      add(this.servicenow.businessService, 'businessService', servicenow.businessServices);
      add(this.servicenow.assignmentGroup, 'assignmentGroup', servicenow.assignmentGroups);
      add(this.servicenow.category, 'category', servicenow.categories);
    });
    const addRun = (field: RunRuleField, values: readonly string[]): void =>
      this.add(
        this.run[field],
        { target: goals.run, bucket: 'run', field, confidence: confidence.runRules[field] },
        values,
      );
    addRun('kind', run.match.kinds);
    addRun('label', run.match.labels);
    addRun('table', run.match.servicenow.tables);
    addRun('category', run.match.servicenow.categories);
    addRun('businessService', run.match.servicenow.businessServices);
  }

  /** Every rule the item matches (each once). */
  match(item: WorkItem): RuleHit[] {
    const hits: RuleHit[] = [];
    probe(hits, this.run.kind, item.kind);
    for (const label of item.labels) probe(hits, this.run.label, label);
    if (item.source === 'jira') {
      probe(hits, this.jira.project, item.container);
      for (const label of item.labels) probe(hits, this.jira.label, label);
      for (const component of item.components) probe(hits, this.jira.component, component);
      // The epic itself, an issue in it, and (team-managed projects) a child whose parent is the epic.
      probe(hits, this.jira.epic, item.ref);
      probe(hits, this.jira.epic, item.epic);
      probe(hits, this.jira.epic, item.parent);
    } else {
      probe(hits, this.run.table, item.scope);
      probe(hits, this.run.category, item.category);
      probe(hits, this.run.businessService, item.businessService);
      probe(hits, this.servicenow.businessService, item.businessService);
      probe(hits, this.servicenow.assignmentGroup, item.container);
      probe(hits, this.servicenow.category, item.category);
    }
    return hits;
  }

  /**
   * Run rules win outright. Otherwise the goal with the strongest rule wins, ties going to the
   * better-ranked goal. Several rules for one goal add up (1 − Π(1 − confidence)). Winner and
   * runner-up lower each other: `confidence × (1 − conflict × min(1, other / confidence))`.
   */
  decide(hits: readonly RuleHit[], conflict: number): RuleVerdict {
    if (hits.length === 0) return { target: -1, confidence: 0, decisive: -1, runnerUp: null };
    const groups: { target: number; strength: number; combined: number; decisive: number }[] = [];
    for (const { rule: id } of hits) {
      const rule = this.rules[id];
      if (!rule) continue;
      let group = groups.find((g) => g.target === rule.target);
      if (!group) {
        group = { target: rule.target, strength: 0, combined: 0, decisive: id };
        groups.push(group);
      }
      if (rule.confidence > group.strength) {
        group.strength = rule.confidence;
        group.decisive = id;
      }
      group.combined = 1 - (1 - group.combined) * (1 - rule.confidence);
    }
    // The run index is after every goal, so "run first" is a sort on bucket, then strength, then rank.
    const isRun = (t: number): number => (t === this.goals.run ? 0 : 1);
    groups.sort(
      (a, b) => isRun(a.target) - isRun(b.target) || b.strength - a.strength || a.target - b.target,
    );
    const [winner, second] = groups as [(typeof groups)[number], ...typeof groups];
    if (!second)
      return {
        target: winner.target,
        confidence: winner.combined,
        decisive: winner.decisive,
        runnerUp: null,
      };
    // Each side is weakened by the other; a run verdict is not, since run rules win by definition.
    const confidence =
      winner.target === this.goals.run
        ? winner.combined
        : lowered(winner.combined, second.combined, conflict);
    const runnerUp = {
      target: second.target,
      confidence: lowered(second.combined, winner.combined, conflict),
      decisive: second.decisive,
    };
    return { target: winner.target, confidence, decisive: winner.decisive, runnerUp };
  }

  private add(into: Lookup, rule: Omit<Rule, 'value'>, values: readonly string[]): void {
    for (const value of values) {
      const id = this.rules.length;
      this.rules.push({ ...rule, value });
      const list = into.get(key(value)) ?? [];
      list.push(id);
      into.set(key(value), list);
    }
  }
}

function probe(hits: RuleHit[], from: Lookup, value: string | null): void {
  if (value === null || from.size === 0) return;
  const rules = from.get(key(value));
  if (rules === undefined) return;
  for (const rule of rules) if (!hits.some((h) => h.rule === rule)) hits.push({ rule, value });
}
