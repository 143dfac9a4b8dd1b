import { escapeLatex, type TextReplacement } from '../citations/bibliographyBlock';
import type { ManuscriptDialect } from '../terms/excludedRanges';
import { ABBREVIATION_MARKERS, acronymsInUse, findAbbreviationBlock, type KnownAcronym } from './acronyms';

export { findAbbreviationBlock } from './acronyms';

/** One line of the list of abbreviations. */
export interface AbbreviationEntry {
  readonly acronym: string;
  readonly longForm: string;
}

function compareAcronyms(a: AbbreviationEntry, b: AbbreviationEntry): number {
  const x = a.acronym.toLowerCase();
  const y = b.acronym.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a.acronym < b.acronym ? -1 : a.acronym > b.acronym ? 1 : 0;
}

/**
 * Acronyms used in the document (known ones and those it defines), with long forms (the
 * document's own definition first, else the glossary's), sorted case-insensitively. Code, math,
 * URLs, keys and the generated blocks do not count.
 */
export function abbreviationsUsed(text: string, dialect: ManuscriptDialect, known: readonly KnownAcronym[]): AbbreviationEntry[] {
  return acronymsInUse(text, dialect, known).sort(compareAcronyms);
}

/** A table cell: no line breaks, and "|" escaped. */
function markdownCell(s: string): string {
  return s.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');
}

/** The whole block for `entries`, markers included. */
export function abbreviationListText(dialect: ManuscriptDialect, entries: readonly AbbreviationEntry[], eol = '\n'): string {
  const { start, end } = ABBREVIATION_MARKERS[dialect];
  const blank = `${eol}${eol}`;
  if (entries.length === 0) return [start, end].join(dialect === 'plain' ? eol : blank);
  switch (dialect) {
    case 'markdown': {
      const rows = ['| Abbreviation | Meaning |', '| --- | --- |', ...entries.map((e) => `| ${markdownCell(e.acronym)} | ${markdownCell(e.longForm)} |`)];
      return [start, rows.join(eol), end].join(blank);
    }
    case 'latex': {
      const items = entries.map((e) => {
        const label = escapeLatex(e.acronym.trim());
        // A "]" would end the optional argument early.
        return `\\item[${label.includes(']') ? `{${label}}` : label}] ${escapeLatex(e.longForm.replace(/\s+/g, ' ').trim())}`;
      });
      const list = ['\\begin{description}', ...items, '\\end{description}'].join(eol);
      return [start, `\\section*{Abbreviations}${blank}${list}`, end].join(blank);
    }
    case 'plain':
      return [start, ...entries.map((e) => `${e.acronym.trim()}: ${e.longForm.replace(/\s+/g, ' ').trim()}`), end].join(eol);
  }
}

/**
 * The edit that writes or rewrites the list of abbreviations: replaces an existing block in place,
 * otherwise adds one at the end (before \end{document} in LaTeX). undefined when the block is
 * already up to date, or when there is no block and nothing to list.
 */
export function abbreviationListEdit(text: string, dialect: ManuscriptDialect, entries: readonly AbbreviationEntry[], eol = '\n'): TextReplacement | undefined {
  const block = abbreviationListText(dialect, entries, eol);
  const existing = findAbbreviationBlock(text, dialect);
  if (existing) {
    return text.slice(existing.start, existing.end) === block ? undefined : { start: existing.start, end: existing.end, text: block };
  }
  if (entries.length === 0) return undefined;
  const endDocument = dialect === 'latex' ? /^[ \t]*\\end\{document\}/m.exec(text) : null;
  const at = endDocument ? endDocument.index : text.length;
  const before = text.slice(0, at);
  const lead = before.length === 0 ? '' : before.endsWith(`${eol}${eol}`) ? '' : before.endsWith(eol) ? eol : `${eol}${eol}`;
  return { start: at, end: at, text: `${lead}${block}${eol}${endDocument ? eol : ''}` };
}
