/** A half-open range of UTF-16 offsets [start, end) in a text. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

// Lookups in sorted, disjoint ranges (whose ends are then sorted too), by binary search.

/** Index of the first range whose end is after `offset` (the length when none). */
export function firstEndingAfter(ranges: readonly TextRange[], offset: number): number {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ranges[mid].end > offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index of the first range that starts at or after `offset` (the length when none). */
export function firstStartingAtOrAfter(ranges: readonly TextRange[], offset: number): number {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ranges[mid].start >= offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index of the range that contains `offset` (start <= offset < end), or -1. */
export function rangeIndexAt(ranges: readonly TextRange[], offset: number): number {
  const k = firstEndingAfter(ranges, offset);
  return k < ranges.length && ranges[k].start <= offset ? k : -1;
}
