import type { GoalTag, Score, TagSource, WorkItem } from '../../model/index.js';

const SOURCE_WORDS: Record<TagSource, string> = {
  rule: 'by rule',
  'run-rule': 'by run rule',
  inherited: 'inherited',
  text: 'from the text',
  none: 'no goal found',
};

const SYSTEM: Record<WorkItem['source'], string> = { jira: 'Jira', servicenow: 'ServiceNow' };

/**
 * Why an item has its goal and score, as a few plain lines for `bearing explain KEY`: the item,
 * its goal and the reasons (runner-up included), each part of the score, and its flags.
 * `goalNames` (goal id → name) lets the goal line name the goal; the id alone is shown without it.
 */
export function explainItem(
  item: Pick<WorkItem, 'ref' | 'title' | 'source' | 'kind' | 'team' | 'priority' | 'status'>,
  tag: GoalTag,
  score: Score,
  goalNames: ReadonlyMap<string, string> = new Map(),
): string[] {
  const name = (goal: string): string => {
    const known = goalNames.get(goal);
    return known === undefined ? goal : `${known} (${goal})`;
  };
  const lines = [
    `${item.ref} "${item.title}": ${SYSTEM[item.source]} ${item.kind} of ${item.team}, priority ${item.priority}, ${item.status}`,
    `Goal: ${name(tag.goal)}, ${SOURCE_WORDS[tag.source]}, confidence ${tag.confidence.toFixed(2)}`,
    ...tag.reasons.map((reason) => `  - ${reason}`),
  ];
  if (tag.runnerUp) {
    lines.push(`  - runner-up: ${name(tag.runnerUp.goal)}, confidence ${tag.runnerUp.confidence.toFixed(2)}`);
  }
  lines.push(`Score: ${score.score} of 100`);
  for (const part of score.parts) {
    const points = 100 * part.value * part.weight;
    const signed = `${points < 0 ? '−' : '+'}${Math.abs(points).toFixed(1)}`;
    // Penalties carry a negative weight; their note already says what was flagged.
    const label =
      part.weight < 0 ? `flagged ${part.name}` : `${part.name} × ${weightText(part.weight)}: ${part.note}`;
    lines.push(`  ${signed} ${label}`);
  }
  lines.push(`Flags: ${score.flags.length > 0 ? score.flags.join(', ') : 'none'}`);
  return lines;
}

const weightText = (weight: number): string => `${Math.round(Math.abs(weight) * 100)}%`;
