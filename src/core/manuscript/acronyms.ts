/**
 * Acronyms defined at first use, as a journal editor checks them: used before the definition,
 * defined twice, defined and never used again, or (for glossary acronyms) never defined. The
 * abstract and each figure legend can be scopes of their own, where acronyms are defined again.
 *
 * Everything is one pass or two over the text: the excluded ranges (code, math, URLs, keys, the
 * generated blocks) are walked with a pointer, definitions are looked for only at "(", and
 * occurrences only at word starts, through a table keyed by an acronym's first two characters.
 */
import { escapeLatex, findBibliographyBlock } from '../citations/bibliographyBlock';
import type { GlossaryConcept } from '../model';
import { findExcludedRanges, mergeRanges, quartoCellCaptions, type ManuscriptDialect } from '../terms/excludedRanges';
import { isAcronymLikeWord } from '../terms/formVariants';
import { firstEndingAfter, rangeIndexAt, type TextRange } from '../terms/textRange';
import { lineStarts, positionOf } from '../textPosition';

export type AcronymScope = 'abstract' | 'figureLegends';

export interface AcronymCheckOptions {
  /** Scopes whose acronyms must be defined within them, separately from the main text (default: none). */
  readonly separateScopes: readonly AcronymScope[];
  /** Acronyms the writer told us to ignore in this document. */
  readonly ignored: readonly string[];
}

/** A known acronym: from the glossary (long form = the concept's expansion, else its label). */
export interface KnownAcronym {
  readonly acronym: string;
  readonly longForm: string;
}

export type AcronymCode = 'acronym-used-before-definition' | 'acronym-defined-twice' | 'acronym-defined-not-used' | 'acronym-not-defined';

export interface AcronymFinding {
  readonly code: AcronymCode;
  readonly acronym: string;
  /** The offending occurrence or definition (UTF-16 offsets). */
  readonly start: number;
  readonly end: number;
  /** e.g. 'TME is used before it is defined (defined on line 12)'. */
  readonly message: string;
  /** The known or document-defined long form, when there is one. */
  readonly longForm?: string;
  readonly scope: 'main' | AcronymScope;
}

/**
 * "long form (ACR)" or "ACR (long form)". `start`..`end` covers both parts; `acronym` is singular
 * ("(CAFs)" defines CAF, and its long form is made singular too). `scope` is where the definition
 * stands in the document's structure (abstract, figure legend or main text), whatever the
 * writer's separate scopes are.
 */
export interface AcronymDefinition {
  readonly acronym: string;
  readonly longForm: string;
  readonly start: number;
  readonly end: number;
  readonly acronymStart: number;
  readonly scope: 'main' | AcronymScope;
}

// ---------------------------------------------------------------------------------------------
// Characters and words

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
let wordCodes: Uint8Array | undefined;

/** Letters, digits and combining marks, Greek included; hyphens and slashes are not. */
function isWordCode(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (Number.isNaN(c)) return false;
  wordCodes ??= new Uint8Array(65536);
  let v = wordCodes[c];
  if (v === 0) {
    v = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
    wordCodes[c] = v;
  }
  return v === 1;
}

function isHyphen(ch: string | undefined): boolean {
  return ch === '-' || ch === '\u2010' || ch === '\u2011';
}

/** Roman numerals written with I, V and X only (I to XXXIX): "II", "IV", "XII" are not acronyms. */
const ROMAN = /^X{0,3}(?:IX|IV|V?I{0,3})$/;

/** Units and symbols that look like acronyms but never are. */
const NOT_ACRONYMS = new Set([
  'mM', 'nM', 'µM', 'μM', 'pM', 'fM', 'mL', 'µL', 'μL', 'nL', 'dL', 'kDa', 'MDa', 'cGy', 'mGy', 'kHz', 'MHz', 'GHz',
  'mmHg', 'mOsm', 'IU', 'mIU', 'kV', 'mV', 'µV', 'μV', 'mA', 'µA', 'μA', 'nA', 'pA', 'mW', 'MW', 'kW', 'eV', 'keV',
  'MeV', 'kPa', 'MPa', 'mPa', 'pH', 'pKa', 'mGy', 'MBq', 'GBq', 'kBq', 'mCi', 'µCi', 'μCi', 'mSv', 'nmol', 'NaCl',
]);

/** "P-gp": one capital, a hyphen, a short lower-case part; acronym-like, though it has a single capital. */
const CAPITAL_HYPHEN_LOWER = /^\p{Lu}[-‐‑]\p{Ll}{1,3}$/u;

/** Could `word` be an acronym at all: acronym-like, two characters or more, not a numeral or unit. */
function isAcronymForm(word: string): boolean {
  return (
    word.length >= 2 &&
    word.length <= 24 &&
    (isAcronymLikeWord(word) || CAPITAL_HYPHEN_LOWER.test(word)) &&
    !ROMAN.test(word) &&
    !NOT_ACRONYMS.has(word)
  );
}

/** The letters of an acronym, lower-cased, digits and Greek letters left out: "PD-L1" → "pdl". */
function latinLetters(acronym: string): string {
  let out = '';
  for (const ch of acronym.toLowerCase()) if (ch >= 'a' && ch <= 'z') out += ch;
  return out;
}

function alphanumericCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (isWordCode(s.charCodeAt(i))) n++;
  return n;
}

/** "CAFs" → "CAF", "mAbs" → "mAb"; undefined when the word is not a plural acronym. */
function singularAcronym(word: string): string | undefined {
  if (word.length < 3 || word[word.length - 1] !== 's' || word[word.length - 2] === 's') return undefined;
  const singular = word.slice(0, -1);
  return isAcronymForm(singular) ? singular : undefined;
}

/** The last word of a phrase made singular, simply: "fibroblasts" → "fibroblast", "therapies" → "therapy". */
function singularLongForm(longForm: string): string {
  const m = /^(.*?)([^\s\-‐‑/]+)$/u.exec(longForm);
  if (!m) return longForm;
  const w = m[2];
  let s = w;
  if (/[^aeiou]ies$/.test(w)) s = `${w.slice(0, -3)}y`;
  else if (/(?:ss|x|z|ch|sh)es$/.test(w)) s = w.slice(0, -2);
  else if (/[a-rt-zA-Z0-9]s$/.test(w) && !/(?:us|is)$/.test(w)) s = w.slice(0, -1);
  return m[1] + s;
}

/** The last word of a phrase made plural, simply (s, es, ies); a word that already is, or ends in a digit, is kept. */
function pluralLongForm(longForm: string): string {
  const m = /^(.*?)([^\s\-‐‑/]+)$/u.exec(longForm);
  if (!m) return longForm;
  const w = m[2];
  if (!/\p{Ll}$/u.test(w)) return longForm;
  if (/[^aeiou]y$/.test(w)) return `${m[1]}${w.slice(0, -1)}ies`;
  if (/(?:ss|us|is|x|z|ch|sh)$/.test(w)) return `${m[1]}${w}es`;
  if (/s$/.test(w)) return longForm;
  return `${m[1]}${w}s`;
}

// ---------------------------------------------------------------------------------------------
// Ranges

/** Sorted ranges with any range inside (or overlapping) an earlier one left out. */
function outermost(ranges: TextRange[]): TextRange[] {
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: TextRange[] = [];
  for (const r of ranges) if (r.end > r.start && (out.length === 0 || r.start >= out[out.length - 1].end)) out.push(r);
  return out;
}

