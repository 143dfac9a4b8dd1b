// findExcludedRanges as it was before src/core/terms/excludedRanges.ts was rewritten around
// indexOf and sticky patterns: whole-text regular expressions. Kept unchanged as the reference
// for the equivalence property test in wasmScanner.test.ts.
import type { TextRange } from '../../src/core/terms/textRange';

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

const URL_RE = /\b(?:https?|ftp|file):\/\/[^\s<>"'`)\]]+|\bwww\.[^\s<>"'`)\]]+|\bdoi:\s?10\.\S+|\b10\.\d{4,9}\/[^\s"<>]+/g;

/** Markdown: code spans and blocks, math, URLs, link targets, citation keys, HTML comments. */
const MARKDOWN_RES: readonly RegExp[] = [
  URL_RE,
  // Link and image destinations: ](target "title")
  /\]\([^)\n]*\)/g,
  // Autolinks and e-mail links.
  /<[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>]*>/g,
  // Pandoc citation keys, @key or -@key, not e-mail addresses.
  /(?<![\w.@])-?@[\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*/gu,
  // Display math; inline math is paired by addInlineMath.
  /\$\$[\s\S]*?\$\$/g,
  /<!--[\s\S]*?-->/g,
];

const LATEX_ARG_COMMANDS =
  'cite\\w*|\\w*cite[a-z]*|nocite|ref|eqref|autoref|cref|Cref|pageref|label|url|href|input|include|includegraphics|bibliography|bibliographystyle|addbibresource|usepackage|RequirePackage|documentclass|begin|end|newcommand|renewcommand|providecommand|newenvironment|DeclareMathOperator|hypersetup|graphicspath';

/** LaTeX: comments, math, verbatim, command names, and arguments that are keys or paths. */
const LATEX_RES: readonly RegExp[] = [
  URL_RE,
  // The command name must end there: \\include must not stop \\includegraphics short.
  new RegExp(`\\\\(?:${LATEX_ARG_COMMANDS})(?![a-zA-Z@])\\*?(?:\\s*\\[[^\\]]*\\])*(?:\\s*\\{[^}]*\\})?`, 'g'),
  /\\begin\{(verbatim|lstlisting|minted|comment|equation|align|gather|multline|eqnarray|math|displaymath)(\*?)\}[\s\S]*?\\end\{\1\2\}/g,
  /\$\$[\s\S]*?\$\$/g,
  /\\\[[\s\S]*?\\\]/g,
  /\\\([\s\S]*?\\\)/g,
  /(?<!\\)%[^\n]*/g,
];

/** A Greek letter written as LaTeX math on its own, "$\beta$": part of a term, not math. */
const GREEK_MATH = /^\$\\(?:alpha|beta|gamma|delta|epsilon|kappa|lambda)\$$/;

/** Ranges of `text` that are not prose: code, math, URLs, keys and command names. */
export function findExcludedRanges(text: string, dialect: ManuscriptDialect): TextRange[] {
  const ranges: TextRange[] = [];
  if (dialect === 'markdown') {
    addFencedCodeBlocks(text, ranges);
    addCodeSpans(text, ranges);
    for (const re of MARKDOWN_RES) addMatches(text, re, ranges);
    addInlineMath(text, ranges, true);
    return withoutCellCaptions(text, mergeRanges(ranges));
  } else if (dialect === 'latex') {
    for (const re of LATEX_RES) addMatches(text, re, ranges);
    addInlineMath(text, ranges, false);
    addCommandNames(text, ranges);
  } else {
    addMatches(text, URL_RE, ranges);
  }
  return mergeRanges(ranges);
}

/**
 * Inline math, pairing single dollars left to right ($$ is display math, \$ a literal dollar).
 * Pandoc (`pandoc`) also wants no space after the opening and before the closing dollar, no
 * digit after the closing one, and no blank line inside.
 */
