import { lineStarts, positionOf } from '../textPosition';
import type { BibliographyEntry, BibliographyFormat, BibliographyProblem, ParsedBibliography } from './parseBibliography';
import { parseBibliography } from './parseBibliography';

/** Entries per slice of a BibTeX file: small enough that one slice parses in a few milliseconds. */
const ENTRIES_PER_SLICE = 60;

/**
 * Parses a bibliography in slices, calling `pause` between them so that a 5 MB file never holds
 * the extension host for long. BibTeX is cut at lines that start an entry; other formats are
 * parsed in one go, as is a BibTeX file that uses crossref. Keys defined twice in different
 * slices are reported as in one parse.
 */
export async function parseBibliographySliced(text: string, format: BibliographyFormat, pause: () => Promise<void>): Promise<ParsedBibliography> {
  // crossref inheritance needs every entry at once (and other formats are small and fast).
  if (format !== 'bibtex' || /\bcrossref\s*=/i.test(text)) return parseBibliography(text, format);
  const starts = [...text.matchAll(/^[ \t]*@/gm)].map((m) => m.index);
  if (starts.length <= ENTRIES_PER_SLICE) return parseBibliography(text, format);

  const lines = lineStarts(text);
  const entries: BibliographyEntry[] = [];
  const problems: BibliographyProblem[] = [];
  const firstLine = new Map<string, number>();
  // @string definitions apply to the whole file: every slice gets them first.
  const strings = [...text.matchAll(/^[ \t]*@string\s*[{(][^\n]*(?:\n(?![ \t]*@)[^\n]*)*/gim)].map((m) => m[0]).join('\n');
  const stringLines = strings.length === 0 ? 0 : strings.split('\n').length;

  for (let s = 0; s < starts.length; s += ENTRIES_PER_SLICE) {
    const from = s === 0 ? 0 : starts[s];
    const to = s + ENTRIES_PER_SLICE < starts.length ? starts[s + ENTRIES_PER_SLICE] : text.length;
    const prefix = s === 0 || strings.length === 0 ? '' : `${strings}\n`;
    const lineShift = positionOf(lines, from).line - (prefix ? stringLines : 0);
    const offsetShift = from - prefix.length;
    const parsed = parseBibliography(prefix + text.slice(from, to), format);
    for (const e of parsed.entries) {
      if (e.line < (prefix ? stringLines : 0)) continue;
      const line = e.line + lineShift;
      const earlier = firstLine.get(e.key);
      if (earlier !== undefined) {
        problems.push({
          line,
          column: e.column,
          endLine: line,
          endColumn: e.column + 1,
          severity: 'warning',
          code: 'bib-duplicate-key',
          message: `Duplicate key "${e.key}" (first defined on line ${earlier + 1})`,
        });
        continue;
      }
      firstLine.set(e.key, line);
      entries.push({ ...e, line, keyOffset: e.keyOffset + offsetShift });
    }
    for (const p of parsed.problems) {
      if (p.line < (prefix ? stringLines : 0)) continue;
      problems.push({ ...p, line: p.line + lineShift, endLine: p.endLine + lineShift });
    }
    await pause();
  }
  return { entries, problems };
}
