import { pandocCitation } from './citationSyntax';
import { findExcludedRanges, type ManuscriptDialect } from '../terms/excludedRanges';
import { rangeIndexAt, type TextRange } from '../terms/textRange';

/** One cited key and the citation it belongs to. */
export interface CitedKey {
  readonly key: string;
  /** UTF-16 offset of the key text (without `@` or braces). */
  readonly start: number;
  readonly end: number;
  /**
   * The whole citation: the `[` of a Pandoc cluster, the `@` of an in-text `@key` (its `-` for
   * `-@key`), or the `\` of a LaTeX command.
   */
  readonly clusterStart: number;
  /** After the `]`, the key (or the `]` of its locator, `@key [p. 3]`), or the last `}`. */
  readonly clusterEnd: number;
}

/** What is being typed where a citation key is expected, for completion. */
export interface CitationContext {
  readonly syntax: 'pandoc' | 'latex';
  /** The part of the key typed before the cursor ("" right after `@`, `{` or `,`). */
  readonly prefix: string;
  /** Offset where the key being typed starts. */
  readonly replaceStart: number;
  /** Offset where it ends (the key may continue after the cursor). */
  readonly replaceEnd: number;
  /** The other keys already in this citation, in order, each once. */
  readonly keysInCluster: readonly string[];
}

/** Text to insert at `offset`. */
export interface ClusterInsertion {
  readonly offset: number;
  readonly text: string;
}

/** Quarto cross-reference prefixes: `@fig-x` is a figure, not a reference. */
const QUARTO_CROSS_REFERENCE = /^(?:fig|tbl|sec|eq|lst|thm|lem|cor|prp|cnj|def|exm|exr)-/;

/** Whether a Pandoc `@key` is a Quarto cross-reference (`@fig-survival`, `@tbl-trials`...). */
export function isQuartoCrossReference(key: string): boolean {
  return QUARTO_CROSS_REFERENCE.test(key);
}

/** Every cited key in a manuscript, in order. */
export function findCitedKeys(text: string, dialect: ManuscriptDialect): CitedKey[] {
  if (dialect === 'markdown') {
    return analysePandoc(text)
      .tokens.filter((t) => !t.dropped && !isQuartoCrossReference(t.key))
      .map((t) => ({ key: t.key, start: t.keyStart, end: t.keyEnd, clusterStart: t.clusterStart, clusterEnd: t.clusterEnd }));
  }
  if (dialect === 'latex') {
    const keys: CitedKey[] = [];
    visitLatexCitations(text, false, (c) => {
      for (const g of c.groups) for (const k of g.keys) keys.push({ key: k.key, start: k.start, end: k.end, clusterStart: c.start, clusterEnd: c.end });
    });
    return keys;
  }
  return [];
}

/** When the cursor is where a citation key is being typed, what is typed: for completion. */
export function citationContextAt(text: string, offset: number, dialect: ManuscriptDialect): CitationContext | undefined {
  if (offset < 0 || offset > text.length) return undefined;
  if (dialect === 'markdown') return pandocContextAt(text, offset);
  if (dialect === 'latex') return latexContextAt(text, offset);
  return undefined;
}

/**
 * When the cursor is inside an existing citation cluster (`[@a; |]`, `[@a|]`, `\cite{a,|}`,
 * `\cite{a|}`), how to add `keys` to it: at `[@a; |]` insert `@b`, at `[@a|]` insert `; @b`, at
 * `\cite{a,|}` insert `b`, at `\cite{a|}` insert `,b`. Inside a key the keys go after it. Keys
 * already in the cluster are not added twice (the text is "" when none is left). undefined when
 * the cursor is not inside a cluster.
 */