function addInlineMath(text: string, out: TextRange[], pandoc: boolean): void {
  const canOpen = (i: number) => !pandoc || !/\s/.test(text[i + 1] ?? ' ');
  const canClose = (i: number) => !pandoc || (!/\s/.test(text[i - 1]) && !/\d/.test(text[i + 1] ?? ''));
  let open = -1;
  for (let i = text.indexOf('$'); i !== -1; i = text.indexOf('$', i + 1)) {
    if (text.charCodeAt(i - 1) === 0x5c) continue;
    if (text.charCodeAt(i + 1) === 0x24) {
      // Display math was excluded by its own pattern; skip past it.
      const close = text.indexOf('$$', i + 2);
      if (close === -1) return;
      i = close + 1;
      open = -1;
    } else if (open === -1 || (pandoc && text.lastIndexOf('\n\n', i) > open)) {
      open = canOpen(i) ? i : -1;
    } else if (canClose(i)) {
      if (!GREEK_MATH.test(text.slice(open, i + 1))) out.push({ start: open, end: i + 1 });
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

/** Fenced code blocks (``` or ~~~), up to the closing fence or the end of the document. */
function addFencedCodeBlocks(text: string, out: TextRange[]): void {
  const fence = /^ {0,3}(`{3,}|~{3,})[^\n]*$/gm;
  for (let open = fence.exec(text); open !== null; open = fence.exec(text)) {
    const marker = open[1];
    if (marker[0] === '`' && open[0].slice(open[0].indexOf(marker) + marker.length).includes('`')) continue;
    const close = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`, 'gm');
    close.lastIndex = open.index + open[0].length;
    const end = close.exec(text);
    const stop = end === null ? text.length : end.index + end[0].length;
    out.push({ start: open.index, end: stop });
    fence.lastIndex = stop;
  }
}

/** Inline code spans: a run of backticks up to the next run of the same length in the paragraph. */
function addCodeSpans(text: string, out: TextRange[]): void {
  let i = text.indexOf('`');
  let paragraphBreak = -1;
  while (i !== -1) {
    let runEnd = i;
    while (text.charCodeAt(runEnd) === 0x60) runEnd++;
    const run = runEnd - i;
    let j = text.indexOf('`', runEnd);
    let closed = -1;
    if (paragraphBreak !== Infinity && paragraphBreak < runEnd) {
      paragraphBreak = text.indexOf('\n\n', runEnd);
      if (paragraphBreak === -1) paragraphBreak = Infinity;
    }
    while (j !== -1) {
      if (paragraphBreak < j) break;
      let k = j;
      while (text.charCodeAt(k) === 0x60) k++;
      if (k - j === run) {
        closed = k;
        break;
      }
      j = text.indexOf('`', k);
    }
    if (closed !== -1) {
      out.push({ start: i, end: closed });
      i = text.indexOf('`', closed);
    } else {
      i = text.indexOf('`', runEnd);
    }
  }
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

/** Quarto cell captions (`#| fig-cap: "..."`) inside excluded code are prose: cut them out, by a whole-text regular expression. */
function withoutCellCaptions(text: string, merged: TextRange[]): TextRange[] {
  const holes: TextRange[] = [];
  for (const m of text.matchAll(/^([ \t]*#\|[ \t]*(?:fig|tbl)-(?:cap|subcap)[ \t]*:[ \t]*)(.*)$/gm)) {
    if (!merged.some((r) => r.start <= m.index && m.index < r.end)) continue;
    let value = m[2].replace(/[ \t\r]+$/, '');
    let start = m.index + m[1].length;
    const q = value[0];
    if ((q === '"' || q === "'") && value.length >= 2 && value.endsWith(q)) {
      value = value.slice(1, -1);
      start++;
    }
    if (value.length > 0 && !/^[|>]/.test(value)) holes.push({ start, end: start + value.length });
  }
  const out: TextRange[] = [];
  for (const r of merged) {
    let start = r.start;
    for (const h of holes) {
      if (h.end <= start || h.start >= r.end) continue;
      if (h.start > start) out.push({ start, end: h.start });
      start = Math.max(start, h.end);
    }
    if (start < r.end) out.push({ start, end: r.end });
  }
  return out;
}
