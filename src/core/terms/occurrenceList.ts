import type { TermOccurrence } from './termMatcher';

const NO_IDS: readonly string[] = Object.freeze([]);

/**
 * The terms found in a text, in text order, kept in three parallel arrays (starts, ends, concept
 * ids) rather than as an object each: a 10 MB manuscript has some 75,000 of them, and objects
 * cost their allocation, the garbage collector's copying and about three times the memory.
 * Read by index ({@link start}, {@link end}, {@link conceptIds}), or as objects with {@link get}
 * and iteration where speed does not matter.
 */
export class TermOccurrenceList implements Iterable<TermOccurrence> {
  private starts: Int32Array;
  private ends: Int32Array;
  /** Usually one shared, frozen array per trie node, so this holds pointers, not copies. */
  private readonly ids: Array<readonly string[]>;
  private count = 0;

  constructor(capacity = 64) {
    this.starts = new Int32Array(Math.max(4, capacity));
    this.ends = new Int32Array(Math.max(4, capacity));
    // Sized up front like the typed arrays, so that pushes only store.
    this.ids = new Array<readonly string[]>(this.starts.length);
  }

  static from(occurrences: Iterable<TermOccurrence>): TermOccurrenceList {
    const list = new TermOccurrenceList();
    for (const o of occurrences) list.push(o.start, o.end, o.conceptIds);
    return list;
  }

  get length(): number {
    return this.count;
  }

  /** Appends an occurrence; occurrences must come in text order and not overlap. */
  push(start: number, end: number, conceptIds: readonly string[]): void {
    if (this.count === this.starts.length) this.grow(this.count + 1);
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.ids[this.count] = conceptIds;
    this.count++;
  }

  /** Appends occurrences [from, to) of `source`, each moved by `delta`. */
  pushShifted(source: TermOccurrenceList, from: number, to: number, delta: number): void {
    if (to <= from) return;
    const n = this.count + (to - from);
    if (n > this.starts.length) this.grow(n);
    for (let k = from, o = this.count; k < to; k++, o++) {
      this.starts[o] = source.starts[k] + delta;
      this.ends[o] = source.ends[k] + delta;
      this.ids[o] = source.ids[k];
    }
    this.count = n;
  }

  start(k: number): number {
    return this.starts[k];
  }

  end(k: number): number {
    return this.ends[k];
  }

  conceptIds(k: number): readonly string[] {
    return this.ids[k] ?? NO_IDS;
  }

  /** Occurrence `k` as an object (a new one each call). */
  get(k: number): TermOccurrence {
    if (k < 0 || k >= this.count) throw new RangeError(`no occurrence ${k} of ${this.count}`);
    return { start: this.starts[k], end: this.ends[k], conceptIds: this.ids[k] };
  }

  *[Symbol.iterator](): Iterator<TermOccurrence> {
    for (let k = 0; k < this.count; k++) yield this.get(k);
  }

  toArray(): TermOccurrence[] {
    const out: TermOccurrence[] = new Array<TermOccurrence>(this.count);
    for (let k = 0; k < this.count; k++) out[k] = this.get(k);
    return out;
  }

  /**
   * Index of the occurrence under `offset` (start <= offset < end; with `touching`, offset ==
   * end counts too, as for a cursor just after a word), by binary search; -1 when none.
   */
  indexAt(offset: number, touching = false): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (offset < this.starts[mid]) hi = mid - 1;
      else if (offset > this.ends[mid] || (offset === this.ends[mid] && !touching)) lo = mid + 1;
      else return mid;
    }
    return -1;
  }

  /** Index of the first occurrence whose end is after `offset` (the length when none). */
  firstEndingAfter(offset: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ends[mid] > offset) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Index of the first occurrence that starts at or after `offset` (the length when none). */
  firstStartingAtOrAfter(offset: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid] >= offset) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private grow(atLeast: number): void {
    let size = this.starts.length * 2;
    while (size < atLeast) size *= 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    starts.set(this.starts.subarray(0, this.count));
    ends.set(this.ends.subarray(0, this.count));
    this.starts = starts;
    this.ends = ends;
  }
}