export function addToClusterAt(text: string, offset: number, dialect: ManuscriptDialect, keys: readonly string[]): ClusterInsertion | undefined {
  if (offset < 0 || offset > text.length) return undefined;
  if (dialect === 'markdown') return addToPandocClusterAt(text, offset, keys);
  if (dialect === 'latex') return addToLatexClusterAt(text, offset, keys);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Pandoc

/** Pandoc's unbraced key: a letter, digit or _, then those or internal :.#$%&-+?<>~/ ("//" too). */
const BARE_KEY = /[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&+?<>~/-](?=[\p{L}\p{N}_])|[:/](?=\/))*/uy;
const WORD_CHAR = /^[\p{L}\p{N}_]$/u;
const KEY_PUNCTUATION = ':.#$%&+?<>~/-';
/** Brackets, semicolons, @, escapes and blank lines: what the Pandoc pass looks at. */
const PANDOC_MARKUP = /\\[\s\S]|[[\];@]|\n[ \t\r]*\n/g;

interface PandocToken {
  key: string;
  keyStart: number;
  keyEnd: number;
  /** The `-` of `-@key`, or the `@`. */
  start: number;
  /** After the key, or its closing brace. */
  end: number;
  at: number;
  clusterStart: number;
  clusterEnd: number;
  /** Part of a bracketed cluster, or of an in-text citation's brackets. */
  grouped: boolean;
  /** An example list label `(@good)` or a reference to one, which Pandoc does not cite. */
  dropped: boolean;
}

/** Where a `[...]` stands in Pandoc's citation grammar, as a state machine over its items. */
const enum ItemState {
  Prefix,
  Suffix,
  Invalid,
}

interface BracketPair {
  readonly open: number;
  /** The `]`, or where an unclosed bracket's paragraph ends. */
  readonly close: number;
  readonly closed: boolean;
  /** Keys directly inside (not in nested brackets). */
  readonly tokens: PandocToken[];
  /** `[see @a, p. 3; @b]`: Pandoc's normal citation. */
  readonly cluster: boolean;
  /** `[p. 3]` or `[p. 3; @b]`, which may follow an in-text `@a`. */
  readonly locator: boolean;
  /** `[^1]` or `^[inline note]`: never a citation. */
  readonly note: boolean;
}

interface BracketFrame {
  readonly open: number;
  readonly tokens: PandocToken[];
  normal: ItemState;
  locator: ItemState;
}

interface PandocAnalysis {
  readonly tokens: PandocToken[];
  /** Every bracket pair, in the order they close. */
  readonly pairs: BracketPair[];
  readonly excluded: TextRange[];
}

/**
 * Code, math and URLs of a Markdown text. findExcludedRanges also excludes citation keys (for the
 * term matcher); with every `@` masked by `#` (like `@`, neither a word character nor special to
 * any of its patterns) that is all that changes, and offsets stay the same.
 */
function markdownCodeMathAndUrls(text: string): TextRange[] {
  return findExcludedRanges(text.replaceAll('@', '#'), 'markdown');
}

/** The key after the `@` at `at`: bare, or braced `@{...}` on one line with balanced braces. */
function parsePandocKey(text: string, at: number): { key: string; keyStart: number; keyEnd: number; end: number } | undefined {
  if (text.charCodeAt(at + 1) === 0x7b) {
    // Pandoc itself allows no whitespace inside the braces; spaces are accepted here (not line
    // breaks) because pandocCitation writes such keys that way.
    let depth = 1;
    for (let j = at + 2; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x7b) depth++;
      else if (c === 0x0a || c === 0x0d) return undefined;
      else if (c === 0x7d && --depth === 0) {
        const key = text.slice(at + 2, j);
        return key.trim() === '' ? undefined : { key, keyStart: at + 2, keyEnd: j, end: j + 1 };
      }
    }
    return undefined;
  }
  BARE_KEY.lastIndex = at + 1;
  const m = BARE_KEY.exec(text);
  if (m === null) return undefined;
  const end = at + 1 + m[0].length;
  return { key: m[0], keyStart: at + 1, keyEnd: end, end };
}

