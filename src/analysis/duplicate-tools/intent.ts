import type { ItemKind } from '../../model/index.js';
import { CUE_STRONG, CUE_SUPPORT, CUE_WEAK } from './matcher.js';

/** How an item deals with the tools it names. */
export type Involvement = 'adopts' | 'uses';

const ASKING_KINDS: ReadonlySet<ItemKind> = new Set(['request', 'demand', 'project']);

/**
 * Whether an item asks for, buys, builds or rolls out the tools it names (`adopts`), or works with
 * them as they are (`uses`), from its kind and the cue words of its text (vocabulary.ts):
 *
 * | kind                       | adopts when                                        |
 * |----------------------------|----------------------------------------------------|
 * | incident                   | never: an incident is about something in use       |
 * | request, demand, project   | a strong cue, or no support cue                    |
 * | issue, epic, change        | a strong or weak cue, and no support cue           |
 *
 * So "Zoom licence for the sales team" (request) and "Roll out Miro to design" (issue) adopt;
 * "Zoom crashes on screen share" (request or issue) and "Need help, Slack is slow" use; "Install
 * Zoom, the installer shows an error" adopts as a request but uses as an issue, where a fix is the
 * likelier reading.
 */
export function involvement(kind: ItemKind, cues: number): Involvement {
  if (kind === 'incident') return 'uses';
  const strong = (cues & CUE_STRONG) !== 0;
  const support = (cues & CUE_SUPPORT) !== 0;
  if (ASKING_KINDS.has(kind)) return strong || !support ? 'adopts' : 'uses';
  return (strong || (cues & CUE_WEAK) !== 0) && !support ? 'adopts' : 'uses';
}