/** The end of the line that `pos` is on (the offset of its "\n", or the text's length). */
function lineEndAt(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  return nl === -1 ? text.length : nl;
}

function isBlankLine(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const ch = text[k];
    if (ch !== ' ' && ch !== '\t' && ch !== '\r') return false;
  }
  return true;
}

/** How far a caption may reach. */
const CAPTION_LIMIT = 20000;

/** The offset just after the "}" that closes the "{" at `open`, or -1 (escaped braces skipped; at most `limit` characters). */
function closingBrace(text: string, open: number, limit = CAPTION_LIMIT): number {
  let depth = 0;
  const stop = Math.min(text.length, open + limit);
  for (let k = open; k < stop; k++) {
    const ch = text[k];
    if (ch === '\\') k++;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return k + 1;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// The generated abbreviations block

/** The marker lines of the abbreviations block that abbreviationList.ts writes. */
export const ABBREVIATION_MARKERS: Readonly<Record<ManuscriptDialect, { readonly start: string; readonly end: string }>> = {
  markdown: { start: '<!-- resistance-atlas:abbreviations -->', end: '<!-- /resistance-atlas:abbreviations -->' },
  latex: { start: '% resistance-atlas:abbreviations', end: '% /resistance-atlas:abbreviations' },
  plain: { start: '--- Abbreviations (Resistance Atlas) ---', end: '--- End of abbreviations ---' },
};

/** The offset of the first line at or after `from` that is `marker` alone (trailing blanks allowed), or -1. */
function markerLine(text: string, marker: string, from: number): number {
  for (let at = text.indexOf(marker, from); at !== -1; at = text.indexOf(marker, at + 1)) {
    if (at > 0 && text[at - 1] !== '\n') continue;
    let k = at + marker.length;
    while (text[k] === ' ' || text[k] === '\t') k++;
    if (k === text.length || text[k] === '\n' || text[k] === '\r') return at;
  }
  return -1;
}

/** The abbreviations block, from its start marker to the end of its end marker. */
export function findAbbreviationBlock(text: string, dialect: ManuscriptDialect): TextRange | undefined {
  const { start, end } = ABBREVIATION_MARKERS[dialect];
  const s = markerLine(text, start, 0);
  if (s === -1) return undefined;
  const e = markerLine(text, end, s + start.length);
  return e === -1 ? undefined : { start: s, end: e + end.length };
}

// ---------------------------------------------------------------------------------------------
// Layout: what is prose, where the abstract and the figure legends are

interface Layout {
  /** Sorted, merged: never prose. */
  readonly excluded: readonly TextRange[];
  /** Sorted, disjoint. */
  readonly abstracts: readonly TextRange[];
  /** Sorted, disjoint; each is one legend. */
  readonly legends: readonly TextRange[];
}

function layoutOf(text: string, dialect: ManuscriptDialect): Layout {
  const ranges = findExcludedRanges(text, dialect).slice();
  for (const block of [findBibliographyBlock(text, dialect), findAbbreviationBlock(text, dialect)]) {
    if (block) ranges.push({ start: block.start, end: block.end });
  }
  const abstracts: TextRange[] = [];
  const legends: TextRange[] = [];
  if (dialect === 'markdown') {
    addFrontMatter(text, ranges, abstracts);
    addMarkdownMarkup(text, ranges);
  } else if (dialect === 'latex') {
    addLatexKeys(text, ranges);
  }
  const excluded = mergeRanges(ranges);
  if (dialect === 'markdown') {
    // Quarto cell captions, which findExcludedRanges leaves as prose inside code cells, are figure legends.
    legends.push(...quartoCellCaptions(text, excluded));
    markdownStructure(text, excluded, abstracts, legends);
    markdownImageCaptions(text, excluded, legends);
  } else if (dialect === 'latex') {
    latexStructure(text, abstracts, legends);
  } else {
    plainStructure(text, abstracts, legends);
  }
  return { excluded, abstracts: outermost(abstracts), legends: outermost(legends) };
}

/** YAML front matter is not prose, except the value of its `abstract` key (Quarto, Pandoc), which is the abstract. */
function addFrontMatter(text: string, excluded: TextRange[], abstracts: TextRange[]): void {
  const open = /^\uFEFF?---[ \t]*\r?\n/.exec(text.slice(0, 16));
  if (!open) return;
  let abstractStart = -1;
  let abstractEnd = -1;
  let inAbstract = false;
  for (let at = open[0].length; at < text.length; ) {
    const end = lineEndAt(text, at);
    const line = text.slice(at, end).replace(/[ \t\r]+$/, '');
    if (line === '---' || line === '...') {
      if (abstractStart === -1) {
        excluded.push({ start: 0, end });
      } else {
        excluded.push({ start: 0, end: abstractStart }, { start: abstractEnd, end });
        abstracts.push({ start: abstractStart, end: abstractEnd });
      }
      return;
    }
    if (inAbstract) {
      if (line.length > 0 && line[0] !== ' ' && line[0] !== '\t') inAbstract = false;
      else if (line.length > 0) abstractEnd = at + line.length;
    }
    const key = abstractStart === -1 ? /^abstract:[ \t]*(.*)$/.exec(line) : null;
    if (key) {
      inAbstract = true;
      const value = key[1];
      if (/^[|>][-+0-9]*(?:[ \t]+#.*)?$/.test(value) || value === '') {
        abstractStart = end + 1;
        abstractEnd = end + 1;
      } else {
        abstractStart = at + line.length - value.length;
        abstractEnd = at + line.length;
      }
    }
    at = end + 1;
  }
  // No closing line: not front matter.
}

const HTML_TAG_AT = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]{0,500})?\/?>/y;

/** Pandoc attributes ({#fig-x .class}, {=latex}), Quarto shortcodes, HTML tags and footnote labels. */
function addMarkdownMarkup(text: string, out: TextRange[]): void {
  for (let q = text.indexOf('{'); q !== -1; q = text.indexOf('{', q + 1)) {
    const next = text[q + 1];
    if (next === '{' && text[q + 2] === '<') {
      const e = indexWithin(text, '>}}', q, 1000);
      if (e !== -1) {
        out.push({ start: q, end: e + 3 });
        q = e + 2;
      }
    } else if (next === '#' || next === '.' || next === '=') {
      const e = findOnLine(text, '}', q + 1, 500);
      if (e !== -1) {
        out.push({ start: q, end: e + 1 });
        q = e;
      }
    }
  }
  for (let q = text.indexOf('<'); q !== -1; q = text.indexOf('<', q + 1)) {
    HTML_TAG_AT.lastIndex = q;
    const m = HTML_TAG_AT.exec(text);
    if (m) {
      out.push({ start: q, end: q + m[0].length });
      q += m[0].length - 1;
    }
  }
  for (let q = text.indexOf('[^'); q !== -1; q = text.indexOf('[^', q + 2)) {
    const e = findOnLine(text, ']', q + 2, 100);
    if (e !== -1) out.push({ start: q, end: e + 1 });
  }
}

/** The offset of `needle` at or after `from`, starting within `limit` characters, or -1. */
function indexWithin(text: string, needle: string, from: number, limit: number): number {
  const at = text.slice(from, from + limit + needle.length - 1).indexOf(needle);
  return at === -1 ? -1 : from + at;
}

/** The offset of `ch` after `from` on the same line and within `limit` characters, or -1. */
function findOnLine(text: string, ch: string, from: number, limit: number): number {
  const stop = Math.min(text.length, from + limit);
  for (let k = from; k < stop; k++) {
    if (text[k] === ch) return k;
    if (text[k] === '\n') return -1;
  }
  return -1;
}

/**
 * LaTeX arguments that are keys or paths and that findExcludedRanges leaves as prose: graphics
 * paths, glossaries-package keys and definitions (the package expands acronyms itself), \bibitem
 * and \nameref keys, the label of \hyperref[label]{text} (its text is prose).
 */
const LATEX_KEY_COMMAND = /\\(?:includegraphics|(?:gls|Gls|GLS)(?:pl|desc|symbol|text|first)?|acr(?:short|long|full)(?:pl)?|ac[slfp]?p?|Ac[slfp]?p?|bibitem|nameref|vref|Vref|subfile|lstinputlisting|inputminted)\*?(?![a-zA-Z])(?:\s*\[[^\]\n]{0,500}\])?(?:\s*\{[^}\n]{0,500}\})?|\\hyperref\s*\[[^\]\n]{0,500}\]/g;
const LATEX_DEFINITION_COMMAND = /\\(?:newacronym|newabbreviation|newglossaryentry|DeclareAcronym)\*?(?![a-zA-Z])/g;

