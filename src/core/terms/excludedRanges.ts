import { rangeIndexAt, type TextRange } from './textRange';

/** How a manuscript is written, which decides what is prose and what is markup. */
export type ManuscriptDialect = 'markdown' | 'latex' | 'plain';

/** The dialect of a VS Code language id. */
export function dialectOf(languageId: string): ManuscriptDialect {
  switch (languageId) {
    case 'markdown':
    case 'quarto':
    case 'rmd':
    case 'rmarkdown':
      return 'markdown';
    case 'latex':
    case 'tex':
    case 'bibtex-style':
    case 'context':
      return 'latex';
    default:
      return 'plain';
  }
}

/*
 * Every pattern is matched the way a global regular expression scans a text (the leftmost match
 * first, the next search starting where the last match ended), but without running a regular
 * expression over the whole text: indexOf finds the characters a match must start with or
 * contain (native, and many times faster), and a sticky (`y`) copy of the pattern is tried only
 * where a match can start. test/unit/excludedRangesReference.ts keeps the whole-text regular
 * expressions, and a property test checks that both give the same ranges.
 */

/** URLs and DOIs; they start at "http(s)://", "ftp://", "file://", "www.", "doi:" or "10.". */
const URL_AT = /\b(?:https?|ftp|file):\/\/[^\s<>"'`)\]]+|\bwww\.[^\s<>"'`)\]]+|\bdoi:\s?10\.\S+|\b10\.\d{4,9}\/[^\s"<>]+/y;
/** Markdown link and image destinations: ](target "title"). */
const LINK_DESTINATION_AT = /\]\([^)\n]*\)/y;
/** Markdown autolinks and e-mail links. */
const AUTOLINK_AT = /<[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>]*>/y;
/** Pandoc citation keys, @key or -@key, not e-mail addresses. */
const CITATION_KEY_AT = /(?<![\w.@])-?@[\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*/uy;

const LATEX_ARG_COMMANDS =
  'cite\\w*|\\w*cite[a-z]*|nocite|ref|eqref|autoref|cref|Cref|pageref|label|url|href|input|include|includegraphics|bibliography|bibliographystyle|addbibresource|usepackage|RequirePackage|documentclass|begin|end|newcommand|renewcommand|providecommand|newenvironment|DeclareMathOperator|hypersetup|graphicspath';

/** LaTeX: comments, math, verbatim, command names, and arguments that are keys or paths (URLs and $$ math apart). */
const LATEX_RES: readonly RegExp[] = [
  // The command name must end there: \\include must not stop \\includegraphics short.
  new RegExp(`\\\\(?:${LATEX_ARG_COMMANDS})(?![a-zA-Z@])\\*?(?:\\s*\\[[^\\]]*\\])*(?:\\s*\\{[^}]*\\})?`, 'g'),
  /\\begin\{(verbatim|lstlisting|minted|comment|equation|align|gather|multline|eqnarray|math|displaymath)(\*?)\}[\s\S]*?\\end\{\1\2\}/g,
  /\\\[[\s\S]*?\\\]/g,
  /\\\([\s\S]*?\\\)/g,
  /(?<!\\)%[^\n]*/g,
];

/**
 * Past any position in a string (V8 strings are shorter): "none" for positions, kept a small
 * integer rather than Infinity so that the optimised loops below never see a double.
 */
const NEVER = 0x3fffffff;

/** A Greek letter written as LaTeX math on its own, "$\beta$": part of a term, not math. */
const GREEK_MATH = /^\$\\(?:alpha|beta|gamma|delta|epsilon|kappa|lambda)\$$/;

/** Ranges of `text` that are not prose: code, math, URLs, keys and command names. */
export function findExcludedRanges(text: string, dialect: ManuscriptDialect): TextRange[] {
  // Each kind of range in its own list, each list in order of start.
  const lists: TextRange[][] = [];
  const list = () => {
    const ranges: TextRange[] = [];
    lists.push(ranges);
    return ranges;
  };
  if (dialect === 'markdown') {
    const backticks = positionsOf(text, '`');
    addFencedCodeBlocks(text, { at: backticks, cursor: 0 }, list());
    addCodeSpans(text, backticks, list());
    addUrls(text, list());
    addMatchesAt(text, LINK_DESTINATION_AT, '](', list());
    addAngleBrackets(text, list());
    addCitationKeys(text, list());
    addMath(text, list(), list(), true);
    // Quarto cell captions (`#| fig-cap: ...`) are prose inside code cells.
    const merged = mergeSortedLists(lists);
    return subtractRanges(merged, quartoCellCaptions(text, merged));
  } else if (dialect === 'latex') {
    addUrls(text, list());
    for (const re of LATEX_RES) addMatches(text, re, list());
    addMath(text, list(), list(), false);
    addCommandNames(text, list());
  } else {
    addUrls(text, list());
  }
  return mergeSortedLists(lists);
}

/** {@link mergeRanges} of lists that are each sorted by start: merged as they are read, not sorted. */
function mergeSortedLists(all: TextRange[][]): TextRange[] {
  // (Empty lists dropped: their arrays have another element kind, which would make the loop
  // below polymorphic.)
  const lists = all.filter((list) => list.length > 0);
  const heads = lists.map(() => 0);
  const merged: TextRange[] = [];
  for (;;) {
    // The range with the smallest start among the lists' next ones; ties in any order, which
    // does not change the union.
    let best = -1;
    let bestStart = NEVER;
    for (let k = 0; k < lists.length; k++) {
      if (heads[k] < lists[k].length && lists[k][heads[k]].start < bestStart) {
        best = k;
        bestStart = lists[k][heads[k]].start;
      }
    }
    if (best === -1) return merged;
    const r = lists[best][heads[best]++];
    const last = merged.length > 0 ? merged[merged.length - 1] : undefined;
    if (last !== undefined && r.start <= last.end) {
      if (r.end > last.end) merged[merged.length - 1] = { start: last.start, end: r.end };
    } else {
      merged.push(r);
    }
  }
}

/** Every position of the character `c` in `text`, in order. */
function positionsOf(text: string, c: string): number[] {
  const positions: number[] = [];
  for (let q = text.indexOf(c); q !== -1; q = text.indexOf(c, q + 1)) positions.push(q);
  return positions;
}

/** Sorted positions, and a cursor for lookups that mostly move forward. */
interface Positions {
  readonly at: readonly number[];
  cursor: number;
}

/** Index of the first of `positions` that is >= `from`. */
function firstAtOrAfter(positions: Positions, from: number): number {
  const at = positions.at;
  let k = positions.cursor;
  if (k > 0 && at[k - 1] >= from) {
    let lo = 0;
    let hi = k;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (at[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    k = lo;
  } else {
    while (k < at.length && at[k] < from) k++;
  }
  positions.cursor = k;
  return k;
}

/** The matches of the sticky pattern `re`, which start with `trigger`, in the order a global search finds them. */
function addMatchesAt(text: string, re: RegExp, trigger: string, out: TextRange[]): void {
  for (let at = text.indexOf(trigger); at !== -1; ) {
    const end = stickyMatchEnd(text, re, at);
    if (end !== -1) out.push({ start: at, end });
    at = text.indexOf(trigger, end === -1 ? at + 1 : end);
  }
}

/** Where a match of the sticky pattern `re` at `at` ends (none of these patterns matches empty), or -1. */
function stickyMatchEnd(text: string, re: RegExp, at: number): number {
  re.lastIndex = at;
  return re.test(text) ? re.lastIndex : -1;
}

/** Where a URL can start, in order: before "://" (by the scheme's length), at "doi:", at "www." and at "10.". */
function urlStarts(text: string): Int32Array {
  const starts: number[] = [];
  urlStartsAtColons(text, starts);
  urlStartsAtDots(text, starts);
  return Int32Array.from(starts).sort();
}

function urlStartsAtColons(text: string, starts: number[]): void {
  for (let q = text.indexOf(':'); q !== -1; q = text.indexOf(':', q + 1)) {
    if (text.charCodeAt(q + 1) === 0x2f && text.charCodeAt(q + 2) === 0x2f) {
      for (let k = 5; k >= 3; k--) if (q >= k) starts.push(q - k);
    } else if (q >= 3 && text.startsWith('doi', q - 3)) {
      starts.push(q - 3);
    }
  }
}

// Single-character needles: V8 searches them fast in two-byte strings too (a whole "www." is slower).
function urlStartsAtDots(text: string, starts: number[]): void {
  for (let q = text.indexOf('.'); q !== -1; q = text.indexOf('.', q + 1)) {
    if (q >= 3 && text.startsWith('www', q - 3)) starts.push(q - 3);
    else if (q >= 2 && text.charCodeAt(q - 2) === 0x31 && text.charCodeAt(q - 1) === 0x30) starts.push(q - 2);
  }
}

/** ASCII codes that end a URL ([\s<>"'`)\]]) or may not follow an email-like citation key's "@". */
const URL_STOP = asciiSet(' \t\n\v\f\r<>"\'`)]');
const WORD_ASCII = asciiSet('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_');
const KEY_ASCII = asciiSet('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_:.#$%&+?<>~/-');

function asciiSet(chars: string): Uint8Array {
  const set = new Uint8Array(128);
  for (let k = 0; k < chars.length; k++) set[chars.charCodeAt(k)] = 1;
  return set;
}

/**
 * Where URL_AT's match at `at` ends, or -1; "scheme://" and "www." URLs of ASCII characters
 * without the regular expression, the rest (and anything non-ASCII) with it.
 */
function urlEnd(text: string, at: number): number {
  let p = -1;
  if (text.startsWith('https://', at)) p = at + 8;
  else if (text.startsWith('http://', at) || text.startsWith('file://', at)) p = at + 7;
  else if (text.startsWith('ftp://', at)) p = at + 6;
  else if (text.startsWith('www.', at)) p = at + 4;
  const before = text.charCodeAt(at - 1);
  if (p === -1 || before >= 0x80) return stickyMatchEnd(text, URL_AT, at);
  // \b: the character before is not an ASCII word character.
  if (WORD_ASCII[before] === 1) return -1;
  const start = p;
  for (; p < text.length; p++) {
    const c = text.charCodeAt(p);
    if (c >= 0x80) return stickyMatchEnd(text, URL_AT, at);
    if (URL_STOP[c] === 1) break;
  }
  return p > start ? p : -1;
}

function addUrls(text: string, out: TextRange[]): void {
  let last = 0;
  for (const at of urlStarts(text)) {
    if (at < last) continue;
    const end = urlEnd(text, at);
    if (end !== -1) {
      out.push({ start: at, end });
      last = end;
    }
  }
}

/**
 * Where CITATION_KEY_AT's match at `at` ends, or -1; keys of ASCII characters without the
 * regular expression, the rest (and anything non-ASCII) with it.
 */
function citationKeyEnd(text: string, at: number): number {
  const before = text.charCodeAt(at - 1);
  if (before >= 0x80) return stickyMatchEnd(text, CITATION_KEY_AT, at);
  // (?<![\w.@])
  if (WORD_ASCII[before] === 1 || before === 0x2e || before === 0x40) return -1;
  let p = text.charCodeAt(at) === 0x2d ? at + 1 : at;
  if (text.charCodeAt(p) !== 0x40) return -1;
  p++;
  const first = text.charCodeAt(p);
  if (first >= 0x80) return stickyMatchEnd(text, CITATION_KEY_AT, at);
  if (WORD_ASCII[first] !== 1) return -1;
  for (p++; p < text.length; p++) {
    const c = text.charCodeAt(p);
    if (c >= 0x80) return stickyMatchEnd(text, CITATION_KEY_AT, at);
    if (KEY_ASCII[c] !== 1) break;
  }
  return p;
}

/** Citation keys: at an "@", or at the "-" just before it. */
function addCitationKeys(text: string, out: TextRange[]): void {
  let last = 0;
  for (let q = text.indexOf('@'); q !== -1; q = text.indexOf('@', Math.max(q + 1, last))) {
    for (let at = q > last && text.charCodeAt(q - 1) === 0x2d ? q - 1 : q; at <= q; at++) {
      const end = citationKeyEnd(text, at);
      if (end !== -1) {
        out.push({ start: at, end });
        last = end;
        break;
      }
    }
  }
}

/** Markdown autolinks (AUTOLINK_AT) and HTML comments (as /<!--[\s\S]*?-->/g), from one pass over "<". */
function addAngleBrackets(text: string, out: TextRange[]): void {
  let autolinksFrom = 0;
  let commentsFrom = 0;
  for (let q = text.indexOf('<'); q !== -1; q = text.indexOf('<', Math.max(q + 1, Math.min(autolinksFrom, commentsFrom)))) {
    if (q >= autolinksFrom) {
      const end = stickyMatchEnd(text, AUTOLINK_AT, q);
      if (end !== -1) {
        out.push({ start: q, end });
        autolinksFrom = end;
      }
    }
    if (q >= commentsFrom && text.startsWith('<!--', q)) {
      const close = text.indexOf('-->', q + 4);
      // No comment closes after this one opens: none after it will either.
      commentsFrom = close === -1 ? NEVER : close + 3;
      if (close !== -1) out.push({ start: q, end: close + 3 });
    }
  }
}

/**
 * Math, from one pass over "$": display math "$$...$$" (as /\$\$[\s\S]*?\$\$/g), and inline
 * math, pairing single dollars left to right ($$ is display math, \$ a literal dollar).
 * Pandoc (`pandoc`) also wants no space after the opening and before the closing dollar, no
 * digit after the closing one, and no blank line inside.
 */
function addMath(text: string, display: TextRange[], inline: TextRange[], pandoc: boolean): void {
  const canOpen = (i: number) => !pandoc || !/\s/.test(text[i + 1] ?? ' ');
  const canClose = (i: number) => !pandoc || (!/\s/.test(text[i - 1]) && !/\d/.test(text[i + 1] ?? ''));
  let displayFrom = 0;
  let inlineFrom = 0;
  let open = -1;
  // The first paragraph break after `open` (text.length + 1 if none). It stays valid for a later
  // `open` that is still before it, so many dollars in one long paragraph cost one forward search
  // in all, not one backward search each.
  let breakAfterOpen = 0;
  for (let i = text.indexOf('$'); i !== -1; i = text.indexOf('$', Math.max(i + 1, Math.min(displayFrom, inlineFrom)))) {
    const double = text.charCodeAt(i + 1) === 0x24;
    const close = double && (i >= displayFrom || i >= inlineFrom) ? text.indexOf('$$', i + 2) : -1;
    if (double && i >= displayFrom) {
      displayFrom = close === -1 ? NEVER : close + 2;
      if (close !== -1) display.push({ start: i, end: close + 2 });
    }
    if (i < inlineFrom || text.charCodeAt(i - 1) === 0x5c) continue;
    if (double) {
      // Display math; skip past it.
      inlineFrom = close === -1 ? NEVER : close + 2;
      open = -1;
    } else if (open === -1 || (pandoc && breakAfterOpen <= i)) {
      open = canOpen(i) ? i : -1;
      if (open !== -1 && pandoc && breakAfterOpen <= open) {
        const b = text.indexOf('\n\n', open + 1);
        breakAfterOpen = b === -1 ? text.length + 1 : b;
      }
    } else if (canClose(i)) {
      if (!GREEK_MATH.test(text.slice(open, i + 1))) inline.push({ start: open, end: i + 1 });
      open = -1;
    }
  }
}

/** LaTeX command names, except a Greek letter inside "$\beta$" (see GREEK_MATH). */
function addCommandNames(text: string, out: TextRange[]): void {
  const re = /\\[a-zA-Z@]+\*?/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const end = m.index + m[0].length;
    if (text[m.index - 1] === '$' && text[end] === '$' && GREEK_MATH.test(text.slice(m.index - 1, end + 1))) continue;
    out.push({ start: m.index, end });
  }
}

function addMatches(text: string, re: RegExp, out: TextRange[]): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push({ start: m.index, end: m.index + m[0].length });
  }
}