/** Whether the character before `i` is a letter, digit or _ (so an `@` at `i` is an e-mail's). */
function wordCharBefore(text: string, i: number): boolean {
  if (i <= 0) return false;
  const c = text.charCodeAt(i - 1);
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
  const ch = c >= 0xdc00 && c <= 0xdfff && i >= 2 ? text.slice(i - 2, i) : text[i - 1];
  return WORD_CHAR.test(ch);
}

/** Pandoc's `spnl`: spaces, at most one line break, spaces; -1 when a blank line follows. */
function afterSpaceAndNewline(text: string, i: number): number {
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (text[i] === '\r') i++;
  if (text[i] === '\n') {
    i++;
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (text[i] === '\n' || text[i] === '\r') return -1;
  }
  return i;
}

/** Whether a citation key (`@key` or `-@key`) starts at `i`. */
function keyStartsAt(text: string, i: number): boolean {
  if (text[i] === '-') i++;
  return text[i] === '@' && parsePandocKey(text, i) !== undefined;
}

/** The next state of an item after a key. */
function afterKey(s: ItemState): ItemState {
  return s === ItemState.Invalid ? s : ItemState.Suffix;
}

/**
 * The next state after a `;`: it separates items after a key; in a prefix it is text unless a
 * key follows it, which Pandoc's prefix parser stops at and then fails on.
 */
function afterSemicolon(s: ItemState, keyFollows: boolean): ItemState {
  if (s === ItemState.Suffix) return ItemState.Prefix;
  if (s === ItemState.Prefix && keyFollows) return ItemState.Invalid;
  return s;
}

/**
 * One pass over a Markdown text: keys, and the bracket pairs they sit in, following Pandoc's
 * citation grammar (Text.Pandoc.Readers.Markdown: normalCite, textualCite, bareloc).
 */
