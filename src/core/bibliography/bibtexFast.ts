import { logger, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import type { CslItem } from '../model';
import { readBibtex } from './bibtex';
import { SourceText, type FormatResult } from './sourceText';

const ENTRY_START = /^[ \t]*@([a-zA-Z]+)[ \t]*[{(]/gm;
const NOT_ENTRIES = new Set(['string', 'comment', 'preamble']);
const MONTHS = new Set(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']);
/** Commands both parsers read alike: accents, escapes and common text commands. */
const SAFE_COMMANDS = new Set(
  ('textit emph textbf textsc textsuperscript textsubscript textrm textsf texttt mathrm mathit url ' +
    'textquotesingle textquotedbl textendash textemdash ldots dots textregistered texttrademark textdegree textmu ' +
    'ss ae AE oe OE aa AA o O l L i j alpha beta gamma delta epsilon kappa lambda mu pi sigma textalpha textbeta textgamma ' +
    'textkappa textmu textasciitilde textasciicircum textbackslash').split(' '),
);

logger.level = 'silent';

interface Chunk {
  readonly start: number;
  readonly end: number;
  readonly type: string;
}

/**
 * BibTeX and BibLaTeX. Well-formed entries are read one at a time by citation-js's BibTeX parser
 * (about eight times faster than the Better BibTeX parser on a large file); every entry that is
 * not plainly well formed (unbalanced braces, no key, unusual commands, undefined @string
 * macros, an "@" after the entry), together with the two entries after it, is read by
 * {@link readBibtex}, which recovers swallowed entries and says precisely what is wrong. A file
 * that uses crossref is read whole by readBibtex, since inheritance needs every entry.
 */
export function readBibtexFast(source: SourceText): FormatResult {
  const text = source.text;
  if (/\bcrossref\s*=/i.test(text)) return readBibtex(source);
  const chunks: Chunk[] = [];
  for (const m of text.matchAll(ENTRY_START)) {
    if (chunks.length > 0) chunks[chunks.length - 1] = { ...chunks[chunks.length - 1], end: m.index };
    chunks.push({ start: m.index, end: text.length, type: m[1].toLowerCase() });
  }
  const stringChunks = chunks.filter((c) => c.type === 'string');
  const strings = stringChunks.map((c) => text.slice(c.start, c.end)).join('\n');
  const stringNames = new Set([...strings.matchAll(/@string\s*[{(]\s*([^\s=]+)\s*=/gi)].map((m) => m[1].toLowerCase()));
  const prefix = strings.length > 0 ? `${strings}\n` : '';

  const result: FormatResult = { entries: [], problems: [] };
  const head = chunks.length === 0 ? text.length : chunks[0].start;
  if (/[^\s]/.test(text.slice(0, head).replace(/%[^\n]*/g, '')) && text.slice(0, head).includes('@')) {
    slow(source, 0, head, head, result);
  }
  let i = 0;
  while (i < chunks.length) {
    const chunk = chunks[i];
    if (NOT_ENTRIES.has(chunk.type)) {
      i++;
      continue;
    }
    const body = text.slice(chunk.start, chunk.end);
    const key = simpleEntryKey(body, stringNames);
    const item = key === undefined ? undefined : viaCitationJs(prefix + body);
    if (key !== undefined && item && String(item.id) === key) {
      const { 'citation-key': _ignored, ...rest } = item as CslItem & { 'citation-key'?: string };
      result.entries.push({ key, item: rest as CslItem, offset: chunk.start, keyOffset: chunk.start + body.indexOf(key, body.indexOf('{') + 1) });
      i++;
      continue;
    }
    // A run of entries that are not plainly well formed, read with the next one for context.
    let j = i + 1;
    while (j < chunks.length && !NOT_ENTRIES.has(chunks[j].type) && simpleEntryKey(text.slice(chunks[j].start, chunks[j].end), stringNames) === undefined) j++;
    const keepEnd = chunks[j - 1].end;
    const contextEnd = j + 1 < chunks.length ? chunks[j + 1].end : text.length;
    slow(source, chunk.start, keepEnd, contextEnd, result, prefix);
    i = j;
  }
  return result;
}

/** The key of an entry that both parsers read alike, or undefined when the entry needs care. */
function simpleEntryKey(body: string, stringNames: ReadonlySet<string>): string | undefined {
  const header = /^[ \t]*@[a-zA-Z]+[ \t]*\{[ \t]*([^,\s{}()"#%'=\\]+)[ \t]*,/.exec(body);
  if (!header) return undefined;
  let depth = 0;
  let close = -1;
  for (let k = body.indexOf('{'); k < body.length; k++) {
    const c = body.charCodeAt(k);
    if (c === 0x5c) k++;
    else if (c === 0x7b) depth++;
    else if (c === 0x7d && --depth === 0) {
      close = k;
      break;
    }
  }
  if (close < 0 || body.slice(close + 1).includes('@') || body.includes('%')) return undefined;
  for (const m of body.matchAll(/\\([A-Za-z]+)/g)) if (!SAFE_COMMANDS.has(m[1])) return undefined;
  for (const m of body.slice(header[0].length, close).matchAll(/=\s*([A-Za-z][\w:-]*)\s*(?=[,}#]|$)/g)) {
    const word = m[1].toLowerCase();
    if (!stringNames.has(word) && !MONTHS.has(word)) return undefined;
  }
  return header[1];
}

function viaCitationJs(bibtex: string): CslItem | undefined {
  try {
    const items = plugins.input.chain(bibtex, { target: '@csl/list+object', generateGraph: false, forceType: '@biblatex/text' }) as CslItem[];
    return items.length === 1 && items[0].id !== undefined ? items[0] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads text[from, contextEnd) with readBibtex (after the @string definitions) and keeps what
 * it finds in [from, keepEnd): the entries after keepEnd are only there so that a brace left open
 * is reported as running into the next entry, as in a whole-file reading.
 */
function slow(source: SourceText, from: number, keepEnd: number, contextEnd: number, into: FormatResult, prefix = ''): void {
  const sub = readBibtex(new SourceText(prefix + source.text.slice(from, contextEnd)));
  const shift = from - prefix.length;
  const prefixLines = prefix.split('\n').length - 1;
  const lineShift = source.position(from).line - prefixLines;
  const keepLine = source.position(Math.max(from, keepEnd - 1)).line;
  for (const e of sub.entries) {
    const offset = e.offset + shift;
    if (offset >= from && offset < keepEnd) into.entries.push({ ...e, offset, keyOffset: e.keyOffset + shift });
  }
  for (const p of sub.problems) {
    if (p.line < prefixLines) continue;
    const line = p.line + lineShift;
    if (line > keepLine) continue;
    into.problems.push({ ...p, line, endLine: p.endLine + lineShift });
  }
}
