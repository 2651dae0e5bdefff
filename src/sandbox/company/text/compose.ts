import type { Random } from '../random.js';
import type { Writer } from './template.js';

/**
 * Ticket frames: how an IT department writes each kind of ticket (a user story with acceptance
 * criteria, a bug with steps to reproduce, a change with implementation and backout plans…),
 * filled from a theme's vocabulary. Each theme provides the slots `feature`, `task`, `system`,
 * `fault`, `step`, `impact`, `request`, `change`, `initiative`, `context`, `benefit`, `criterion`,
 * `role` and `measure`.
 */
export type Shape =
  'story' | 'task' | 'bug' | 'subtask' | 'epic' | 'incident' | 'request' | 'change' | 'demand' | 'project';

export interface Text {
  title: string;
  description: string;
  /**
   * What work the title names, for the ground truth: two tickets with the same identity describe
   * the same work. Lower case, measurements unfilled; urgency markers and the verb a story title
   * happens to start with are left out, a release or an environment is kept.
   */
  work: string;
}

/** Slots a child ticket inherits from its parent so it talks about the same thing. */
export const INHERITED_SLOTS = ['feature', 'system', 'store', 'city', 'storeNo'] as const;

export function compose(shape: Shape, w: Writer, rng: Random): Text {
  switch (shape) {
    case 'story':
      return story(w, rng);
    case 'task':
      return task(w, rng);
    case 'bug':
      return bug(w, rng);
    case 'subtask':
      return subtask(w, rng);
    case 'epic':
      return epic(w, rng);
    case 'incident':
      return incident(w, rng);
    case 'request':
      return request(w, rng);
    case 'change':
      return change(w, rng);
    case 'demand':
      return demand(w, rng);
    case 'project':
      return project(w, rng);
  }
}

const paragraphs = (parts: (string | null)[]): string =>
  parts.filter((p): p is string => p !== null).join('\n\n');
const list = (items: string[], numbered = false): string =>
  items.map((item, i) => (numbered ? `${i + 1}. ${item}` : `- ${item}`)).join('\n');
const maybe = (rng: Random, p: number, make: () => string): string | null => (rng.chance(p) ? make() : null);

function story(w: Writer, rng: Random): Text {
  const released = !rng.chance(0.8);
  const title = released ? w.fill('{^feature} ({release})') : w.fill('{verbAdd} {feature}');
  return {
    title,
    work: w.identity(released ? '{feature} ({release})' : '{feature}'),
    description: paragraphs([
      w.fill('As {role}, I want {feature} so that {benefit}.'),
      maybe(rng, 0.6, () => w.fillFrom('context')),
      maybe(rng, 0.7, () => `Acceptance criteria:\n${list(w.fillDistinct('criterion', rng.int(2, 4)))}`),
      maybe(rng, 0.3, () => w.fillFrom('note')),
    ]),
  };
}

function task(w: Writer, rng: Random): Text {
  return {
    title: w.fill('{^task}'),
    work: w.identity('{task}'),
    description: paragraphs([
      w.fillFrom('context'),
      maybe(rng, 0.5, () => w.fill('This matters because {benefit}.')),
      maybe(rng, 0.5, () => w.fillFrom('taskDetail')),
    ]),
  };
}

function bug(w: Writer, rng: Random): Text {
  const inEnv = !rng.chance(0.8);
  const title = w.fill(inEnv ? '[{env}] {^system} {fault}' : '{^system} {fault}');
  const work = w.identity(inEnv ? '[{env}] {system} {fault}' : '{system} {fault}');
  const steps = [...w.fillDistinct('step', rng.int(1, 3)), w.fillFrom('genericStep')];
  return {
    title,
    work,
    description: paragraphs([
      w.fill('{^system} {fault} {since}.'),
      maybe(rng, 0.75, () => `Steps to reproduce:\n${list(steps, true)}`),
      maybe(rng, 0.6, () => `${w.fillFrom('expected')}\n${w.fill('Actual: {system} {fault}.')}`),
      maybe(rng, 0.5, () => w.fillFrom('impact')),
      maybe(rng, 0.3, () => w.fillFrom('errorDetail')),
    ]),
  };
}

function subtask(w: Writer, rng: Random): Text {
  const { text: title, identity: work } = w.fillFromWithIdentity('subtask');
  return {
    title,
    work,
    description: paragraphs([w.fillFrom('subtaskBody'), maybe(rng, 0.4, () => w.fillFrom('taskDetail'))]),
  };
}

function epic(w: Writer, rng: Random): Text {
  return {
    title: w.fill('{^initiative}'),
    work: w.identity('{initiative}'),
    description: paragraphs([
      w.fillFrom('context'),
      w.fill('Goal: {benefit}.'),
      `Scope:\n${list(w.fillDistinct('feature', rng.int(2, 4)))}`,
      maybe(rng, 0.7, () => w.fill('Success measure: {measure}.')),
    ]),
  };
}

function incident(w: Writer, rng: Random): Text {
  const [template, identity] = rng.weighted([
    [['{^system} {fault}', '{system} {fault}'], 6],
    [['{^system} {fault} at {store}', '{system} {fault} at {store}'], 1],
    [['URGENT: {system} {fault}', '{system} {fault}'], 1],
  ] as const);
  const title = w.fill(template);
  return {
    title,
    work: w.identity(identity),
    description: paragraphs([
      w.fill('{reporter} reports that {system} {fault} {since}.'),
      maybe(rng, 0.7, () => w.fillFrom('impact')),
      maybe(rng, 0.5, () => w.fillFrom('tried')),
      maybe(rng, 0.3, () => w.fillFrom('errorDetail')),
    ]),
  };
}

function request(w: Writer, rng: Random): Text {
  return {
    title: w.fill('{^request}'),
    work: w.identity('{request}'),
    description: paragraphs([
      w.fill(w.isBound('people') ? 'Please arrange this for {people}; needed {needBy}.' : '{requestOpen}'),
      maybe(rng, 0.7, () => w.fillFrom('context')),
      maybe(rng, 0.3, () => w.fill('Reason: {benefit}.')),
    ]),
  };
}

function change(w: Writer, rng: Random): Text {
  return {
    title: w.fill('{^change}'),
    work: w.identity('{change}'),
    description: paragraphs([
      maybe(rng, 0.6, () => w.fillFrom('context')),
      `Implementation plan: ${w.fillFrom('plan')}`,
      `Backout plan: ${w.fillFrom('backout')}`,
      w.fill('Risk: {risk}. Proposed window: {window}.'),
    ]),
  };
}

function demand(w: Writer, rng: Random): Text {
  return {
    title: w.fill('{^initiative}'),
    work: w.identity('{initiative}'),
    description: paragraphs([
      w.fill('Business need: {context}'),
      w.fill('Expected benefit: {benefit}.'),
      maybe(rng, 0.6, () => w.fill('How we will know: {measure}.')),
      w.fillFrom('sponsorLine'),
    ]),
  };
}

function project(w: Writer, rng: Random): Text {
  return {
    title: w.fill(rng.chance(0.5) ? '{^initiative}' : '{^initiative}: delivery'),
    work: w.identity('{initiative}'),
    description: paragraphs([
      `Scope: ${w.fillDistinct('feature', rng.int(2, 3)).join('; ')}.`,
      w.fill('Milestones: {milestone}.'),
      w.fill('Outcome: {benefit}.'),
      maybe(rng, 0.4, () => w.fillFrom('sponsorLine')),
    ]),
  };
}
