/**
 * BibTeX and BibLaTeX through @retorquere/bibtex-parser (Better BibTeX's parser), with positions
 * and readable problems added.
 *
 * The parser reads the whole file in one pass and recovers from a broken entry by resuming at the
 * next "@" after the entry's start, so the entries after it still load. It returns no positions:
 * each entry carries its exact source text (`input`), which is found again in the file in order.
 * One case its recovery cannot see: a broken entry whose braces happen to close further down, so
 * that it swallows the entries after it without an error. An entry that spans a line starting a
 * new entry is therefore re-read piece by piece, cut at those lines.
 */
import { parse, type Entry, type Options } from '@retorquere/bibtex-parser';
import type { BibliographyProblem } from './parseBibliography';
import { bibtexEntryToCsl } from './bibtexToCsl';
import { quoted, SourceText, type FormatResult, type FoundEntry } from './sourceText';

/** The head of an entry: "@type{" or "@type(", then the key. */
const ENTRY_HEAD = /^@\s*([A-Za-z][\w-]*)?\s*([{(])?\s*([^\s,={}()"#%'~\\]*)/;
/** A line that starts an entry (or a directive). */
const LINE_START_ENTRY = /^[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]/gm;
/** "… at line 3, column 5 in "article"", the end of every ParsingError message. */
const PARSER_LOCATION = /^([\s\S]*) at line (\d+), column (\d+)(?: in "(?:[^"\\]|\\.)*")?$/;

interface UnknownCommand {
  readonly entry: Entry;
  readonly tex: string;
}

interface Sink {
  readonly entries: FoundEntry[];
  readonly problems: BibliographyProblem[];
}

export function readBibtex(source: SourceText): FormatResult {
  const sink: Sink = { entries: [], problems: [] };
  const lineStarts = lineStartEntries(source.text);
  readPart(source, 0, source.text.length, lineStarts, sink, undefined);
  sink.entries.sort((a, b) => a.offset - b.offset);
  return sink;
}

function parserOptions(unknown: UnknownCommand[], strings: Record<string, string> | undefined): Options {
  return {
    // No sentence-casing (titles stay exactly as written); it is also the parser's priciest option.
    english: false,
    sentenceCase: false,
    applyCrossRef: true,
    // The default records an error per unknown command; a handler keeps every entry and says where.
    unsupported: (node, tex, entry) => {
      if (entry) unknown.push({ entry, tex });
      return node.type === 'macro' ? '' : tex;
    },
    ...(strings ? { strings } : {}),
  };
}

/** Offsets of the "@" of every line that starts an entry. */
function lineStartEntries(text: string): number[] {
  const offsets: number[] = [];
  for (const m of text.matchAll(LINE_START_ENTRY)) offsets.push(m.index + m[0].indexOf('@'));
  return offsets;
}

/**
 * Parses text[from, to) and adds its entries and problems, with offsets in the whole file. A piece
 * re-read after a swallowing entry gets the file's `strings` and is not split again.
 */
function readPart(
  source: SourceText,
  from: number,
  to: number,
  lineStarts: readonly number[],
  sink: Sink,
  strings: Record<string, string> | undefined,
): void {
  const text = source.text;
  const part = from === 0 && to === text.length ? text : text.slice(from, to);
  const local = part === text ? source : new SourceText(part);
  const unknown: UnknownCommand[] = [];
  const library = parse(part, parserOptions(unknown, strings));

  // Entries, found again in order: `input` is the exact text from "@" to the closing brace.
  const offsets = new Map<Entry, number>();
  const offsetOfKey = new Map<string, number>();
  const isPiece = strings !== undefined;
  let cursor = 0;
  let next = 0;
  for (const entry of library.entries) {
    if (!entry.input) continue; // read halfway before a syntax error, which is reported below
    const at = part.indexOf(entry.input, cursor);
    if (at < 0) continue;
    cursor = at + entry.input.length;
    const start = from + at;
    const end = start + entry.input.length;
    while (next < lineStarts.length && lineStarts[next] <= start) next++;
    if (!isPiece && next < lineStarts.length && lineStarts[next] < end && resplit(source, start, end, lineStarts, next, library.strings, sink)) continue;
    offsets.set(entry, start);
    if (!offsetOfKey.has(entry.key)) offsetOfKey.set(entry.key, start);
    addEntry(source, entry, start, sink);
  }

  const reported = new Set<number>();
  let syntaxCursor = 0;
  let entryCursor = 0;
  for (const error of library.errors) {
    const located = PARSER_LOCATION.exec(error.error);
    const input = error.input ?? '';
    if (located && input.startsWith('@')) {
      const at = part.indexOf(input, syntaxCursor);
      if (at < 0) continue;
      syntaxCursor = at + input.length;
      const failure = from + local.offsetAt(Number(located[2]) - 1, Number(located[3]) - 1);
      const problem = syntaxProblem(source, located[1], input, from + at, failure, to === text.length, lineStarts, reported);
      if (problem) sink.problems.push(problem);
    } else if (input.startsWith('@') && error.error.endsWith(`\n${input}`)) {
      const at = part.indexOf(input, entryCursor);
      if (at < 0) continue;
      entryCursor = at + input.length;
      const reason = error.error.slice(0, error.error.length - input.length - 1).split('\n')[0];
      sink.problems.push(source.problem('bib-syntax', 'error', `${entryLabel(input)} could not be read: ${reason}`, from + at));
    } else {
      const problem = otherProblem(source, error.error, from, part, offsetOfKey);
      if (problem) sink.problems.push(problem);
    }
  }

  const seen = new Set<string>();
  for (const { entry, tex } of unknown) {
    const start = offsets.get(entry);
    if (start === undefined || seen.has(`${start}\n${tex}`)) continue;
    seen.add(`${start}\n${tex}`);
    const within = entry.input.indexOf(tex);
    const at = start + Math.max(0, within);
    sink.problems.push(
      source.problem('bib-unsupported', 'warning', `Entry "${entry.key}" uses the unknown LaTeX command ${quoted(tex)}; it was left out of the text`, at, within < 0 ? at : at + tex.length),
    );
  }
}

function addEntry(source: SourceText, entry: Entry, start: number, sink: Sink): void {
  const head = ENTRY_HEAD.exec(entry.input);
  if (!entry.key) {
    sink.problems.push(source.problem('bib-missing-key', 'error', `${entryLabel(entry.input)} has no citation key: write one after "@${entry.type}{"`, start));
    return;
  }
  let keyOffset = start;
  if (head && head[3] && entry.key.startsWith(head[3])) {
    keyOffset = start + head[0].length - head[3].length;
    const after = entry.input.slice(head[0].length - head[3].length + entry.key.length).trimStart();
    if (after && after[0] !== ',' && after[0] !== (head[2] === '(' ? ')' : '}')) {
      sink.problems.push(source.problem('bib-syntax', 'warning', `Entry "${entry.key}": missing "," after the key`, keyOffset + entry.key.length));
    }
  }
  sink.entries.push({ key: entry.key, item: bibtexEntryToCsl(entry, entry.key), offset: start, keyOffset });
}

/**
 * The entry at [start, end) spans lines that start entries. When the entry does not parse without
 * them and they parse as entries of their own, it swallowed them: report it and load them.
 */
function resplit(
  source: SourceText,
  start: number,
  end: number,
  lineStarts: readonly number[],
  firstInside: number,
  strings: Record<string, string>,
  sink: Sink,
): boolean {
  const cuts = [start];
  for (let i = firstInside; i < lineStarts.length && lineStarts[i] < end; i++) cuts.push(lineStarts[i]);
  cuts.push(end);
  const head = parse(source.text.slice(cuts[0], cuts[1]), parserOptions([], strings));
  if (head.errors.length === 0 && head.entries.length > 0) return false;
  // Each swallowed piece must be a whole entry; the last may be cut short where the braces closed.
  for (let i = 1; i < cuts.length - 1; i++) {
    const piece = parse(source.text.slice(cuts[i], cuts[i + 1]), parserOptions([], strings));
    const whole = piece.errors.length === 0 && piece.entries.length === 1 && piece.entries[0].key !== '' && Object.keys(piece.entries[0].fields).length > 0;
    if (!whole && (i < cuts.length - 2 || i === 1)) return false;
  }
  const pieces: Sink = { entries: [], problems: [] };
  for (let i = 0; i < cuts.length - 1; i++) readPart(source, cuts[i], cuts[i + 1], lineStarts, pieces, strings);
  sink.entries.push(...pieces.entries);
  sink.problems.push(...pieces.problems);
  return true;
}

/** "Entry "smith2020"", or "This @article entry" when the key is missing. */
function entryLabel(input: string): string {
  const head = ENTRY_HEAD.exec(input);
  if (head?.[3]) return `Entry "${head[3]}"`;
  return head?.[1] ? `This @${head[1]} entry` : 'This entry';
}

/** A readable problem for one of the parser's syntax errors, or undefined for fallout of one already reported. */
function syntaxProblem(
  source: SourceText,
  raw: string,
  input: string,
  start: number,
  failure: number,
  endsFile: boolean,
  lineStarts: readonly number[],
  reported: Set<number>,
): BibliographyProblem | undefined {
  const text = source.text;
  const atLineStart = /(^|\n)[ \t]*$/.test(text.slice(Math.max(0, start - 200), start));
  // The line-start entry this error belongs to: errors from "@"s inside an entry already reported are fallout.
  const chunk = atLineStart ? start : lineStarts[upperBound(lineStarts, start) - 1] ?? -1;
  if (!atLineStart && reported.has(chunk)) return undefined;
  reported.add(chunk);

  const label = entryLabel(input);
  const head = ENTRY_HEAD.exec(input);
  const close = head?.[2] === '(' ? ')' : '}';
  let m: RegExpExecArray | null;
  if ((m = /^Token mismatch, expected "[})]", found ("(?:[^"\\]|\\.)*")\.\.\.$/.exec(raw))) {
    const found = JSON.parse(m[1]) as string;
    if (found === '' || found.startsWith('@')) {
      const before = found === '' && endsFile ? 'the end of the file' : 'the next entry';
      return source.problem('bib-syntax', 'error', `${label} is not closed: missing "${close}" before ${before}`, start);
    }
    const field = /^([A-Za-z][\w:.+-]*)\s*=/.exec(found);
    if (field) return source.problem('bib-syntax', 'error', `${label}: missing "," before the field "${field[1]}"`, failure);
    return source.problem('bib-syntax', 'error', `${label}: expected "," or "${close}" but found ${quoted(found, 20)}`, failure);
  }
  if (/^Token mismatch, expected '\{' or '\('/.test(raw)) {
    const directive = /^@\s*[^\s{(]*/.exec(input)?.[0] ?? '@';
    return source.problem('bib-syntax', atLineStart ? 'error' : 'warning', `${quoted(directive)} is not followed by "{": it is not read as an entry`, start);
  }
  if ((m = /^(.*) = value expected, equals sign missing/s.exec(raw))) {
    return source.problem('bib-syntax', 'error', `${label}: expected "=" after ${quoted(m[1])} (or a "," is missing before it)`, failure);
  }
  if ((m = /^Unterminated (brace|quote)-value ("(?:[^"\\]|\\.)*")$/.exec(raw))) {
    const delimiter = m[1] === 'brace' ? '{' : '"';
    const within = input.indexOf(delimiter + (JSON.parse(m[2]) as string));
    const at = within < 0 ? start : start + within;
    const value = within < 0 ? delimiter + (JSON.parse(m[2]) as string) : input.slice(within, within + 40);
    return source.problem('bib-syntax', 'error', `${label}: the value starting ${quoted(value, 24)} is never closed (missing "${m[1] === 'brace' ? '}' : '"'}")`, at);
  }
  if (/^Unclosed math section/.test(raw)) return source.problem('bib-syntax', 'error', `${label}: a "$" math section is not closed`, start);
  if (/^Runaway key/.test(raw)) return source.problem('bib-syntax', 'error', `${label} is not closed: missing "${close}" before the end of the file`, start);
  return source.problem('bib-syntax', 'error', `${label}: ${raw}`, start);
}

/** Problems the parser reports without source text: unknown @string names, names with too many parts. */
function otherProblem(source: SourceText, message: string, from: number, part: string, offsetOfKey: ReadonlyMap<string, number>): BibliographyProblem | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^Unresolved @string reference "(.*)"$/.exec(message))) {
    const name = m[1];
    const use = new RegExp(`[=#]\\s*(${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})(?![\\w:.+-])`, 'i').exec(part);
    const at = from + (use ? use.index + use[0].length - name.length : 0);
    return source.problem('bib-syntax', 'warning', `Unknown @string ${quoted(name)}: it is used as the text ${quoted(name)}`, at, at + name.length);
  }
  if ((m = /^@(.*?): (unexpected \d+-part name [\s\S]*)$/.exec(message))) {
    const at = offsetOfKey.get(m[1]);
    if (at === undefined) return undefined;
    return source.problem('bib-invalid-entry', 'warning', `Entry "${m[1]}": ${m[2]}`, at);
  }
  return source.problem('bib-syntax', 'warning', message.split('\n')[0], from);
}

/** Index of the first value greater than `x` in a sorted array. */
function upperBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
