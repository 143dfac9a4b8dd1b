import type { CiteItem } from './citationFormatter';

/**
 * Locator terms of Pandoc's citation syntax (its English list, singular, plural and
 * abbreviated) and the CSL locator label each stands for.
 */
const LOCATOR_LABELS: Readonly<Record<string, string>> = (() => {
  const terms: Record<string, readonly string[]> = {
    page: ['p', 'pp', 'pg', 'pgs', 'page', 'pages'],
    chapter: ['ch', 'chap', 'chaps', 'chapter', 'chapters'],
    section: ['sec', 'secs', 'section', 'sections', '§', '§§'],
    figure: ['fig', 'figs', 'figure', 'figures'],
    volume: ['vol', 'vols', 'volume', 'volumes'],
    paragraph: ['para', 'paras', 'paragraph', 'paragraphs', '¶', '¶¶'],
    line: ['l', 'll', 'line', 'lines'],
    note: ['n', 'nn', 'note', 'notes'],
    issue: ['no', 'nos', 'issue', 'issues'],
    column: ['col', 'cols', 'column', 'columns'],
    book: ['bk', 'bks', 'book', 'books'],
    part: ['pt', 'pts', 'part', 'parts'],
    verse: ['v', 'vv', 'verse', 'verses'],
    opus: ['op', 'opp', 'opus', 'opera'],
    folio: ['fol', 'fols', 'folio', 'folios'],
  };
  const out: Record<string, string> = {};
  for (const [label, words] of Object.entries(terms)) for (const w of words) out[w] = label;
  return out;
})();

/** One locator value: a number (33, 12a, 4.2) or roman numerals standing alone (iv, XII). */
const VALUE = String.raw`(?:\d[\p{L}\d.:]*|[ivxlcdm]+(?![\p{L}\d])|[IVXLCDM]+(?![\p{L}\d]))`;
/** Values joined by ranges and lists: "33-35", "iv, vi-xi", "3 & 5". */
const VALUES = new RegExp(String.raw`^${VALUE}(?:\s*(?:[-–—,&]|and(?=\s))\s*${VALUE})*`, 'u');
/** A locator term at the start: "p.", "pp.", "chap.", "§", "figure". */
const TERM = /^([\p{L}]+\.?|§§?|¶¶?)\s*/u;

/**
 * The locator and suffix of the text after a key (`, pp. 33-35, for a review`), as Pandoc reads
 * them: after an optional comma, a locator term and its values, or a bare number (a page), or
 * anything in braces (`{pp. iv, vi-xi}`); what follows is the suffix, its comma kept.
 */
export function locatorAndSuffix(after: string): { locator?: string; label?: string; suffix?: string } {
  const text = after.trim();
  const body = text.replace(/^,\s*/, '');
  let locator: string | undefined;
  let label: string | undefined;
  let rest = body;
  const braced = /^\{([^{}]*)\}/.exec(body);
  const inner = braced ? braced[1].trim() : body;
  const term = TERM.exec(inner);
  const termLabel = term ? LOCATOR_LABELS[term[1].replace(/\.$/, '').toLowerCase()] : undefined;
  if (braced) {
    label = termLabel ?? 'page';
    locator = (termLabel ? inner.slice(term![0].length) : inner).trim();
    rest = body.slice(braced[0].length);
  } else {
    const valueText = termLabel ? inner.slice(term![0].length) : inner;
    const values = VALUES.exec(valueText);
    if (values !== null && (termLabel !== undefined || /^\d/.test(valueText))) {
      label = termLabel ?? 'page';
      locator = values[0];
      rest = valueText.slice(values[0].length);
    }
  }
  if (locator === undefined) rest = text;
  rest = rest.trim();
  const suffix = rest === '' ? undefined : /^[,;.:)]/.test(rest) ? rest : ` ${rest}`;
  return { ...(locator ? { locator, label } : {}), ...(suffix ? { suffix } : {}) };
}

/**
 * The cite items of one Pandoc citation, `src[start, end)`, whose keys (in order, as
 * findCitedKeys gives them: the key text without `@` or braces) are `keys`: a bracketed cluster
 * `[see @a, p. 3; -@b]` gives each key its prefix, locator, suffix and suppressed author; an
 * in-text `@a` or `@a [p. 3]` puts the author in the text, `-@a` suppresses the author.
 */
export function pandocCiteItems(src: string, start: number, end: number, keys: ReadonlyArray<{ readonly key: string; readonly start: number; readonly end: number }>): CiteItem[] {
  const at = (k: { start: number }) => (src[k.start - 1] === '{' ? k.start - 2 : k.start - 1);
  const after = (k: { end: number }) => (src[k.end] === '}' ? k.end + 1 : k.end);
  if (src[start] !== '[') {
    const k = keys[0];
    if (k === undefined) return [];
    const suppressAuthor = src[at(k) - 1] === '-';
    const close = after(k) < end ? src.lastIndexOf(']', end - 1) : -1;
    const open = close === -1 ? -1 : src.indexOf('[', after(k));
    const bracket = open !== -1 && open < close ? locatorAndSuffix(src.slice(open + 1, close)) : {};
    return [{ id: k.key, ...bracket, ...(suppressAuthor ? { suppressAuthor } : { authorInText: true }) }];
  }
  const items: CiteItem[] = [];
  let from = start + 1;
  keys.forEach((k, i) => {
    const keyAt = at(k);
    const suppressAuthor = src[keyAt - 1] === '-' && keyAt - 1 >= from;
    const prefix = src.slice(from, suppressAuthor ? keyAt - 1 : keyAt).trim();
    const next = keys[i + 1];
    let suffixEnd: number;
    if (next === undefined) {
      suffixEnd = src.lastIndexOf(']', end - 1);
      if (suffixEnd < after(k)) suffixEnd = after(k);
    } else {
      // The item ends at the first ";" before the next key (none: the next prefix starts here).
      const semicolon = src.indexOf(';', after(k));
      const separated = semicolon !== -1 && semicolon < at(next);
      suffixEnd = separated ? semicolon : after(k);
      from = separated ? semicolon + 1 : after(k);
    }
    items.push({
      id: k.key,
      ...(prefix ? { prefix: `${prefix} ` } : {}),
      ...locatorAndSuffix(src.slice(after(k), suffixEnd)),
      ...(suppressAuthor ? { suppressAuthor } : {}),
    });
  });
  return items;
}
