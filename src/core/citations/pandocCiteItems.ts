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

type KeyAt = { readonly key: string; readonly start: number; readonly end: number };

/** Where the `@` of a key is, and where the key ends (after its closing brace, if braced). */
const atOf = (src: string, k: KeyAt) => (src[k.start - 1] === '{' ? k.start - 2 : k.start - 1);
const afterOf = (src: string, k: KeyAt) => (src[k.end] === '}' ? k.end + 1 : k.end);

/**
 * The cite items of one Pandoc citation, `src[start, end)`, whose keys (in order, as
 * findCitedKeys gives them: the key text without `@` or braces) are `keys`: a bracketed cluster
 * `[see @a, p. 3; -@b]` gives each key its prefix, locator, suffix and suppressed author; an
 * in-text `@a` or `@a [p. 3]` puts the author in the text, and more items may follow in its
 * brackets (`@a [p. 3; see also @b]`); `-@a` suppresses the author.
 */
export function pandocCiteItems(src: string, start: number, end: number, keys: readonly KeyAt[]): CiteItem[] {
  if (src[start] === '[') return clusterItems(src, start + 1, Math.max(src.lastIndexOf(']', end - 1), start + 1), keys);
  const k = keys[0];
  if (k === undefined) return [];
  const first: CiteItem = { id: k.key, ...(src[atOf(src, k) - 1] === '-' ? { suppressAuthor: true } : { authorInText: true }) };
  const close = afterOf(src, k) < end ? src.lastIndexOf(']', end - 1) : -1;
  const open = close === -1 ? -1 : src.indexOf('[', afterOf(src, k));
  if (open === -1 || open > close) return [first];
  // The brackets hold the in-text item's locator and suffix, then ";" and any further items.
  const others = keys.slice(1);
  const semicolon = others.length === 0 ? -1 : src.indexOf(';', open + 1);
  const own = semicolon !== -1 && semicolon < atOf(src, others[0]) ? semicolon : others.length === 0 ? close : open + 1;
  return [{ ...first, ...locatorAndSuffix(src.slice(open + 1, own)) }, ...clusterItems(src, own === open + 1 ? own : own + 1, close, others)];
}

/** The items of `keys` in src[from, close): each its prefix, locator, suffix and suppressed author. */
function clusterItems(src: string, from: number, close: number, keys: readonly KeyAt[]): CiteItem[] {
  const items: CiteItem[] = [];
  keys.forEach((k, i) => {
    const keyAt = atOf(src, k);
    const after = afterOf(src, k);
    const suppressAuthor = src[keyAt - 1] === '-' && keyAt - 1 >= from;
    const prefix = src.slice(from, suppressAuthor ? keyAt - 1 : keyAt).trim();
    const next = keys[i + 1];
    let suffixEnd: number;
    if (next === undefined) {
      suffixEnd = Math.max(close, after);
    } else {
      // The item ends at the first ";" before the next key (none: the next prefix starts here).
      const semicolon = src.indexOf(';', after);
      const separated = semicolon !== -1 && semicolon < atOf(src, next);
      suffixEnd = separated ? semicolon : after;
      from = separated ? semicolon + 1 : after;
    }
    items.push({
      id: k.key,
      ...(prefix ? { prefix: `${prefix} ` } : {}),
      ...locatorAndSuffix(src.slice(after, suffixEnd)),
      ...(suppressAuthor ? { suppressAuthor } : {}),
    });
  });
  return items;
}
