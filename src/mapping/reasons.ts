import type { GoalTag, ItemKind, WorkItem } from '../model/index.js';
import { ITEM_KINDS } from '../model/index.js';
import type { Columns } from './columns.js';
import { INHERITED, NONE, RULE, RUN_RULE, SOURCE_NAMES, type Engine } from './engine.js';
import { idOf, nameOf } from './goals.js';
import { links } from './resolve.js';
import { lowered, type RuleVerdict } from './rules.js';
import { fixed2, linkNoun, round2, whyWinnerWon } from './sentences.js';
import type { TextMention } from './text/relevance.js';

/** At most this many goal words are quoted in a reason. */
const QUOTED_WORDS = 5;

type Candidate = GoalTag['runnerUp'];

/** Pass 2: the tag of the item in slot `s`, with reasons rebuilt from the item and the columns. */
export function tagOf(
  engine: Engine,
  c: Columns,
  refs: readonly string[],
  s: number | undefined,
  item: WorkItem,
): GoalTag {
  if (s === undefined) {
    throw new Error(`${item.ref} was not added to the mapping index before resolve()`);
  }
  const goal = c.goal[s] ?? -1;
  const source = c.source[s] ?? NONE;
  const { reasons, runnerUp } =
    source === RULE || source === RUN_RULE
      ? ruleReasons(engine, item)
      : source === INHERITED
        ? inheritedReasons(engine, c, refs, s)
        : textReasons(engine, c, s, item);
  return {
    uid: item.uid,
    goal: idOf(engine.goals, goal),
    confidence: round2(c.confidence[s] ?? 0),
    source: SOURCE_NAMES[source] ?? 'none',
    reasons,
    runnerUp,
  };
}

interface Explained {
  reasons: string[];
  runnerUp: Candidate;
}

const candidate = (engine: Engine, target: number, confidence: number): Candidate => ({
  goal: idOf(engine.goals, target),
  confidence: round2(confidence),
});

/** The item's own text as a runner-up: its best goal other than `chosen`, when relevant enough. */
function textRunnerUp(engine: Engine, c: Columns, s: number, chosen: number): Candidate {
  const { relevanceThreshold, confidence } = engine.settings;
  const winner = c.confidence[s] ?? 0;
  for (const [target, relevance] of [
    [c.textBest[s] ?? -1, c.textRelevance[s] ?? 0],
    [c.textSecond[s] ?? -1, c.textSecondRelevance[s] ?? 0],
  ] as const) {
    if (target >= 0 && target !== chosen && relevance >= relevanceThreshold) {
      return candidate(engine, target, lowered(relevance * confidence.text, winner, confidence.conflict));
    }
  }
  return null;
}

function ruleReasons(engine: Engine, item: WorkItem): Explained {
  const { rules, goals, settings, sentences } = engine;
  const hits = rules.match(item);
  const verdict: RuleVerdict = rules.decide(hits, settings.confidence.conflict);
  const ruleOf = (id: number) => rules.rules[id];
  const strongestFirst = hits
    .map((hit) => ({ hit, rule: ruleOf(hit.rule) }))
    .filter((h): h is { hit: typeof h.hit; rule: NonNullable<typeof h.rule> } => h.rule !== undefined)
    .sort((a, b) => b.rule.confidence - a.rule.confidence || a.hit.rule - b.hit.rule);
  const reasons = strongestFirst
    .filter(({ rule }) => rule.target === verdict.target)
    .map(({ hit }) => sentences.of(hit.rule, hit.value));
  const winner = ruleOf(verdict.decisive);
  if (verdict.runnerUp && winner) {
    const loser = strongestFirst.find(({ rule }) => rule.target === verdict.runnerUp?.target);
    if (loser) {
      const lost =
        winner.bucket === 'run' ? 'run rules take precedence' : whyWinnerWon(winner, loser.rule, goals);
      reasons.push(`${sentences.of(loser.hit.rule, loser.hit.value)}, but ${lost}`);
    }
  }
  const runnerUp = verdict.runnerUp
    ? candidate(engine, verdict.runnerUp.target, verdict.runnerUp.confidence)
    : null;
  return { reasons, runnerUp };
}