function analysePandoc(text: string): PandocAnalysis {
  const excluded = markdownCodeMathAndUrls(text);
  const tokens: PandocToken[] = [];
  const pairs: BracketPair[] = [];
  const stack: BracketFrame[] = [];
  const exampleLabels = new Set<string>();

  const isNote = (open: number) => text.charCodeAt(open + 1) === 0x5e || text.charCodeAt(open - 1) === 0x5e;
  const close = (i: number) => {
    const f = stack.pop();
    if (f === undefined) return;
    const note = isNote(f.open);
    const cluster = !note && f.normal === ItemState.Suffix;
    const next = text[i + 1];
    const locator = !note && f.locator === ItemState.Suffix && next !== '[' && next !== '(';
    pairs.push({ open: f.open, close: i, closed: true, tokens: f.tokens, cluster, locator, note });
    if (cluster) {
      for (const t of f.tokens) {
        t.clusterStart = f.open;
        t.clusterEnd = i + 1;
        t.grouped = true;
      }
    }
  };
  const abandon = (at: number) => {
    for (let f = stack.pop(); f !== undefined; f = stack.pop()) {
      pairs.push({ open: f.open, close: at, closed: false, tokens: f.tokens, cluster: false, locator: false, note: isNote(f.open) });
    }
  };

  let x = 0;
  // The key just read: a URL or DOI pattern that starts inside it ("@10.1038/nrc3599]") is the key's.
  let lastKeyStart = -1;
  let lastKeyEnd = -1;
  const re = PANDOC_MARKUP;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const i = m.index;
    while (x < excluded.length && excluded[x].end <= i) x++;
    if (x < excluded.length && excluded[x].start <= i && !(excluded[x].start >= lastKeyStart && excluded[x].start < lastKeyEnd)) {
      // A link destination "](...)" is excluded from its "]", which still closes the link text.
      if (i === excluded[x].start && text.charCodeAt(i) === 0x5d) close(i);
      re.lastIndex = excluded[x].end;
      continue;
    }
    switch (text.charCodeAt(i)) {
      case 0x5b: // [
        stack.push({ open: i, tokens: [], normal: ItemState.Prefix, locator: ItemState.Suffix });
        break;
      case 0x5d: // ]
        close(i);
        break;
      case 0x3b: {
        // ;
        const top = stack[stack.length - 1];
        if (top !== undefined) {
          const next = afterSpaceAndNewline(text, i + 1);
          const keyFollows = next !== -1 && keyStartsAt(text, next);
          top.normal = afterSemicolon(top.normal, keyFollows);
          top.locator = afterSemicolon(top.locator, keyFollows);
        }
        break;
      }
      case 0x40: {
        // @
        if (wordCharBefore(text, i)) break;
        const parsed = parsePandocKey(text, i);
        if (parsed === undefined) break;
        const start = text[i - 1] === '-' && !wordCharBefore(text, i - 1) ? i - 1 : i;
        // A literal, not a spread: tokens are mutated later, and spread objects are slow to update.
        const { key, keyStart, keyEnd, end } = parsed;
        const token: PandocToken = { key, keyStart, keyEnd, start, end, at: i, clusterStart: start, clusterEnd: end, grouped: false, dropped: false };
        if (isExampleLabel(text, token)) {
          token.dropped = true;
          exampleLabels.add(token.key);
        }
        tokens.push(token);
        const top = stack[stack.length - 1];
        if (top !== undefined) {
          top.tokens.push(token);
          top.normal = afterKey(top.normal);
          top.locator = afterKey(top.locator);
        }
        lastKeyStart = keyStart;
        lastKeyEnd = keyEnd;
        re.lastIndex = parsed.end;
        break;
      }
      case 0x5c: // \ and the character it escapes
        break;
      default: // a blank line ends the paragraph and every bracket open in it
        abandon(i);
    }
  }
  abandon(text.length);

  // An in-text @key takes the brackets that follow it: "@a [p. 3]", "@a [-@b]" (textualCite).
  const pairByOpen = new Map<number, BracketPair>();
  for (const p of pairs) if (p.closed && (p.cluster || p.locator)) pairByOpen.set(p.open, p);
  for (const t of tokens) {
    if (t.grouped || t.dropped) continue;
    if (exampleLabels.has(t.key)) {
      t.dropped = true;
      continue;
    }
    const next = afterSpaceAndNewline(text, t.end);
    const p = next === -1 ? undefined : pairByOpen.get(next);
    if (p === undefined) continue;
    t.clusterEnd = p.close + 1;
    for (const u of p.tokens) {
      u.clusterStart = t.start;
      u.clusterEnd = p.close + 1;
      u.grouped = true;
    }
  }
  return { tokens, pairs, excluded };
}

/** `(@good)` at the start of a line: the label of a Pandoc example list item. */
function isExampleLabel(text: string, t: PandocToken): boolean {
  if (t.start !== t.at || text[t.at - 1] !== '(' || text[t.end] !== ')') return false;
  for (let i = t.at - 2; i >= 0 && text[i] !== '\n'; i--) if (text[i] !== ' ' && text[i] !== '\t') return false;
  return true;
}

function isKeyCharAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdfff) return true;
  return WORD_CHAR.test(text[i]) || KEY_PUNCTUATION.includes(text[i]);
}

/** Characters after which an `@` starts a citation being typed. */
function opensPandocCitation(text: string, i: number): boolean {
  if (i < 0) return true;
  const c = text[i];
  return c === '[' || c === ';' || c === '(' || /\s/.test(c);
}

/** The pair that most closely contains `offset` and passes `test`, innermost first. */
function innermostPair(pairs: readonly BracketPair[], inside: (p: BracketPair) => boolean): BracketPair | undefined {
  let best: BracketPair | undefined;
  for (const p of pairs) if (inside(p) && (best === undefined || p.open > best.open)) best = p;
  return best;
}

/** The in-text key whose citation the bracket pair continues ("@a [p. 3]"), if any. */
function inTextKeyBefore(text: string, tokens: readonly PandocToken[], pair: BracketPair): PandocToken | undefined {
  for (const t of tokens) {
    if (t.end > pair.open) break;
    if (t.clusterStart === t.start && afterSpaceAndNewline(text, t.end) === pair.open) return t;
  }
  return undefined;
}

