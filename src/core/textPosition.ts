/** Offsets of the first character of every line (after \n; \r\n counts as one line break). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Index of the last of the sorted `starts` that is at or before `offset` (0 if none is). */
export function lastAtOrBefore(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** 0-based line and character of an offset, by binary search over {@link lineStarts}. */
export function positionOf(starts: readonly number[], offset: number): { line: number; character: number } {
  const line = lastAtOrBefore(starts, offset);
  return { line, character: offset - starts[line] };
}
