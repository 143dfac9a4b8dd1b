/** Edit distance between two strings (insertions, deletions, substitutions), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[t.length];
}

/** Up to `max` known keys close to an unknown one, closest first: "assaraf2032" -> "assaraf2023". */
export function didYouMean(unknown: string, known: Iterable<string>, max = 3): string[] {
  const limit = Math.max(2, Math.floor(unknown.length / 4));
  const scored: Array<[string, number]> = [];
  for (const key of known) {
    if (Math.abs(key.length - unknown.length) > limit) continue;
    const d = editDistance(unknown, key);
    if (d <= limit) scored.push([key, d]);
  }
  return scored.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).slice(0, max).map(([k]) => k);
}