function uniqueKeys(tokens: Iterable<{ key: string }>): string[] {
  return [...new Set([...tokens].map((t) => t.key))];
}

function pandocContextAt(text: string, offset: number): CitationContext | undefined {
  let at: number;
  let keyStart: number;
  let keyEnd: number;
  let j = offset;
  while (j > 0 && isKeyCharAt(text, j - 1)) j--;
  if (text[j - 1] === '@') {
    at = j - 1;
    keyStart = j;
    // "@." or "@-" starts no key.
    if (keyStart < offset && KEY_PUNCTUATION.includes(text[keyStart])) return undefined;
    BARE_KEY.lastIndex = keyStart;
    const m = BARE_KEY.exec(text);
    keyEnd = m !== null && keyStart + m[0].length > offset ? keyStart + m[0].length : offset;
  } else {
    // Braced: "@{weird ke|" on one line, without a closing brace before the cursor.
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    at = offset < 2 ? -1 : text.lastIndexOf('@{', offset - 2);
    if (at < lineStart || text.slice(at + 2, offset).includes('}')) return undefined;
    keyStart = at + 2;
    keyEnd = offset;
    while (keyEnd < text.length && !'}\n\r'.includes(text[keyEnd])) keyEnd++;
  }
  const before = at - 1;
  const starts = text[before] === '-' ? opensPandocCitation(text, before - 1) : opensPandocCitation(text, before);
  if (!starts) return undefined;
  const prefix = text.slice(keyStart, offset);
  if (isQuartoCrossReference(prefix)) return undefined;

  const analysis = analysePandoc(text);
  if (rangeIndexAt(analysis.excluded, at) !== -1) return undefined;
  const pair = innermostPair(analysis.pairs, (p) => p.open < at && at < p.close && !p.note);
  let others: PandocToken[] = [];
  if (pair !== undefined) {
    others = pair.tokens.filter((t) => t.at !== at && (pair.closed || t.at < offset));
    const lead = inTextKeyBefore(text, analysis.tokens, pair);
    if (lead !== undefined) others.unshift(lead);
  }
  const keysInCluster = uniqueKeys(others.filter((t) => !t.dropped && !isQuartoCrossReference(t.key)));
  return { syntax: 'pandoc', prefix, replaceStart: keyStart, replaceEnd: keyEnd, keysInCluster };
}

/** The next separator at or after `from` before `close`, skipping nested brackets and braces; else `close`. */
function itemEnd(text: string, from: number, close: number, separator: string): number {
  let depth = 0;
  for (let i = from; i < close; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '[' || c === '{') depth++;
    else if ((c === ']' || c === '}') && depth > 0) depth--;
    else if (c === separator && depth === 0) return i;
  }
  return close;
}

/** Moves `i` back over whitespace, not before `floor`. */
function trimBack(text: string, i: number, floor: number): number {
  while (i > floor && /\s/.test(text[i - 1])) i--;
  return i;
}

function addToPandocClusterAt(text: string, offset: number, keys: readonly string[]): ClusterInsertion | undefined {
  const analysis = analysePandoc(text);
  const candidates = analysis.pairs.filter((p) => p.closed && !p.note && p.open < offset && offset <= p.close);
  candidates.sort((a, b) => b.open - a.open);
  for (const pair of candidates) {
    const lead = inTextKeyBefore(text, analysis.tokens, pair);
    const cited = pair.tokens.filter((t) => !t.dropped && !isQuartoCrossReference(t.key));
    if (cited.length === 0 && lead === undefined) continue;
    const present = new Set(uniqueKeys(lead === undefined ? cited : [lead, ...cited]));
    const toAdd = [...new Set(keys)].filter((k) => !present.has(k));
    if (toAdd.length === 0) return { offset, text: '' };
    const written = pandocCitation(toAdd).slice(1, -1);
    return pandocInsertion(text, offset, pair, written);
  }
  return undefined;
}