function addLatexKeys(text: string, out: TextRange[]): void {
  LATEX_KEY_COMMAND.lastIndex = 0;
  for (let m = LATEX_KEY_COMMAND.exec(text); m; m = LATEX_KEY_COMMAND.exec(text)) out.push({ start: m.index, end: m.index + m[0].length });
  LATEX_DEFINITION_COMMAND.lastIndex = 0;
  for (let m = LATEX_DEFINITION_COMMAND.exec(text); m; m = LATEX_DEFINITION_COMMAND.exec(text)) {
    // The command and all its arguments: [options]{key}{short}{long}.
    let k = m.index + m[0].length;
    let scanned = k;
    for (;;) {
      k = skipSpaces(text, k);
      const c = text[k] === '[' ? indexWithin(text, ']', k, 2000) + 1 : text[k] === '{' ? closingBrace(text, k, 5000) : -1;
      if (c <= 0) {
        // Unbalanced: nothing within reach can close either.
        if (text[k] === '[' || text[k] === '{') scanned = k + (text[k] === '[' ? 2000 : 5000);
        break;
      }
      k = c;
    }
    out.push({ start: m.index, end: k });
    LATEX_DEFINITION_COMMAND.lastIndex = Math.max(LATEX_DEFINITION_COMMAND.lastIndex, k, scanned);
  }
}

interface Heading {
  /** Start of the heading's first line. */
  readonly start: number;
  /** Offset after the heading (after its underline for a setext heading). */
  readonly after: number;
  readonly level: number;
  readonly title: string;
}

const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*\r?$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*\r?$/;
const DIV_OPEN = /^ {0,3}:{3,}[ \t]*(\{[^}\n]*\}|[^\s:][^\n]*)/;
const DIV_CLOSE = /^ {0,3}:{3,}[ \t]*\r?$/;
/** A legend paragraph: "Figure 1.", "**Fig. 2:**", "Figure S3 |". */
const LEGEND_PARAGRAPH_AT = /[ \t]*(?:[*_]{1,2})?(?:Figure|Fig\.)[ \t]+S?\d+[A-Za-z]?[ \t]*(?:[*_]{1,2})?[ \t]*[.:|—–]/y;

