import type { MappingSettings, TagSource } from '../model/index.js';
import type { RankedGoals } from './goals.js';
import type { RuleMatcher } from './rules.js';
import type { RuleSentences } from './sentences.js';
import type { TextRelevance } from './text/relevance.js';

/** What a mapper compiles once from goals.yaml and the settings, shared by its indexes. */
export interface Engine {
  goals: RankedGoals;
  rules: RuleMatcher;
  text: TextRelevance;
  settings: MappingSettings;
  sentences: RuleSentences;
}

// Codes kept per slot in `Columns`.
export const NONE = 0;
export const RULE = 1;
export const RUN_RULE = 2;
export const INHERITED = 3;
export const TEXT = 4;
export const SOURCE_NAMES: readonly TagSource[] = ['none', 'rule', 'run-rule', 'inherited', 'text'];
/** What an item's goal ultimately rests on, for inheritance. */
export const BY_RULE = 1;
export const BY_TEXT = 2;