/** Whether `at` is a line start, as a multiline ^ sees it. */
function isLineStart(text: string, at: number): boolean {
  if (at === 0) return true;
  const c = text.charCodeAt(at - 1);
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

/** Whether `at` is a line end, as a multiline $ sees it. */
function isLineEnd(text: string, at: number): boolean {
  if (at >= text.length) return true;
  const c = text.charCodeAt(at);
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

/**
 * The first position at or after `q` where `length` characters `ch` follow each other, or -1;
 * for backticks from the positions of all backticks.
 */
function nextRun(text: string, backticks: Positions, ch: string, length: number, q: number): number {
  if (ch !== '`') return text.indexOf(ch.repeat(length), q);
  const at = backticks.at;
  for (let k = firstAtOrAfter(backticks, q); k + length - 1 < at.length; k++) {
    if (at[k + length - 1] === at[k] + length - 1) return at[k];
  }
  return -1;
}

/**
 * The first fence line at or after `from` (a line start, or a line end: not inside a line) whose
 * run of `ch` is at least `length` long: /^ {0,3}(CH{length,})/m, then for an opening fence
 * (`closing` false) the rest of the line, for a closing one only spaces and tabs. Returns the
 * line's start, the end of the run and the end of the match, or undefined.
 */
function nextFenceLine(
  text: string,
  backticks: Positions,
  ch: string,
  length: number,
  closing: boolean,
  from: number,
): { start: number; runStart: number; runEnd: number; end: number } | undefined {
  const code = ch.charCodeAt(0);
  for (let q = nextRun(text, backticks, ch, length, from); q !== -1; q = nextRun(text, backticks, ch, length, q + 1)) {
    // The line start: up to three spaces before the run.
    let start = q;
    while (start > from && q - start < 3 && text.charCodeAt(start - 1) === 0x20) start--;
    if (!isLineStart(text, start)) continue;
    // (Reads stay inside the text: an optimised loop that reads past it is thrown away.)
    let runEnd = q + length;
    while (runEnd < text.length && text.charCodeAt(runEnd) === code) runEnd++;
    if (!closing) {
      const lineEnd = text.indexOf('\n', runEnd);
      return { start, runStart: q, runEnd, end: lineEnd === -1 ? text.length : lineEnd };
    }
    let end = runEnd;
    while (end < text.length && (text.charCodeAt(end) === 0x20 || text.charCodeAt(end) === 0x09)) end++;
    if (isLineEnd(text, end)) return { start, runStart: q, runEnd, end };
  }
  return undefined;
}

/**
 * Fenced code blocks (``` or ~~~), up to the closing fence or the end of the document: as the
 * opening pattern /^ {0,3}(`{3,}|~{3,})[^\n]*$/gm, and after it /^ {0,3}C{n,}[ \t]*$/gm for its
 * character C and length n, would find them.
 */
function addFencedCodeBlocks(text: string, backticks: Positions, out: TextRange[]): void {
  let backtickFence = nextFenceLine(text, backticks, '`', 3, false, 0);
  let tildeFence = nextFenceLine(text, backticks, '~', 3, false, 0);
  while (backtickFence !== undefined || tildeFence !== undefined) {
    const tilde = backtickFence === undefined || (tildeFence !== undefined && tildeFence.start < backtickFence.start);
    const open = tilde ? tildeFence! : backtickFence!;
    let stop = open.end;
    // A backtick in a backtick fence's info string: not a fence.
    const next = tilde ? backticks.at.length : firstAtOrAfter(backticks, open.runEnd);
    const infoBacktick = next < backticks.at.length && backticks.at[next] < open.end;
    if (!infoBacktick) {
      const close = nextFenceLine(text, backticks, tilde ? '~' : '`', open.runEnd - open.runStart, true, stop);
      stop = close === undefined ? text.length : close.end;
      out.push({ start: open.start, end: stop });
    }
    if (backtickFence !== undefined && backtickFence.start < stop) backtickFence = nextFenceLine(text, backticks, '`', 3, false, stop);
    if (tildeFence !== undefined && tildeFence.start < stop) tildeFence = nextFenceLine(text, backticks, '~', 3, false, stop);
  }
}

/**
 * Inline code spans: a run of backticks up to the next run of the same length in the paragraph.
 * `backticks`: the positions of all backticks; a run is consecutive positions.
 */
function addCodeSpans(text: string, backticks: readonly number[], out: TextRange[]): void {
  const count = backticks.length;
  let a = 0;
  let paragraphBreak = -1;
  while (a < count) {
    const i = backticks[a];
    // The run [i, runEnd), its backticks at [a, b).
    let b = a;
    let runEnd = i;
    while (b < count && backticks[b] === runEnd) {
      b++;
      runEnd++;
    }
    const run = runEnd - i;
    if (paragraphBreak !== NEVER && paragraphBreak < runEnd) {
      paragraphBreak = text.indexOf('\n\n', runEnd);
      if (paragraphBreak === -1) paragraphBreak = NEVER;
    }
    let closed = -1;
    let afterClose = -1;
    for (let c = b; c < count; ) {
      const j = backticks[c];
      if (paragraphBreak < j) break;
      let d = c;
      let k = j;
      while (d < count && backticks[d] === k) {
        d++;
        k++;
      }
      if (k - j === run) {
        closed = k;
        afterClose = d;
        break;
      }
      c = d;
    }
    if (closed !== -1) {
      out.push({ start: i, end: closed });
      a = afterClose;
    } else {
      a = b;
    }
  }
}

/** The rest of a line, up to any line terminator (as the fence rules see them). */
const LINE_REST = /[^\n\r\u2028\u2029]*/y;
/** After "#|": the caption option's name and colon. */
const CAPTION_OPTION_AT = /[ \t]*(?:fig|tbl)-(?:cap|subcap)[ \t]*:[ \t]*/y;

/**
 * The values of Quarto cell options `#| fig-cap:`, `#| tbl-cap:` and `#| fig-subcap:` (written on
 * one line, quoted or not) inside excluded code cells: as /^[ \t]*#\|[ \t]*(?:fig|tbl)-(?:cap|subcap)[ \t]*:[ \t]*(.*)$/gm
 * would find them, from the "#|" that indexOf finds.
 */
export function quartoCellCaptions(text: string, excluded: readonly TextRange[]): TextRange[] {
  const captions: TextRange[] = [];
  for (let q = text.indexOf('#|'); q !== -1; q = text.indexOf('#|', q + 2)) {
    // Only spaces and tabs before it on its line, and the line in excluded code.
    let lineStart = q;
    while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) lineStart--;
    if (lineStart > 0 && !/[\n\r\u2028\u2029]/.test(text[lineStart - 1])) continue;
    if (rangeIndexAt(excluded, lineStart) === -1) continue;
    CAPTION_OPTION_AT.lastIndex = q + 2;
    if (!CAPTION_OPTION_AT.test(text)) continue;
    let start = CAPTION_OPTION_AT.lastIndex;
    LINE_REST.lastIndex = start;
    let end = LINE_REST.test(text) ? LINE_REST.lastIndex : start;
    while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
    const quote = text[start];
    if ((quote === '"' || quote === "'") && end - start >= 2 && text[end - 1] === quote) {
      start++;
      end--;
    }
    if (end > start && !/^[|>]/.test(text[start])) captions.push({ start, end });
  }
  return captions;
}

/** `ranges` (sorted, disjoint) without the parts that `holes` (sorted, disjoint) cover. */
export function subtractRanges(ranges: readonly TextRange[], holes: readonly TextRange[]): TextRange[] {
  if (holes.length === 0) return [...ranges];
  const out: TextRange[] = [];
  let h = 0;
  for (const r of ranges) {
    let start = r.start;
    while (h < holes.length && holes[h].end <= start) h++;
    for (let k = h; k < holes.length && holes[k].start < r.end; k++) {
      if (holes[k].start > start) out.push({ start, end: holes[k].start });
      start = Math.max(start, holes[k].end);
    }
    if (start < r.end) out.push({ start, end: r.end });
  }
  return out;
}

/** Sorts and merges overlapping ranges. */
export function mergeRanges(ranges: TextRange[]): TextRange[] {
  if (ranges.length < 2) return ranges;
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: TextRange[] = [ranges[0]];
  for (let k = 1; k < ranges.length; k++) {
    const last = merged[merged.length - 1];
    const r = ranges[k];
    if (r.start <= last.end) {
      if (r.end > last.end) merged[merged.length - 1] = { start: last.start, end: r.end };
    } else {
      merged.push(r);
    }
  }
  return merged;
}
