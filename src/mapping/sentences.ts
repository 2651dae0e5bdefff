import type { GoalRuleField, ItemKind, RunRuleField } from '../model/index.js';
import { nameOf, type RankedGoals } from './goals.js';
import type { Rule } from './rules.js';

/** How a reason names the value a goal rule matched. */
const GOAL_RULE_SUBJECT: Record<GoalRuleField, (value: string) => string> = {
  project: (v) => `Jira project ${v}`,
  label: (v) => `label "${v}"`,
  component: (v) => `component "${v}"`,
  epic: (v) => `epic ${v}`,
  businessService: (v) => `business service "${v}"`,
  assignmentGroup: (v) => `assignment group "${v}"`,
  category: (v) => `category "${v}"`,
};

const KIND_PLURAL: Record<ItemKind, string> = {
  issue: 'issues',
  epic: 'epics',
  incident: 'incidents',
  request: 'requests',
  change: 'changes',
  demand: 'demands',
  project: 'projects',
};

/** How a reason says that a run rule matched. */
const RUN_RULE_SENTENCE: Record<RunRuleField, (value: string) => string> = {
  kind: (v) => `${KIND_PLURAL[v as ItemKind] ?? v} are run work (keeping the lights on)`,
  label: (v) => `label "${v}" marks run work`,
  table: (v) => `ServiceNow table ${v} is run work`,
  category: (v) => `category "${v}" marks run work`,
  businessService: (v) => `business service "${v}" is run work`,
};

/** A rule kind with its article, for "a component is stronger evidence than a label". */
const RULE_NOUN: Record<GoalRuleField, string> = {
  project: 'a Jira project',
  label: 'a label',
  component: 'a component',
  epic: 'an epic',
  businessService: 'a business service',
  assignmentGroup: 'an assignment group',
  category: 'a category',
};

/** What a parent is called in "inherits … from epic SHOP-12", by the parent's kind. */
const LINK_NOUN: Record<ItemKind, string> = {
  issue: 'parent',
  epic: 'epic',
  incident: 'incident',
  request: 'request',
  change: 'change',
  demand: 'demand',
  project: 'project',
};

export const linkNoun = (kind: ItemKind | undefined): string => (kind ? LINK_NOUN[kind] : 'parent');

/** `component "Checkout" is mapped to "Grow digital revenue"` / `incidents are run work …`. */
export function ruleSentence(rule: Rule, value: string, goals: RankedGoals): string {
  if (rule.bucket === 'run') return RUN_RULE_SENTENCE[rule.field as RunRuleField](value);
  return `${GOAL_RULE_SUBJECT[rule.field as GoalRuleField](value)} is mapped to ${nameOf(goals, rule.target)}`;
}

/**
 * Rule sentences by rule and spelling, made once: a million tagged items share a few hundred
 * reason strings instead of each holding its own copy.
 */
export class RuleSentences {
  private readonly cache = new Map<number, Map<string, string>>();
  private readonly rules: readonly Rule[];
  private readonly goals: RankedGoals;

  constructor(rules: readonly Rule[], goals: RankedGoals) {
    this.rules = rules;
    this.goals = goals;
  }

  of(id: number, value: string): string {
    let byValue = this.cache.get(id);
    if (byValue === undefined) {
      byValue = new Map();
      this.cache.set(id, byValue);
    }
    let sentence = byValue.get(value);
    if (sentence === undefined) {
      const rule = this.rules[id];
      sentence = rule ? ruleSentence(rule, value, this.goals) : '';
      byValue.set(value, sentence);
    }
    return sentence;
  }
}

/** Why the runner-up lost to the winner among goal rules. */
export function whyWinnerWon(winner: Rule, loser: Rule, goals: RankedGoals): string {
  if (winner.confidence > loser.confidence) {
    return `${RULE_NOUN[winner.field as GoalRuleField]} is stronger evidence than ${RULE_NOUN[loser.field as GoalRuleField]}`;
  }
  const [w, l] = [goals.list[winner.target], goals.list[loser.target]];
  if (w && l && w.rank < l.rank) return `equally strong rules; ${nameOf(goals, winner.target)} ranks higher`;
  return `equally strong rules and equal rank; ${nameOf(goals, winner.target)} comes first in goals.yaml`;
}

export const round2 = (x: number): number => Math.round(x * 100) / 100;
export const fixed2 = (x: number): string => round2(x).toFixed(2);
