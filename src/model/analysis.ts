import { z } from 'zod';
import type { Flag } from './work-item.js';

export type TagSource = 'rule' | 'run-rule' | 'inherited' | 'text' | 'none';

/** The goal an item serves, how sure we are, and why. */
export interface GoalTag {
  uid: string;
  /** A goal id, `run`, or `none`. */
  goal: string;
  /** 0 … 1. */
  confidence: number;
  source: TagSource;
  /** Plain sentences a project manager can read. */
  reasons: string[];
  runnerUp: { goal: string; confidence: number } | null;
}

export interface ScorePart {
  name: string;
  /** 0 … 1 before weighting. */
  value: number;
  weight: number;
  note: string;
}

export interface Score {
  uid: string;
  /** Integer 0 … 100, higher is better aligned. */
  score: number;
  parts: ScorePart[];
  flags: Flag[];
}

export type FindingKind = 'duplicate-tool' | 'duplicate-work' | 'misaligned' | 'request-pressure';

/** One thing an analyser found, with the items behind it. */
export interface Finding {
  kind: FindingKind;
  /** Stable within a kind, so the same finding in two runs has the same key. */
  key: string;
  items: string[];
  summary: string;
  details: Record<string, unknown>;
}

/** The three values bearing writes onto an item. */
export const desiredValuesSchema = z.object({
  score: z.number().int().min(0).max(100),
  goal: z.string(),
  flags: z.array(z.string()),
});
export type DesiredValues = z.infer<typeof desiredValuesSchema>;