function isAbstractTitle(title: string): boolean {
  const t = title.replace(/\{[^}]*\}\s*$/, '').replace(/[*_#]+/g, '').replace(/[:.]\s*$/, '').trim();
  return /^abstract$/i.test(t);
}

/**
 * One pass over the lines of a Markdown document: headings (a section titled "Abstract" is an
 * abstract, up to the next heading of its level or higher), Quarto/Pandoc figure divs (their last
 * paragraph is the caption) and legend paragraphs ("Figure 1. ...").
 */
function markdownStructure(text: string, excluded: readonly TextRange[], abstracts: TextRange[], legends: TextRange[]): void {
  const headings: Heading[] = [];
  const divs: Array<{ fig: boolean; lastParagraph: TextRange | undefined }> = [];
  let previousStart = -1;
  let previousEnd = -1;
  let previousBlank = true;
  let previousHeading = false;
  let paragraphStart = -1;
  let legendStart = -1;
  let lastContentEnd = -1;
  const closeLegend = () => {
    if (legendStart !== -1) legends.push({ start: legendStart, end: lastContentEnd });
    legendStart = -1;
  };
  for (let at = 0; at <= text.length; ) {
    const end = lineEndAt(text, at);
    const blank = isBlankLine(text, at, end);
    const inExcluded = rangeIndexAt(excluded, at) !== -1;
    let heading = false;
    if (!blank && !inExcluded) {
      const first = text[at];
      let m: RegExpExecArray | null = null;
      if (first === '#' || first === ' ') m = ATX_HEADING.exec(text.slice(at, end));
      if (m) {
        headings.push({ start: at, after: Math.min(text.length, end + 1), level: m[1].length, title: m[2] ?? '' });
        heading = true;
      } else if ((first === '=' || first === '-' || first === ' ') && !previousBlank && !previousHeading && previousStart !== -1) {
        const u = SETEXT_UNDERLINE.exec(text.slice(at, end));
        if (u && rangeIndexAt(excluded, previousStart) === -1) {
          headings.push({ start: previousStart, after: Math.min(text.length, end + 1), level: u[1][0] === '=' ? 1 : 2, title: text.slice(previousStart, previousEnd) });
          heading = true;
        }
      }
      let indent = 0;
      while (indent < 3 && text[at + indent] === ' ') indent++;
      if (!heading && text.startsWith(':::', at + indent)) {
        const line = text.slice(at, end);
        const open = DIV_CLOSE.test(line) ? null : DIV_OPEN.exec(line);
        if (open) {
          divs.push({ fig: /#fig-/.test(open[1]), lastParagraph: undefined });
        } else if (DIV_CLOSE.test(line)) {
          const div = divs.pop();
          if (div?.fig && div.lastParagraph) {
            const p = div.lastParagraph;
            const para = text.slice(p.start, p.end).trimStart();
            if (!para.startsWith('![')) legends.push(p);
          }
          // What follows an inner div is a new paragraph of the outer one.
          if (divs.length > 0) divs[divs.length - 1].lastParagraph = undefined;
        }
        if (open || DIV_CLOSE.test(line)) {
          closeLegend();
          paragraphStart = -1;
          previousStart = at;
          previousEnd = end;
          previousBlank = true;
          previousHeading = false;
          at = end + 1;
          continue;
        }
      }
    }
    if (blank || heading) {
      closeLegend();
      paragraphStart = -1;
    } else if (!inExcluded) {
      if (previousBlank || previousHeading) {
        paragraphStart = at;
        LEGEND_PARAGRAPH_AT.lastIndex = at;
        if (LEGEND_PARAGRAPH_AT.test(text)) legendStart = at;
      }
      lastContentEnd = end;
      if (divs.length > 0 && paragraphStart !== -1) divs[divs.length - 1].lastParagraph = { start: paragraphStart, end };
    }
    previousStart = at;
    previousEnd = end;
    previousBlank = blank || inExcluded;
    previousHeading = heading;
    if (end >= text.length) break;
    at = end + 1;
  }
  closeLegend();
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i];
    if (!isAbstractTitle(h.title)) continue;
    let stop = text.length;
    for (let j = i + 1; j < headings.length; j++) {
      if (headings[j].level <= h.level) {
        stop = headings[j].start;
        break;
      }
    }
    if (stop > h.after) abstracts.push({ start: h.after, end: stop });
  }
}

/**
 * The caption (alt text) of every Markdown image, ![caption](src) or ![caption][ref]: one pass
 * over the brackets with a stack, emptied at each blank line.
 */
function markdownImageCaptions(text: string, excluded: readonly TextRange[], legends: TextRange[]): void {
  const BRACKETS = /[[\]\\\n]/g;
  const open: Array<{ readonly at: number; readonly image: boolean }> = [];
  let r = 0;
  for (let m = BRACKETS.exec(text); m; m = BRACKETS.exec(text)) {
    const k = m.index;
    while (r < excluded.length && excluded[r].end <= k) r++;
    // "](src)" is excluded as a link destination, from its "]".
    if (r < excluded.length && excluded[r].start <= k && !(excluded[r].start === k && text[k] === ']')) {
      BRACKETS.lastIndex = excluded[r].end;
      continue;
    }
    const ch = text[k];
    if (ch === '\\') {
      BRACKETS.lastIndex = k + 2;
    } else if (ch === '\n') {
      if (isBlankLine(text, k + 1, lineEndAt(text, k + 1))) open.length = 0;
    } else if (ch === '[') {
      open.push({ at: k + 1, image: text[k - 1] === '!' });
    } else {
      const o = open.pop();
      if (o?.image && (text[k + 1] === '(' || text[k + 1] === '[')) legends.push({ start: o.at, end: k });
    }
  }
}

/** \begin{abstract}, \abstract{...}, \section*{Abstract}; \caption{...} and \captionof{figure}{...}. */
function latexStructure(text: string, abstracts: TextRange[], legends: TextRange[]): void {
  const comments = latexComments(text);
  const commented = (pos: number) => rangeIndexAt(comments, pos) !== -1;
  for (let q = text.indexOf('\\begin{abstract}'); q !== -1; q = text.indexOf('\\begin{abstract}', q + 1)) {
    if (commented(q)) continue;
    const start = q + '\\begin{abstract}'.length;
    const e = text.indexOf('\\end{abstract}', start);
    abstracts.push({ start, end: e === -1 ? text.length : e });
    if (e === -1) break;
    q = e;
  }
  const ABSTRACT_COMMAND = /\\abstract\s*\{/g;
  for (let m = ABSTRACT_COMMAND.exec(text); m; m = ABSTRACT_COMMAND.exec(text)) {
    if (commented(m.index)) continue;
    const open = m.index + m[0].length - 1;
    const close = closingBrace(text, open);
    if (close !== -1) abstracts.push({ start: open + 1, end: close - 1 });
    // Unbalanced: nothing within reach can close either.
    else ABSTRACT_COMMAND.lastIndex = open + CAPTION_LIMIT;
  }
  const ABSTRACT_SECTION = /\\(?:section|chapter)\*?\s*\{\s*Abstract\s*\}/gi;
  const NEXT_SECTION = /\\(?:part|chapter|section)\*?\s*[[{]|\\end\{document\}|\\begin\{document\}/g;
  for (let m = ABSTRACT_SECTION.exec(text); m; m = ABSTRACT_SECTION.exec(text)) {
    if (commented(m.index)) continue;
    const start = m.index + m[0].length;
    NEXT_SECTION.lastIndex = start;
    const n = NEXT_SECTION.exec(text);
    abstracts.push({ start, end: n ? n.index : text.length });
  }
  for (let q = text.indexOf('\\caption'); q !== -1; q = text.indexOf('\\caption', q + 1)) {
    let k = q + '\\caption'.length;
    let skipArgument = false;
    if (text.startsWith('of', k) && !/[a-zA-Z]/.test(text[k + 2] ?? '')) {
      k += 2;
      skipArgument = true;
    } else if (/[a-zA-Z]/.test(text[k] ?? '')) {
      continue;
    }
    if (commented(q)) continue;
    if (text[k] === '*') k++;
    k = skipSpaces(text, k);
    if (skipArgument && text[k] === '{') {
      const c = closingBrace(text, k, 500);
      if (c === -1) {
        q = k + 500;
        continue;
      }
      k = skipSpaces(text, c);
    }
    const start = k;
    if (text[k] === '[') {
      const c = indexWithin(text, ']', k, 2000);
      if (c === -1) {
        q = k + 2000;
        continue;
      }
      k = skipSpaces(text, c + 1);
    }
    if (text[k] !== '{') continue;
    const close = closingBrace(text, k);
    if (close === -1) {
      q = k + CAPTION_LIMIT;
      continue;
    }
    legends.push({ start, end: close });
    q = close - 1;
  }
}

function skipSpaces(text: string, k: number): number {
  while (k < text.length && /\s/.test(text[k])) k++;
  return k;
}

/** LaTeX comments, from an unescaped "%" to the end of its line. */
function latexComments(text: string): TextRange[] {
  const out: TextRange[] = [];
  for (let q = text.indexOf('%'); q !== -1; ) {
    if (text[q - 1] === '\\') {
      q = text.indexOf('%', q + 1);
      continue;
    }
    const end = lineEndAt(text, q);
    out.push({ start: q, end });
    q = text.indexOf('%', end);
  }
  return out;
}

/**
 * Plain text: a line "Abstract" (or a paragraph starting "Abstract:") opens the abstract, which
 * runs to the next heading-like line (short, alone between blank lines, no closing punctuation)
 * or "Keywords"; a paragraph starting "Figure 1." is a legend.
 */
function plainStructure(text: string, abstracts: TextRange[], legends: TextRange[]): void {
  let abstractStart = -1;
  let legendStart = -1;
  let lastContentEnd = 0;
  let previousBlank = true;
  const closeAbstract = (at: number) => {
    if (abstractStart !== -1 && at > abstractStart) abstracts.push({ start: abstractStart, end: at });
    abstractStart = -1;
  };
  for (let at = 0; at <= text.length; ) {
    const end = lineEndAt(text, at);
    const blank = isBlankLine(text, at, end);
    if (blank) {
      if (legendStart !== -1) legends.push({ start: legendStart, end: lastContentEnd });
      legendStart = -1;
    } else {
      const line = text.slice(at, end).trim();
      if (previousBlank) {
        const nextEnd = end >= text.length ? end : lineEndAt(text, end + 1);
        const alone = end >= text.length || isBlankLine(text, end + 1, nextEnd);
        const abstractHead = /^abstract\s*[:.]?(?:\s+|$)/i.exec(line);
        if (abstractStart !== -1 && (/^key ?words\b/i.test(line) || (alone && line.length <= 80 && !/[.,;:?!)]$/.test(line)))) closeAbstract(at);
        if (abstractHead && abstractStart === -1) abstractStart = at + text.slice(at, end).indexOf(line) + abstractHead[0].length;
        LEGEND_PARAGRAPH_AT.lastIndex = at;
        if (LEGEND_PARAGRAPH_AT.test(text)) legendStart = at;
      }
      lastContentEnd = end;
    }
    previousBlank = blank;
    if (end >= text.length) break;
    at = end + 1;
  }
  if (legendStart !== -1) legends.push({ start: legendStart, end: lastContentEnd });
  closeAbstract(text.length);
}

// ---------------------------------------------------------------------------------------------
// Scopes

interface ScopeInstance {
  readonly scope: 'main' | AcronymScope;
  /** One per abstract, per legend; "main" for the main text. */
  readonly key: string;
}

const MAIN: ScopeInstance = { scope: 'main', key: 'main' };
const BOTH_SCOPES: ReadonlySet<AcronymScope> = new Set<AcronymScope>(['abstract', 'figureLegends']);

function scopeAt(layout: Layout, pos: number, separate: ReadonlySet<AcronymScope>): ScopeInstance {
  if (separate.has('figureLegends')) {
    const i = rangeIndexAt(layout.legends, pos);
    if (i !== -1) return { scope: 'figureLegends', key: `legend ${i}` };
  }
  if (separate.has('abstract')) {
    const i = rangeIndexAt(layout.abstracts, pos);
    if (i !== -1) return { scope: 'abstract', key: `abstract ${i}` };
  }
  return MAIN;
}

// ---------------------------------------------------------------------------------------------
// Definitions

/** Acronym content of "(ACR)" or "(ACR; ...)", with Markdown emphasis around it allowed. */
const PAREN_ACRONYM = /^[*_]{0,2}([\p{L}\p{N}]+(?:[-‐‑/][\p{L}\p{N}]+)*)[*_]{0,2}(?:;\s.*)?$/su;
/** Long-form content of "ACR (long form)": words, hyphens and dashes, commas in numbers, apostrophes. */
const PAREN_LONG_FORM = /^[\p{L}\p{N}][\p{L}\p{N}\p{M}\s\-‐‑–—'’,/]*[\p{L}\p{N}\p{M}]$/u;

const WINDOW = 400;

function scanDefinitions(text: string, layout: Layout): AcronymDefinition[] {
  const out: AcronymDefinition[] = [];
  const { excluded } = layout;
  let r = 0;
  for (let q = text.indexOf('('); q !== -1; q = text.indexOf('(', q + 1)) {
    while (r < excluded.length && excluded[r].end <= q) r++;
    if (r < excluded.length && excluded[r].start <= q) {
      q = excluded[r].end - 1;
      continue;
    }
    const close = closingParenthesis(text, q);
    if (close === -1) continue;
    // Nothing in the parentheses may be excluded (a citation key, math, code).
    if (r < excluded.length && excluded[r].start < close) continue;
    out.push(...definitionsAt(text, layout, q, close));
  }
  return out;
}

/** The ")" closing the "(" at `q` on the same paragraph within 160 characters, with no "(" between; -1 otherwise. */
function closingParenthesis(text: string, q: number): number {
  const stop = Math.min(text.length, q + 160);
  for (let k = q + 1; k < stop; k++) {
    const ch = text[k];
    if (ch === ')') return k;
    if (ch === '(') return -1;
    if (ch === '\n' && isBlankLine(text, k + 1, lineEndAt(text, k + 1))) return -1;
  }
  return -1;
}

/** Several acronyms in one parenthesis: "(TAMs and MDSCs)", "(CAFs, TAMs, and MDSCs)". */
const PAREN_ACRONYM_LIST = /^[\p{L}\p{N}]+(?:[-‐‑/][\p{L}\p{N}]+)*(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)[\p{L}\p{N}]+(?:[-‐‑/][\p{L}\p{N}]+)*)+$/u;
const LIST_SEPARATOR = /\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*/u;
/** What may stand between two long forms of a list, at the end of the text before the later one. */
const LONG_FORM_SEPARATOR = /(?:,\s*and|,|\band|&)\s*$/u;

/**
 * The definitions of a parenthesis that lists acronyms, each with its own long form, in order:
 * "tumour-associated macrophages and myeloid-derived suppressor cells (TAMs and MDSCs)". All or
 * nothing: empty unless every acronym has a long form, separated from the next as the acronyms are.
 */
function listDefinitionsAt(text: string, layout: Layout, q: number, close: number, inner: string): AcronymDefinition[] {
  const written = inner.trim().split(LIST_SEPARATOR);
  const starts: number[] = [];
  let from = 0;
  for (const w of written) {
    const at = inner.indexOf(w, from);
    starts.push(q + 1 + at);
    from = at + w.length;
  }
  const defs: AcronymDefinition[] = [];
  let end = q;
  for (let i = written.length - 1; i >= 0; i--) {
    const singular = singularAcronym(written[i]);
    const acronym = singular ?? written[i];
    if (!isAcronymForm(acronym) || latinLetters(acronym).length < 2) return [];
    const long = longFormBefore(text, layout.excluded, end, acronym);
    if (!long) return [];
    defs.unshift({
      acronym,
      longForm: singular ? singularLongForm(long.longForm) : long.longForm,
      start: long.start,
      end: close + 1,
      acronymStart: starts[i],
      scope: scopeAt(layout, starts[i], BOTH_SCOPES).scope,
    });
    if (i === 0) break;
    const separator = LONG_FORM_SEPARATOR.exec(text.slice(Math.max(0, long.start - 8), long.start));
    if (!separator) return [];
    end = long.start - separator[0].length;
  }
  return defs;
}

function definitionsAt(text: string, layout: Layout, q: number, close: number): AcronymDefinition[] {
  const inner = text.slice(q + 1, close);
  if (PAREN_ACRONYM_LIST.test(inner.trim())) {
    const list = listDefinitionsAt(text, layout, q, close, inner);
    if (list.length > 0) return list;
  }
  const definition = definitionAt(text, layout, q, close, inner);
  return definition ? [definition] : [];
}

function definitionAt(text: string, layout: Layout, q: number, close: number, inner: string): AcronymDefinition | undefined {
  const trimmed = inner.trim();
  const acronymContent = PAREN_ACRONYM.exec(trimmed);
  if (acronymContent) {
    const written = acronymContent[1];
    const singular = singularAcronym(written);
    const acronym = singular ?? written;
    if (!isAcronymForm(acronym) || latinLetters(acronym).length < 2) return undefined;
    const long = longFormBefore(text, layout.excluded, q, acronym);
    if (!long) return undefined;
    const acronymStart = q + 1 + inner.indexOf(written);
    return {
      acronym,
      longForm: singular ? singularLongForm(long.longForm) : long.longForm,
      start: long.start,
      end: close + 1,
      acronymStart,
      scope: scopeAt(layout, acronymStart, BOTH_SCOPES).scope,
    };
  }
  // "ACR (long form)"
  // "ABCB1 (P-gp)" names a synonym, not a long form.
  if (!PAREN_LONG_FORM.test(trimmed) || (!/\s/.test(trimmed) && isAcronymLikeWord(trimmed))) return undefined;
  let k = q - 1;
  let newlines = 0;
  while (k >= 0 && (text[k] === ' ' || text[k] === '\t' || text[k] === '~' || text[k] === '\u00a0' || text[k] === '*' || text[k] === '_' || text[k] === '\n' || text[k] === '\r')) {
    if (text[k] === '\n' && ++newlines > 1) return undefined;
    k--;
  }
  const tokenEnd = k + 1;
  while (k >= 0 && (isWordCode(text.charCodeAt(k)) || (isHyphen(text[k]) && k > 0 && isWordCode(text.charCodeAt(k - 1))) || (text[k] === '/' && k > 0 && isWordCode(text.charCodeAt(k - 1))))) k--;
  let tokenStart = k + 1;
  while (tokenStart < tokenEnd && !isWordCode(text.charCodeAt(tokenStart))) tokenStart++;
  if (tokenStart >= tokenEnd || text[tokenStart - 1] === '\\' || text[tokenStart - 1] === '@') return undefined;
  if (rangeIndexAt(layout.excluded, tokenStart) !== -1 || rangeIndexAt(layout.excluded, tokenEnd - 1) !== -1) return undefined;
  const written = text.slice(tokenStart, tokenEnd);
  const singular = singularAcronym(written);
  const acronym = singular ?? written;
  if (!isAcronymForm(acronym) || !longFormMatches(acronym, trimmed)) return undefined;
  const longForm = cleanLongForm(trimmed);
  return {
    acronym,
    longForm: singular ? singularLongForm(longForm) : longForm,
    start: tokenStart,
    end: close + 1,
    acronymStart: tokenStart,
    scope: scopeAt(layout, tokenStart, BOTH_SCOPES).scope,
  };
}

/**
 * Whether `longForm`, standing alone, spells `acronym`: its first character is the acronym's
 * first letter or digit, the acronym's other letters follow in order, and it has no more words
 * than the Schwartz–Hearst limit, min(|A| + 5, 2|A|).
 */
function longFormMatches(acronym: string, longForm: string): boolean {
  const first = [...acronym].find((ch) => isWordCode(ch.charCodeAt(0)));
  if (first === undefined || longForm[0].toLowerCase() !== first.toLowerCase()) return false;
  const letters = latinLetters(acronym);
  if (letters.length < 2) return false;
  const lower = longForm.toLowerCase();
  let at = 1;
  for (let i = /[a-z]/.test(first.toLowerCase()) ? 1 : 0; i < letters.length; i++) {
    at = lower.indexOf(letters[i], at);
    if (at === -1) return false;
    at++;
  }
  const size = alphanumericCount(acronym);
  const words = longForm.split(/\s+/).length;
  return words <= Math.min(size + 5, 2 * size) && alphanumericCount(longForm) > size;
}

/**
 * "long form (ACR)": the words before the parenthesis at `q` that spell the acronym, after
 * Schwartz and Hearst (2003): matched right to left, each letter of the acronym in order, the
 * first at the start of a word (after a space or a hyphen); the shortest such long form wins.
 */
/** The window before a parenthesis, filled from its end: reused, as definitions are looked for one at a time. */
const windowCodes = new Uint16Array(WINDOW);

function longFormBefore(text: string, excluded: readonly TextRange[], q: number, acronym: string): { start: number; longForm: string } | undefined {
  const from = Math.max(0, q - WINDOW);
  const codes = windowCodes;
  // The window is codes[base..WINDOW), in text order; excluded text and markup become spaces.
  let base = WINDOW;
  let r = Math.min(firstEndingAfter(excluded, q - 1), excluded.length - 1);
  let k = q - 1;
  for (; k >= from; k--) {
    while (r >= 0 && excluded[r].start > k) r--;
    let c = text.charCodeAt(k);
    if ((r >= 0 && excluded[r].end > k) || isSeparatorCode(c)) {
      c = 0x20;
    } else if (c === 0x29) {
      // "poly(ADP-ribose) polymerase": parentheses inside a word are part of it.
      const open = text.lastIndexOf('(', k);
      if (open > from && k - open < 40 && isWordCode(text.charCodeAt(open - 1)) && !/\s/.test(text.slice(open, k))) {
        for (let j = k; j >= open; j--) codes[--base] = text.charCodeAt(j);
        k = open;
        continue;
      }
      break;
    } else if (c === 0x0a) {
      let j = k - 1;
      while (j >= from && (text[j] === ' ' || text[j] === '\t' || text[j] === '\r')) j--;
      if (j < from || text[j] === '\n') break;
      c = 0x20;
    } else if (isStopCode(c)) {
      break;
    }
    codes[--base] = c;
  }
  const windowStart = k + 1;
  // Schwartz–Hearst, right to left over codes[base..WINDOW).
  const letters = latinLetters(acronym);
  let s = letters.length - 1;
  let l = WINDOW - 1;
  while (s >= 0) {
    const letter = letters.charCodeAt(s);
    for (; l >= base; l--) {
      const c = codes[l];
      if ((c | 0x20) !== letter || !isLatinLetterCode(c)) continue;
      if (s === 0 && l > base && isWordCode(codes[l - 1])) continue;
      break;
    }
    if (l < base) return undefined;
    s--;
    if (s >= 0) l--;
  }
  let start = l;
  // "5-fluorouracil (5-FU)": a leading number of the acronym belongs to the long form.
  const digits = /^\p{N}+/u.exec(acronym)?.[0];
  const numberStart = digits === undefined ? -1 : start - 1 - digits.length;
  if (digits !== undefined && numberStart >= base && isHyphen(String.fromCharCode(codes[start - 1])) && (numberStart === base || !isWordCode(codes[numberStart - 1]))) {
    let same = true;
    for (let i = 0; i < digits.length; i++) if (codes[numberStart + i] !== digits.charCodeAt(i)) same = false;
    if (same) start = numberStart;
  }
  const longForm = cleanLongForm(String.fromCharCode.apply(null, codes.subarray(start, WINDOW) as unknown as number[]));
  const alphanumerics = alphanumericCount(acronym);
  const words = longForm.split(' ').length;
  if (words > Math.min(alphanumerics + 5, 2 * alphanumerics) || alphanumericCount(longForm) <= alphanumerics) return undefined;
  if (longForm.split(/[\s\-‐‑]+/).includes(acronym)) return undefined;
  return { start: windowStart + (start - base), longForm };
}

function isLatinLetterCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Where a long form ends, looking left from its parenthesis: . ; : ! ? ( ) [ ] " “ ” | & = < > */
function isStopCode(c: number): boolean {
  switch (c) {
    case 0x2e: case 0x3b: case 0x3a: case 0x21: case 0x3f: case 0x28: case 0x29: case 0x5b: case 0x5d:
    case 0x22: case 0x201c: case 0x201d: case 0x7c: case 0x26: case 0x3d: case 0x3c: case 0x3e:
      return true;
    default:
      return false;
  }
}

/** Markup that separates the words of a long form: emphasis, LaTeX braces and ties, backslashes, tabs. */
function isSeparatorCode(c: number): boolean {
  switch (c) {
    case 0x2a: case 0x5f: case 0x7e: case 0x7b: case 0x7d: case 0x5c: case 0x09: case 0x0d: case 0xa0:
      return true;
    default:
      return false;
  }
}

function cleanLongForm(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Every acronym definition in the text, "long form (ACR)" and "ACR (long form)", in document
 * order, outside code, math, URLs, keys and the generated blocks.
 */
export function findAcronymDefinitions(text: string, dialect: ManuscriptDialect): AcronymDefinition[] {
  return scanDefinitions(text, layoutOf(text, dialect));
}

// ---------------------------------------------------------------------------------------------
// Occurrences

interface Occurrence {
  readonly acronym: string;
  readonly start: number;
  /** After the plural "s" when there is one. */
  readonly end: number;
}

/**
 * Occurrences of `acronyms` (exact case, plural "s" allowed) at word starts in prose, the longest
 * first where several start at the same place. An acronym followed by a hyphen and a digit or
 * Greek letter is part of a longer symbol ("PD" in "PD-1") and does not count.
 */
function findOccurrences(text: string, excluded: readonly TextRange[], acronyms: Iterable<string>): Occurrence[] {
  const table = new Map<number, string[]>();
  for (const a of acronyms) {
    if (a.length < 2) continue;
    const key = a.charCodeAt(0) * 65536 + a.charCodeAt(1);
    const list = table.get(key);
    if (list) list.push(a);
    else table.set(key, [a]);
  }
  for (const list of table.values()) list.sort((a, b) => b.length - a.length);
  const out: Occurrence[] = [];
  const n = text.length;
  let r = 0;
  for (let i = 0; i < n; i++) {
    while (r < excluded.length && excluded[r].end <= i) r++;
    if (r < excluded.length && excluded[r].start <= i) {
      i = excluded[r].end - 1;
      continue;
    }
    const c = text.charCodeAt(i);
    if (!isWordCode(c)) continue;
    const limit = r < excluded.length ? excluded[r].start : n;
    const candidates = i > 0 && isWordCode(text.charCodeAt(i - 1)) ? undefined : table.get(c * 65536 + text.charCodeAt(i + 1));
    let matched: Occurrence | undefined;
    if (candidates) {
      for (const a of candidates) {
        if (!text.startsWith(a, i)) continue;
        let end = i + a.length;
        if (end < n && isWordCode(text.charCodeAt(end))) {
          if (text[end] !== 's' || (end + 1 < n && isWordCode(text.charCodeAt(end + 1)))) continue;
          end++;
        }
        if (end > limit) continue;
        if (isHyphen(text[end]) && end + 1 < n && /[\p{N}α-ωΑ-Ω]/u.test(text[end + 1])) continue;
        matched = { acronym: a, start: i, end };
        break;
      }
    }
    if (matched) {
      out.push(matched);
      i = matched.end - 1;
    } else {
      while (i + 1 < limit && isWordCode(text.charCodeAt(i + 1))) i++;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Known acronyms

/**
 * Whether `longForm` can stand for `acronym` in "long form (ACR)": it has an ordinary word and
 * does not contain the acronym. "T790M" → "EGFR T790M", "PARP" → "PARP1", "SDF-1" → "CXCL12",
 * "JAK/STAT" → "JAK/STAT pathway" have nothing to define.
 */
function isExpansion(acronym: string, longForm: string): boolean {
  return !longForm.includes(acronym) && longForm.split(/[\s\-‐‑/]+/).some((w) => /^\p{L}\p{Ll}+$/u.test(w));
}

/**
 * Known acronyms by name, first one winning, without those that cannot be expanded meaningfully:
 * gene symbols listed with a protein's name ("ABCB1" → "P-glycoprotein"), self-references.
 */
function knownByName(known: readonly KnownAcronym[], ignored: ReadonlySet<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const k of known) {
    if (out.has(k.acronym) || ignored.has(k.acronym) || !isAcronymForm(k.acronym)) continue;
    // A long form that cannot be recognised as the acronym's definition cannot be asked for.
    if (!isExpansion(k.acronym, k.longForm) || !longFormMatches(k.acronym, k.longForm)) continue;
    out.set(k.acronym, k.longForm);
  }
  return out;
}

function ignoredSet(ignored: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const a of ignored) {
    const t = a.trim();
    if (!t) continue;
    out.add(t);
    const singular = singularAcronym(t);
    if (singular) out.add(singular);
  }
  return out;
}

/**
 * The glossary's acronyms, for {@link checkAcronyms}: every acronym-like abbreviation of a concept
 * whose long form (the expansion, else the label) spells it; "ABCB1" is a gene symbol of
 * P-glycoprotein, not its abbreviation, and is left out. An acronym of two concepts ("TME") takes
 * the seed's concept, then the one with more mechanisms, then the first.
 */
export function knownAcronymsOf(concepts: readonly GlossaryConcept[]): KnownAcronym[] {
  const best = new Map<string, { longForm: string; rank: number; order: number }>();
  concepts.forEach((c, order) => {
    const longForm = c.expansion ?? c.label;
    const rank = (c.source === 'seed' ? 1000 : 0) + c.mechanisms.length;
    for (const a of c.abbreviations ?? []) {
      if (/\s/.test(a) || !isAcronymForm(a) || !isExpansion(a, longForm) || !longFormMatches(a, longForm)) continue;
      const previous = best.get(a);
      if (!previous || rank > previous.rank) best.set(a, { longForm, rank, order: previous?.order ?? order });
    }
  });
  return [...best.entries()].sort((x, y) => x[1].order - y[1].order).map(([acronym, v]) => ({ acronym, longForm: v.longForm }));
}

// ---------------------------------------------------------------------------------------------
// The check

interface ScopeGroup {
  readonly acronym: string;
  readonly instance: ScopeInstance;
  readonly definitions: AcronymDefinition[];
  readonly uses: Occurrence[];
}

function inScopeText(scope: 'main' | AcronymScope): string {
  return scope === 'abstract' ? ' in the abstract' : scope === 'figureLegends' ? ' in this figure legend' : '';
}

/**
 * Acronyms not defined at first use, per scope: used before the scope's first definition, defined
 * twice in a scope, defined with no later use in the scope, and known or document-defined
 * acronyms used in a scope that never defines them (once per acronym and scope, at the first use).
 */
export function checkAcronyms(text: string, dialect: ManuscriptDialect, known: readonly KnownAcronym[], options: AcronymCheckOptions): AcronymFinding[] {
  const layout = layoutOf(text, dialect);
  const ignored = ignoredSet(options.ignored);
  const knownLong = knownByName(known, ignored);
  const definitions = scanDefinitions(text, layout).filter((d) => !ignored.has(d.acronym));
  const documentLong = new Map<string, string>();
  const definitionByStart = new Map<number, string>();
  for (const d of definitions) {
    if (!documentLong.has(d.acronym)) documentLong.set(d.acronym, d.longForm);
    definitionByStart.set(d.acronymStart, d.acronym);
  }
  const occurrences = findOccurrences(text, layout.excluded, new Set([...knownLong.keys(), ...documentLong.keys()]));
  const separate = new Set(options.separateScopes);

  const groups: ScopeGroup[] = [];
  const byScope = new Map<string, Map<string, ScopeGroup>>();
  const groupOf = (acronym: string, pos: number): ScopeGroup => {
    const instance = scopeAt(layout, pos, separate);
    let inScope = byScope.get(instance.key);
    if (!inScope) {
      inScope = new Map();
      byScope.set(instance.key, inScope);
    }
    let g = inScope.get(acronym);
    if (!g) {
      g = { acronym, instance, definitions: [], uses: [] };
      inScope.set(acronym, g);
      groups.push(g);
    }
    return g;
  };
  for (const d of definitions) groupOf(d.acronym, d.acronymStart).definitions.push(d);
  for (const o of occurrences) if (definitionByStart.get(o.start) !== o.acronym) groupOf(o.acronym, o.start).uses.push(o);

  let starts: number[] | undefined;
  const lineOf = (offset: number) => {
    starts ??= lineStarts(text);
    return positionOf(starts, offset).line + 1;
  };
  const findings: AcronymFinding[] = [];
  for (const g of groups) {
    const { acronym } = g;
    const scope = g.instance.scope;
    const where = inScopeText(scope);
    const first = g.definitions[0];
    const longForm = first?.longForm ?? documentLong.get(acronym) ?? knownLong.get(acronym);
    const finding = (code: AcronymCode, range: { start: number; end: number }, message: string): AcronymFinding =>
      longForm === undefined
        ? { code, acronym, start: range.start, end: range.end, message, scope }
        : { code, acronym, start: range.start, end: range.end, message, longForm, scope };
    if (!first) {
      const use = g.uses[0];
      if (use) {
        const written = text.slice(use.start, use.end);
        const hint = longForm === undefined ? '' : `; define it at first use as "${written === acronym ? longForm : pluralLongForm(longForm)} (${written})"`;
        findings.push(finding('acronym-not-defined', use, `${acronym} is used but not defined${where}${hint}`));
      }
      continue;
    }
    const definedOn = lineOf(first.acronymStart);
    for (const use of g.uses) {
      if (use.start >= first.start) break;
      findings.push(finding('acronym-used-before-definition', use, `${acronym} is used before it is defined${where} (defined on line ${definedOn})`));
    }
    for (const d of g.definitions.slice(1)) {
      findings.push(finding('acronym-defined-twice', d, `${acronym} is defined twice${where} (first defined on line ${definedOn})`));
    }
    if (!g.uses.some((u) => u.start >= first.end)) {
      findings.push(finding('acronym-defined-not-used', first, `${acronym} is defined but not used again${where}`));
    }
  }
  return findings.sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code));
}

// ---------------------------------------------------------------------------------------------
// Quick fix and the abbreviation list

/** Whether `pos` starts a sentence, a heading, a list item, a caption or a cell. */
function atSentenceStart(text: string, pos: number): boolean {
  let k = pos - 1;
  while (k >= 0 && ' \t*_"“‘\''.includes(text[k])) k--;
  if (k < 0) return true;
  const ch = text[k];
  if ('.!?#[{|'.includes(ch)) return true;
  if (ch === '\n') {
    let j = k - 1;
    while (j >= 0 && (text[j] === ' ' || text[j] === '\t' || text[j] === '\r')) j--;
    return j < 0 || text[j] === '\n' || '.!?:'.includes(text[j]);
  }
  if ('-+>'.includes(ch) || /\d/.test(ch)) {
    // A list marker at the start of its line.
    let j = k - 1;
    while (j >= 0 && /[\d \t.]/.test(text[j])) j--;
    return j < 0 || text[j] === '\n';
  }
  return false;
}

/**
 * The long form as it should read at `pos`: capitalised at a sentence start; else a capitalised
 * ordinary first word lower-cased, but not a proper noun (one of `properNouns`: "Fanconi
 * anemia", "Janus kinases") nor a name written in title case ("Response Evaluation Criteria in
 * Solid Tumours").
 */
function longFormInContext(longForm: string, sentenceStart: boolean, properNouns: ReadonlySet<string>): string {
  const first = /^[^\s\-‐‑]+/u.exec(longForm)?.[0] ?? '';
  if (first === '' || isAcronymLikeWord(first)) return longForm;
  if (sentenceStart) return longForm[0].toUpperCase() + longForm.slice(1);
  if (!/^\p{Lu}\p{Ll}*$/u.test(first) || properNouns.has(first.toLowerCase())) return longForm;
  const capitalisedWords = longForm.split(/[\s\-‐‑/]+/u).filter((w) => /^\p{Lu}\p{Ll}/u.test(w)).length;
  return capitalisedWords > 1 ? longForm : longForm[0].toLowerCase() + longForm.slice(1);
}

/**
 * The words the glossary never writes in lower case, in lower case: its proper nouns (Fanconi,
 * Janus, Bruton, Hodgkin), which stay capitalised when a long form starting with one is written
 * mid-sentence. A capitalised common word that happens never to appear in lower case stays
 * capitalised too, the safer mistake.
 */
export function properNounsOf(concepts: readonly GlossaryConcept[]): ReadonlySet<string> {
  const lower = new Set<string>();
  const capitalised = new Set<string>();
  for (const c of concepts) {
    for (const text of [c.label, c.expansion, ...(c.synonyms ?? []), c.definition, c.resistanceRole]) {
      for (const word of text?.match(/\p{L}+/gu) ?? []) {
        if (/^\p{Ll}/u.test(word)) lower.add(word);
        else if (/^\p{Lu}\p{Ll}+$/u.test(word)) capitalised.add(word.toLowerCase());
      }
    }
  }
  return new Set([...capitalised].filter((w) => !lower.has(w)));
}

/**
 * Quick fix "Expand at first use": rewrites the first occurrence of `acronym` in `scope` that no
 * definition precedes (in the same abstract or legend) as "long form (ACR)", keeping a plural
 * ("CAFs" → "cancer-associated fibroblasts (CAFs)"). `separateScopes` are the writer's separate
 * scopes, so that "main" skips them; the scope asked for always counts as separate.
 * `properNouns` (see {@link properNounsOf}) keep their capital mid-sentence.
 */
export function expandAtFirstUse(
  text: string,
  dialect: ManuscriptDialect,
  acronym: string,
  longForm: string,
  scope: 'main' | AcronymScope = 'main',
  separateScopes: readonly AcronymScope[] = [],
  properNouns: ReadonlySet<string> = new Set(),
): { start: number; end: number; text: string } | undefined {
  if (!acronym || !longForm.trim()) return undefined;
  const layout = layoutOf(text, dialect);
  const separate = new Set(separateScopes);
  if (scope !== 'main') separate.add(scope);
  const definedIn = new Map<string, number>();
  const definitionStarts = new Set<number>();
  for (const d of scanDefinitions(text, layout)) {
    if (d.acronym !== acronym) continue;
    definitionStarts.add(d.acronymStart);
    const key = scopeAt(layout, d.acronymStart, separate).key;
    if (!definedIn.has(key)) definedIn.set(key, d.start);
  }
  for (const o of findOccurrences(text, layout.excluded, [acronym])) {
    if (definitionStarts.has(o.start)) continue;
    const instance = scopeAt(layout, o.start, separate);
    if (instance.scope !== scope) continue;
    const definedAt = definedIn.get(instance.key);
    if (definedAt !== undefined && definedAt <= o.start) continue;
    const written = text.slice(o.start, o.end);
    const plural = o.end - o.start > acronym.length;
    let expanded = longFormInContext(cleanLongForm(plural ? pluralLongForm(longForm) : longForm), atSentenceStart(text, o.start), properNouns);
    if (dialect === 'latex') expanded = escapeLatex(expanded);
    return { start: o.start, end: o.end, text: `${expanded} (${written})` };
  }
  return undefined;
}

/**
 * The acronyms the document uses, known ones and those it defines, with their long forms (the
 * document's first definition, else the known one); unsorted. For abbreviationList.ts.
 */
export function acronymsInUse(text: string, dialect: ManuscriptDialect, known: readonly KnownAcronym[]): Array<{ acronym: string; longForm: string }> {
  const layout = layoutOf(text, dialect);
  const knownLong = knownByName(known, new Set());
  const documentLong = new Map<string, string>();
  for (const d of scanDefinitions(text, layout)) if (!documentLong.has(d.acronym)) documentLong.set(d.acronym, d.longForm);
  const used = new Set<string>(documentLong.keys());
  for (const o of findOccurrences(text, layout.excluded, new Set([...knownLong.keys(), ...documentLong.keys()]))) used.add(o.acronym);
  return [...used].map((acronym) => ({ acronym, longForm: documentLong.get(acronym) ?? knownLong.get(acronym)! }));
}