function pandocInsertion(text: string, offset: number, pair: BracketPair, written: string): ClusterInsertion {
  const before = text.slice(pair.open + 1, offset);
  const after = text.slice(offset, pair.close);
  // Right after an "@" or "-@" being typed: the first key completes it.
  const bareAt = /(?:^|[\s;[(])-?@$/.test(text.slice(Math.max(pair.open, offset - 3), offset));
  if (bareAt && !pair.tokens.some((t) => t.at === offset - 1)) {
    return { offset, text: written.slice(1) };
  }
  const trimmedBefore = before.trimEnd();
  if (trimmedBefore === '' || trimmedBefore.endsWith(';')) {
    const lead = trimmedBefore !== '' && before === trimmedBefore ? ' ' : '';
    const trail = after.trim() === '' ? '' : /^\s/.test(after) ? ';' : '; ';
    return { offset, text: lead + written + trail };
  }
  // Inside or after an item: the new keys follow the item.
  const inKey = pair.tokens.find((t) => t.start < offset && offset < t.end);
  const end = trimBack(text, itemEnd(text, inKey?.end ?? offset, pair.close, ';'), offset);
  return { offset: end, text: `; ${written}` };
}

// ---------------------------------------------------------------------------------------------
// LaTeX

/** natbib, biblatex and apacite commands that take one list of keys. */
const LATEX_CITE_COMMANDS = new Set([
  'cite', 'Cite', 'citep', 'Citep', 'citet', 'Citet', 'citealp', 'Citealp', 'citealt', 'Citealt',
  'citeauthor', 'Citeauthor', 'citeyear', 'citeyearpar', 'citenum', 'citetitle', 'Citetitle', 'citedate', 'citeurl',
  'parencite', 'Parencite', 'textcite', 'Textcite', 'autocite', 'Autocite', 'footcite', 'Footcite', 'footcitetext',
  'smartcite', 'Smartcite', 'supercite', 'fullcite', 'footfullcite', 'nocite', 'citeA', 'citeNP', 'shortcite',
]);
/** biblatex multicite commands: `\cites(pre)(post)[p][s]{a}[p]{b}`. */
const LATEX_MULTICITE_COMMANDS = new Set([
  'cites', 'Cites', 'parencites', 'Parencites', 'footcites', 'footcitetexts', 'smartcites', 'Smartcites',
  'textcites', 'Textcites', 'supercites', 'autocites', 'Autocites',
]);
/** Environments whose content LaTeX does not read as commands. */
const LATEX_VERBATIM_ENVIRONMENTS = new Set([
  'verbatim', 'verbatim*', 'Verbatim', 'Verbatim*', 'BVerbatim', 'LVerbatim', 'lstlisting', 'minted', 'comment',
  'filecontents', 'filecontents*',
]);

const LATEX_MARKUP = /%|\\(?:([A-Za-z]+)|[\s\S])/g;
const LATEX_ENVIRONMENT_NAME = /[ \t]*\{([^{}\s]+)\}/y;

/**
 * Calls `visit` for each LaTeX command outside comments, `\verb` and verbatim environments, with
 * its name, the offset of its backslash and the offset after its name. `visit` may return the
 * offset to go on from (after the command's arguments), or `text.length` to stop.
 */
export function visitLatexCommands(text: string, visit: (name: string, start: number, afterName: number) => number | void): void {
  const re = new RegExp(LATEX_MARKUP.source, 'g');
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0] === '%') {
      const eol = text.indexOf('\n', m.index);
      if (eol === -1) return;
      re.lastIndex = eol + 1;
      continue;
    }
    const name = m[1];
    if (name === undefined) continue;
    const after = re.lastIndex;
    if (name === 'verb') {
      const d = text[after] === '*' ? after + 1 : after;
      const delimiter = text[d];
      if (delimiter !== undefined && !/[A-Za-z\s]/.test(delimiter)) {
        const end = text.indexOf(delimiter, d + 1);
        const eol = text.indexOf('\n', d + 1);
        if (end !== -1 && (eol === -1 || end < eol)) re.lastIndex = end + 1;
      }
      continue;
    }
    if (name === 'begin') {
      LATEX_ENVIRONMENT_NAME.lastIndex = after;
      const env = LATEX_ENVIRONMENT_NAME.exec(text);
      if (env !== null && LATEX_VERBATIM_ENVIRONMENTS.has(env[1])) {
        const end = text.indexOf(`\\end{${env[1]}}`, LATEX_ENVIRONMENT_NAME.lastIndex);
        if (end === -1) return;
        re.lastIndex = end + env[1].length + 6;
      }
      continue;
    }
    const resume = visit(name, m.index, after);
    if (typeof resume === 'number' && resume > re.lastIndex) re.lastIndex = resume;
  }
}

