import { ITEM_KINDS, type ItemKind } from '../model/index.js';

type Column = Int32Array | Int16Array | Uint8Array | Float32Array;

function grown<C extends Column>(column: C, size: number): C {
  const next = new (column.constructor as new (length: number) => C)(size);
  (next as Column).set(column as ArrayLike<number>);
  return next;
}

export const KIND_CODE: Record<ItemKind, number> = Object.fromEntries(
  ITEM_KINDS.map((k, i) => [k, i]),
) as Record<ItemKind, number>;

/**
 * What the mapping index keeps per item (one slot each, in the order added): a few numbers, not
 * the item. Targets are goal indices (`-1` none, goal count = run); links are slots (`-1` none).
 */
export class Columns {
  size = 0;
  // Pass 1: the item's own evidence and links.
  kind = new Uint8Array(0);
  epic = new Int32Array(0);
  parent = new Int32Array(0);
  ownTarget = new Int16Array(0);
  ownSource = new Uint8Array(0);
  ownConfidence = new Float32Array(0);
  ownRule = new Int32Array(0);
  textBest = new Int16Array(0);
  textRelevance = new Float32Array(0);
  textSecond = new Int16Array(0);
  textSecondRelevance = new Float32Array(0);
  // Resolution: the final goal, and where it came from.
  goal = new Int16Array(0);
  confidence = new Float32Array(0);
  source = new Uint8Array(0);
  backing = new Uint8Array(0);
  via = new Int32Array(0);
  origin = new Int32Array(0);
  state = new Uint8Array(0);

  /** Makes room for one more slot and returns its number. */
  allocate(): number {
    if (this.size === this.kind.length) {
      const n = Math.max(1024, this.size * 2);
      this.kind = grown(this.kind, n);
      this.epic = grown(this.epic, n);
      this.parent = grown(this.parent, n);
      this.ownTarget = grown(this.ownTarget, n);
      this.ownSource = grown(this.ownSource, n);
      this.ownConfidence = grown(this.ownConfidence, n);
      this.ownRule = grown(this.ownRule, n);
      this.textBest = grown(this.textBest, n);
      this.textRelevance = grown(this.textRelevance, n);
      this.textSecond = grown(this.textSecond, n);
      this.textSecondRelevance = grown(this.textSecondRelevance, n);
      this.goal = grown(this.goal, n);
      this.confidence = grown(this.confidence, n);
      this.source = grown(this.source, n);
      this.backing = grown(this.backing, n);
      this.via = grown(this.via, n);
      this.origin = grown(this.origin, n);
      this.state = grown(this.state, n);
    }
    return this.size++;
  }
}
