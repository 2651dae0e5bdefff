/**
 * Keeps the `capacity` highest-scored ids seen, as a binary min-heap over `score[id]`; ties keep
 * the id offered first. Reusable: `clear()` between rounds.
 */
export class TopK {
  private readonly heap: Uint32Array;
  private readonly score: Float32Array;
  size = 0;

  constructor(capacity: number, score: Float32Array) {
    this.heap = new Uint32Array(capacity);
    this.score = score;
  }

  offer(id: number): void {
    const value = this.score[id] as number;
    if (this.size < this.heap.length) {
      this.heap[this.size] = id;
      this.up(this.size++);
    } else if (this.size > 0 && value > (this.score[this.heap[0] as number] as number)) {
      this.heap[0] = id;
      this.down(0);
    }
  }

  /** The kept ids, in heap order. */
  ids(): Uint32Array {
    return this.heap.subarray(0, this.size);
  }

  clear(): void {
    this.size = 0;
  }

  private up(at: number): void {
    const { heap, score } = this;
    const id = heap[at] as number;
    const value = score[id] as number;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const above = heap[parent] as number;
      if ((score[above] as number) <= value) break;
      heap[at] = above;
      at = parent;
    }
    heap[at] = id;
  }

  private down(at: number): void {
    const { heap, score } = this;
    const id = heap[at] as number;
    const value = score[id] as number;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= this.size) break;
      const right = child + 1;
      if (
        right < this.size &&
        (score[heap[right] as number] as number) < (score[heap[child] as number] as number)
      ) {
        child = right;
      }
      if ((score[heap[child] as number] as number) >= value) break;
      heap[at] = heap[child] as number;
      at = child;
    }
    heap[at] = id;
  }
}