function inheritedReasons(engine: Engine, c: Columns, refs: readonly string[], s: number): Explained {
  const { goals, rules, settings } = engine;
  const goal = c.goal[s] ?? -1;
  const via = c.via[s] ?? -1;
  const origin = c.origin[s] ?? via;
  const kindOf = (slot: number): ItemKind | undefined => ITEM_KINDS[c.kind[slot] ?? -1];
  const reasons = [`inherits ${nameOf(goals, goal)} from ${linkNoun(kindOf(via))} ${refs[via]}`];
  if (origin !== via) reasons.push(`the goal comes down from ${linkNoun(kindOf(origin))} ${refs[origin]}`);
  const rule = rules.rules[c.ownRule[origin] ?? -1];
  if (c.ownSource[origin] !== NONE && rule) {
    reasons.push(`on ${refs[origin]}, ${engine.sentences.of(c.ownRule[origin] ?? -1, rule.value)}`);
  } else {
    reasons.push(
      `on ${refs[origin]}, the text points to it (relevance ${fixed2(c.textRelevance[origin] ?? 0)})`,
    );
  }
  const ownBest = c.textBest[s] ?? -1;
  if (ownBest >= 0 && ownBest !== goal && (c.textRelevance[s] ?? 0) >= settings.relevanceThreshold) {
    reasons.push(
      `its own text points to ${nameOf(goals, ownBest)} (relevance ${fixed2(c.textRelevance[s] ?? 0)}), ` +
        'but a goal inherited from a rule comes first',
    );
  }
  const otherLink = links(c, s).find(
    (link) => link !== via && (c.goal[link] ?? -1) >= 0 && c.goal[link] !== goal,
  );
  const runnerUp =
    textRunnerUp(engine, c, s, goal) ??
    (otherLink === undefined
      ? null
      : candidate(
          engine,
          c.goal[otherLink] ?? -1,
          lowered(
            (c.confidence[otherLink] ?? 0) * settings.confidence.inheritance,
            c.confidence[s] ?? 0,
            settings.confidence.conflict,
          ),
        ));
  return { reasons, runnerUp };
}

function textReasons(engine: Engine, c: Columns, s: number, item: WorkItem): Explained {
  const { goals, text, settings } = engine;
  const goal = c.goal[s] ?? -1;
  const mentions = text.mentions(item);
  const said = (m: TextMention): string =>
    `text mentions ${m.words.slice(0, QUOTED_WORDS).join(', ')} (relevance ${fixed2(m.relevance)})`;
  const chosen = mentions.find((m) => m.goal === goal);
  const other = mentions.find((m) => m.goal !== goal);
  const { text: ceiling, conflict } = settings.confidence;
  const otherConfidence = (other?.relevance ?? 0) * ceiling;
  // Beside a chosen goal the runner-up is weakened like any loser; the nearest miss of `none` is not.
  const runnerUp = other
    ? candidate(
        engine,
        other.goal,
        chosen ? lowered(otherConfidence, chosen.relevance * ceiling, conflict) : otherConfidence,
      )
    : null;
  if (chosen) {
    const reasons = [said(chosen)];
    if (other) reasons.push(`runner-up ${nameOf(goals, other.goal)}: ${said(other)}`);
    return { reasons, runnerUp };
  }
  const noEvidence = 'no goal rule matches and no parent has a goal';
  if (!other)
    return { reasons: [`${noEvidence}; the text mentions none of the goals' words`], runnerUp: null };
  return {
    reasons: [
      `${noEvidence}; the text is not close enough to any goal`,
      `nearest is ${nameOf(goals, other.goal)}: ${said(other)}, below the threshold ${fixed2(settings.relevanceThreshold)}`,
    ],
    runnerUp,
  };
}