interface LatexKey {
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

interface LatexKeyGroup {
  readonly open: number;
  /** The `}`, or where an unclosed list stops (a blank line, `{`, `\` or the end). */
  readonly close: number;
  readonly closed: boolean;
  readonly keys: LatexKey[];
}

interface LatexCitation {
  readonly start: number;
  readonly end: number;
  readonly groups: LatexKeyGroup[];
}

/** After spaces, line breaks and comments, but not past a blank line (a paragraph break). */
function skipLatexSpace(text: string, i: number): number {
  let newlines = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      if (++newlines > 1) return i;
    } else if (c === '%') {
      // A comment eats its line break: it never makes a blank line.
      const eol = text.indexOf('\n', i);
      if (eol === -1) return text.length;
      i = eol + 1;
      continue;
    } else if (c !== ' ' && c !== '\t' && c !== '\r') {
      return i;
    }
    i++;
  }
  return i;
}

/** The closing delimiter of an optional argument `[...]` or `(...)`, braces balanced; -1 if none. */
function closingDelimiter(text: string, open: number, closer: string): number {
  let depth = 0;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === closer && depth <= 0) return i;
    else if (c === '%') {
      i = text.indexOf('\n', i);
      if (i === -1) return -1;
    } else if (c === '\n' && /^[ \t\r]*\n/.test(text.slice(i + 1, i + 64))) return -1;
  }
  return -1;
}

/** The comma-separated keys of `{a, b,\n c}`; unclosed lists only when `lenient`. */
function parseKeyGroup(text: string, open: number, lenient: boolean): LatexKeyGroup | undefined {
  const keys: LatexKey[] = [];
  let segStart = -1;
  let segEnd = -1;
  const flush = () => {
    if (segStart !== -1) {
      const key = text.slice(segStart, segEnd);
      // "*" is \nocite{*}; "#1" a macro parameter in a definition.
      if (key !== '*' && key[0] !== '#') keys.push({ key, start: segStart, end: segEnd });
    }
    segStart = -1;
  };
  let i = open + 1;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '}') {
      flush();
      return { open, close: i, closed: true, keys };
    }
    if (c === ',') {
      flush();
    } else if (c === '%') {
      const eol = text.indexOf('\n', i);
      i = eol === -1 ? text.length : eol - 1;
    } else if (c === '\n') {
      if (/^[ \t\r]*\n/.test(text.slice(i + 1, i + 64))) break;
    } else if (c === '{' || c === '\\') {
      break;
    } else if (c !== ' ' && c !== '\t' && c !== '\r') {
      if (segStart === -1) segStart = i;
      segEnd = i + 1;
    }
  }
  if (!lenient) return undefined;
  flush();
  return { open, close: Math.min(i, text.length), closed: false, keys };
}

