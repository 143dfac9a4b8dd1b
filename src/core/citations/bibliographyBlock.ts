import type { ManuscriptDialect } from '../terms/excludedRanges';

/**
 * The formatted bibliography that "Insert/Update Bibliography" keeps in a manuscript, between
 * two marker lines. Plain-text documents have no invisible markup, so there the start marker
 * names the cited keys in citation order: later numeric citations are numbered from it.
 */
export interface BibliographyBlock {
  readonly start: number;
  readonly end: number;
  /** Keys in citation order, from a plain-text block's marker; [] for the other dialects. */
  readonly keys: readonly string[];
}

const MARKERS: Record<ManuscriptDialect, { readonly start: RegExp; readonly end: RegExp }> = {
  markdown: { start: /^<!-- resistance-atlas:bibliography -->[ \t]*$/m, end: /^<!-- \/resistance-atlas:bibliography -->[ \t]*$/m },
  latex: { start: /^% resistance-atlas:bibliography[ \t]*$/m, end: /^% \/resistance-atlas:bibliography[ \t]*$/m },
  plain: { start: /^--- References \(Resistance Atlas: ?([^)]*)\) ---[ \t]*$/m, end: /^--- End of references ---[ \t]*$/m },
};

export function findBibliographyBlock(text: string, dialect: ManuscriptDialect): BibliographyBlock | undefined {
  const { start, end } = MARKERS[dialect];
  const s = start.exec(text);
  if (!s) return undefined;
  const rest = text.slice(s.index + s[0].length);
  const e = end.exec(rest);
  if (!e) return undefined;
  const keys = dialect === 'plain' ? (s[1] ?? '').split(/[\s,]+/).filter(Boolean) : [];
  return { start: s.index, end: s.index + s[0].length + e.index + e[0].length, keys };
}

/** LaTeX's special characters in formatted text. */
export function escapeLatex(text: string): string {
  return text.replace(/[\\{}&%$#_~^]/g, (ch) =>
    ch === '\\' ? '\\textbackslash{}' : ch === '~' ? '\\textasciitilde{}' : ch === '^' ? '\\textasciicircum{}' : `\\${ch}`,
  );
}

/** The whole block for `entries` (formatted references, one string each). */
export function bibliographyBlockText(dialect: ManuscriptDialect, entries: readonly string[], keys: readonly string[], eol = '\n'): string {
  const blank = `${eol}${eol}`;
  switch (dialect) {
    case 'markdown':
      return ['<!-- resistance-atlas:bibliography -->', entries.join(blank), '<!-- /resistance-atlas:bibliography -->'].join(blank);
    case 'latex':
      return ['% resistance-atlas:bibliography', `\\section*{References}${blank}${entries.map(escapeLatex).join(blank)}`, '% /resistance-atlas:bibliography'].join(blank);
    case 'plain':
      return [`--- References (Resistance Atlas: ${keys.join(' ')}) ---`, entries.join(eol), '--- End of references ---'].join(eol);
  }
}

export interface TextReplacement {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * The edit that writes or rewrites the block: replaces an existing block in place, otherwise
 * adds one at the end (before \end{document} in LaTeX). undefined when the block is already up
 * to date, so that running the command twice changes nothing.
 */
export function bibliographyBlockEdit(text: string, dialect: ManuscriptDialect, entries: readonly string[], keys: readonly string[], eol = '\n'): TextReplacement | undefined {
  const block = bibliographyBlockText(dialect, entries, keys, eol);
  const existing = findBibliographyBlock(text, dialect);
  if (existing) {
    return text.slice(existing.start, existing.end) === block ? undefined : { start: existing.start, end: existing.end, text: block };
  }
  const endDocument = dialect === 'latex' ? /^[ \t]*\\end\{document\}/m.exec(text) : null;
  const at = endDocument ? endDocument.index : text.length;
  const before = text.slice(0, at);
  const lead = before.length === 0 ? '' : before.endsWith(`${eol}${eol}`) ? '' : before.endsWith(eol) ? eol : `${eol}${eol}`;
  return { start: at, end: at, text: `${lead}${block}${eol}${endDocument ? eol : ''}` };
}
