import type { CslItem, CslName } from '../model';

function nameOf(n: CslName): string {
  return n.family ?? n.literal ?? n.given ?? '?';
}

/** The year of an item, or "n.d.". */
export function yearOf(item: CslItem): string {
  const part = item.issued?.['date-parts']?.[0]?.[0];
  if (part !== undefined) return String(part);
  const raw = item.issued?.raw ?? item.issued?.literal;
  const m = raw ? /\d{4}/.exec(raw) : null;
  return m ? m[0] : 'n.d.';
}

/** "Assaraf et al. 2023", "Mao & Chen 2021", "Al-Mutairi 2025": how writers name a reference. */
export function authorYearLabel(item: CslItem): string {
  const authors = item.author ?? item.editor ?? [];
  const who =
    authors.length === 0 ? (item.title ?? item.id) : authors.length === 1 ? nameOf(authors[0]) : authors.length === 2 ? `${nameOf(authors[0])} & ${nameOf(authors[1])}` : `${nameOf(authors[0])} et al.`;
  return `${who} ${yearOf(item)}`;
}

/** The authors as running text names them: "Assaraf et al.", "Mao and Chen", "Al-Mutairi". */
export function authorsInText(item: CslItem): string {
  const authors = item.author ?? item.editor ?? [];
  if (authors.length === 0) return item.title ?? item.id;
  if (authors.length === 1) return nameOf(authors[0]);
  return authors.length === 2 ? `${nameOf(authors[0])} and ${nameOf(authors[1])}` : `${nameOf(authors[0])} et al.`;
}

/** All authors as "Family GI, Family GI". */
export function authorList(item: CslItem): string {
  return (item.author ?? [])
    .map((n) => (n.family ? `${n.family} ${(n.given ?? '').split(/[\s.-]+/).filter(Boolean).map((g) => g[0]).join('')}`.trim() : nameOf(n)))
    .join(', ');
}

/** The text a reference picker searches: key, authors, year, title, journal. */
export function searchText(item: CslItem): string {
  return [item.id, authorList(item), yearOf(item), item.title, item['container-title'], item['container-title-short']].filter(Boolean).join(' ');
}