/** A citation command's arguments from `after` (just after its name). */
function parseLatexCitation(text: string, start: number, name: string, after: number, lenient: boolean): LatexCitation | undefined {
  const multi = LATEX_MULTICITE_COMMANDS.has(name);
  if (!multi && !LATEX_CITE_COMMANDS.has(name)) return undefined;
  let pos = text[after] === '*' ? after + 1 : after;
  if (multi) {
    for (let n = 0; n < 2; n++) {
      const q = skipLatexSpace(text, pos);
      if (text[q] !== '(') break;
      const c = closingDelimiter(text, q, ')');
      if (c === -1) return undefined;
      pos = c + 1;
    }
  }
  const groups: LatexKeyGroup[] = [];
  for (;;) {
    let q = skipLatexSpace(text, pos);
    for (let n = 0; n < 2 && text[q] === '['; n++) {
      const c = closingDelimiter(text, q, ']');
      if (c === -1) break;
      q = skipLatexSpace(text, c + 1);
    }
    if (text[q] !== '{') break;
    const group = parseKeyGroup(text, q, lenient);
    if (group === undefined) break;
    groups.push(group);
    pos = group.closed ? group.close + 1 : group.close;
    if (!multi || !group.closed) break;
  }
  if (groups.length === 0) return undefined;
  return { start, end: pos, groups };
}

function visitLatexCitations(text: string, lenient: boolean, onCitation: (c: LatexCitation) => boolean | void): void {
  visitLatexCommands(text, (name, start, after) => {
    const c = parseLatexCitation(text, start, name, after, lenient);
    if (c === undefined) return undefined;
    return onCitation(c) === true ? text.length : c.end;
  });
}

/** The citation command and key list the cursor is in (unclosed lists too, when typing). */
function latexGroupAt(text: string, offset: number, lenient: boolean): { citation: LatexCitation; group: LatexKeyGroup } | undefined {
  let found: { citation: LatexCitation; group: LatexKeyGroup } | undefined;
  visitLatexCitations(text, lenient, (c) => {
    if (c.start >= offset) return true;
    const group = c.groups.find((g) => g.open < offset && offset <= g.close);
    if (group === undefined) return false;
    found = { citation: c, group };
    return true;
  });
  return found;
}

const LATEX_KEY_STOP = /[\s,{}%\\]/;

function latexContextAt(text: string, offset: number): CitationContext | undefined {
  const found = latexGroupAt(text, offset, true);
  if (found === undefined) return undefined;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (text.slice(Math.max(lineStart, found.group.open + 1), offset).includes('%')) return undefined;
  let replaceStart = offset;
  while (replaceStart > found.group.open + 1 && !LATEX_KEY_STOP.test(text[replaceStart - 1])) replaceStart--;
  let replaceEnd = offset;
  while (replaceEnd < found.group.close && !LATEX_KEY_STOP.test(text[replaceEnd])) replaceEnd++;
  const others = found.citation.groups.flatMap((g) => g.keys).filter((k) => k.start !== replaceStart);
  return { syntax: 'latex', prefix: text.slice(replaceStart, offset), replaceStart, replaceEnd, keysInCluster: uniqueKeys(others) };
}

function addToLatexClusterAt(text: string, offset: number, keys: readonly string[]): ClusterInsertion | undefined {
  const found = latexGroupAt(text, offset, false);
  if (found === undefined) return undefined;
  const { citation, group } = found;
  const present = new Set(citation.groups.flatMap((g) => g.keys.map((k) => k.key)));
  const toAdd = [...new Set(keys)].filter((k) => !present.has(k));
  if (toAdd.length === 0) return { offset, text: '' };
  const written = toAdd.join(',');
  const trimmedBefore = text.slice(group.open + 1, offset).trimEnd();
  const after = text.slice(offset, group.close);
  if (trimmedBefore === '' || trimmedBefore.endsWith(',')) {
    const trail = after.trim() === '' || after.trimStart().startsWith(',') ? '' : ',';
    return { offset, text: written + trail };
  }
  const inKey = group.keys.find((k) => k.start < offset && offset < k.end);
  const end = trimBack(text, itemEnd(text, inKey?.end ?? offset, group.close, ','), offset);
  return { offset: end, text: `,${written}` };
}
