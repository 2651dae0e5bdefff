import { z } from 'zod';

const share = z.number().min(0).max(1);

/**
 * How sure each kind of explicit goal rule is (0–1). The numbers also decide which rule wins when
 * an item's rules point to different goals: the strongest rule wins, then the better-ranked goal.
 * An item comes from one system, so Jira and ServiceNow rules never compete.
 */
const goalRuleConfidenceSchema = z.strictObject({
  /** Jira: the item is the epic, or sits in it. @default 0.95 */
  epic: share.default(0.95),
  /** @default 0.9 */
  component: share.default(0.9),
  /** @default 0.85 */
  label: share.default(0.85),
  /** Jira project. @default 0.8 */
  project: share.default(0.8),
  /** ServiceNow business service. @default 0.9 */
  businessService: share.default(0.9),
  /** ServiceNow assignment group. @default 0.8 */
  assignmentGroup: share.default(0.8),
  /** ServiceNow category. @default 0.7 */
  category: share.default(0.7),
});

/** How sure each kind of run-bucket rule is (0–1). Run rules always win over goal rules. */
const runRuleConfidenceSchema = z.strictObject({
  /** An item kind listed under `run.match.kinds` (incidents). @default 0.9 */
  kind: share.default(0.9),
  /** @default 0.9 */
  label: share.default(0.9),
  /** A ServiceNow table. @default 0.9 */
  table: share.default(0.9),
  /** @default 0.85 */
  category: share.default(0.85),
  /** @default 0.85 */
  businessService: share.default(0.85),
});

/**
 * Text relevance: BM25F of the item (title and text as fields) against each goal's keywords and
 * name, turned into 0–1 with `score / (score + halfRelevance)`.
 */
const textSettingsSchema = z.strictObject({
  /** How much a word in the title counts against one in the text. @default 3 */
  titleWeight: z.number().min(0).default(3),
  /** @default 1 */
  textWeight: z.number().min(0).default(1),
  /** BM25 saturation: how quickly repeating a word stops adding. @default 1.2 */
  k1: z.number().positive().default(1.2),
  /** BM25 length normalisation: 0 ignores length, 1 fully discounts long texts. @default 0.75 */
  b: share.default(0.75),
  /**
   * Words (after stop words) a typical title has; longer titles count each word a little less.
   * A fixed reference, not a corpus average, so an item's tag never changes because other items did.
   * @default 8
   */
  titleWords: z.number().positive().default(8),
  /** Words a typical text has; a passing mention in a long text counts less. @default 60 */
  textWords: z.number().positive().default(60),
  /**
   * How much a word of the goal's name counts against one of its keywords. Names are prose
   * ("Leave the data centre by end of 2027"), so by default a name word supports keywords but
   * takes three name words to tag an item on its own.
   * @default 0.2
   */
  nameWeight: share.default(0.2),
  /**
   * The BM25F score at which relevance is 0.5. With the defaults, one goal keyword in a title of
   * typical length gives about 0.6, a passing mention in a long text about 0.3.
   * @default 0.5
   */
  halfRelevance: z.number().positive().default(0.5),
  /** Characters of the text that are read; the rest (pasted logs) is skipped. @default 20000 */
  maxTextChars: z.number().int().min(100).default(20_000),
});

/** Settings of the mapping stage, under `analysis.mapping` in bearing.yaml. Defaults live here. */
export const mappingSettingsSchema = z.strictObject({
  /**
   * Text relevance (0–1) an item needs for its text alone to tag it; below it the goal is `none`.
   * With the default text settings, one goal keyword in the title is enough (about 0.6), and so is
   * one in a text of typical length (about 0.48); a lone mention in a longer text is not.
   * @default 0.45
   */
  relevanceThreshold: share.default(0.45),
  text: textSettingsSchema.prefault({}),
  confidence: z
    .strictObject({
      goalRules: goalRuleConfidenceSchema.prefault({}),
      runRules: runRuleConfidenceSchema.prefault({}),
      /** An inherited goal keeps this share of the parent's confidence, per link. @default 0.9 */
      inheritance: share.default(0.9),
      /** Confidence of a text tag is its relevance times this: text is the weakest evidence. @default 0.8 */
      text: share.default(0.8),
      /**
       * When the runner-up is as strong as the winner, both confidences drop by this share; the
       * winner's drops less when the runner-up is weaker (`× (1 − conflict × min(1, other / own))`).
       * @default 0.4
       */
      conflict: share.default(0.4),
    })
    .prefault({}),
});
export type MappingSettings = z.infer<typeof mappingSettingsSchema>;
export type GoalRuleField = keyof MappingSettings['confidence']['goalRules'];
export type RunRuleField = keyof MappingSettings['confidence']['runRules'];
