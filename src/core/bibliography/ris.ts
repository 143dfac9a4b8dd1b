/**
 * RIS: the file is cut into records ("TY  -" to "ER  -"), each placed, checked and mapped to
 * CSL-JSON on its own with the tables in risToCsl.ts.
 *
 * @citation-js/plugin-ris is not used: it needs @citation-js/core, whose ES-module build imports
 * node-fetch 3 (node:http, node:zlib, ...) at the top level, so src/core would no longer bundle
 * for the browser (vscode.dev) without a build-time alias.
 */
import type { BibliographyProblem } from './parseBibliography';
import { risRecordToCsl, type RisTags } from './risToCsl';
import { quoted, type FormatResult, type FoundEntry, type SourceText } from './sourceText';

/** A tag line, once trimmed: "AU  - Smith, J". */
const TAG_LINE = /^([A-Z][A-Z0-9]) {2}-(?: (.*))?$/;
/** A line that was meant as a tag line but is not one: "AU - Smith", "au  - x". */
const MALFORMED_TAG_LINE = /^[A-Za-z][A-Za-z0-9]\s*-(?:\s|$)/;

interface RisRecord {
  /** Offset of the "TY" line. */
  readonly offset: number;
  /** Values of each tag, in order; a wrapped line continues the value before it. */
  readonly tags: Map<string, string[]>;
  lastTag: string;
  id?: { value: string; offset: number };
}

export function readRis(source: SourceText): FormatResult {
  const text = source.text;
  const problems: BibliographyProblem[] = [];
  const records: RisRecord[] = [];
  let record: RisRecord | undefined;
  /** A run of non-blank lines outside any record, reported once. */
  let stray: { start: number; end: number; tagged: boolean } | undefined;
  const flushStray = () => {
    if (!stray) return;
    const message = stray.tagged
      ? 'This record has no "TY  -" (type) line; it is ignored'
      : 'Text outside a record ("TY  -" to "ER  -") is ignored';
    problems.push(source.problem(stray.tagged ? 'bib-invalid-entry' : 'bib-syntax', stray.tagged ? 'error' : 'warning', message, stray.start, stray.end));
    stray = undefined;
  };

  for (const { line, offset: lineOffset } of trimmedLines(text)) {
    if (!line) {
      flushStray();
      continue;
    }
    const tag = TAG_LINE.exec(line);
    if (tag?.[1] === 'TY') {
      flushStray();
      if (record) problems.push(unclosed(source, record, 'the next "TY  -"'));
      record = { offset: lineOffset, tags: new Map([['TY', [tag[2]?.trim() ?? '']]]), lastTag: 'TY' };
      records.push(record);
    } else if (tag?.[1] === 'ER') {
      if (record) record = undefined;
      else if (stray) flushStray();
      else problems.push(source.problem('bib-syntax', 'warning', '"ER  -" without a record to end', lineOffset));
    } else if (!record) {
      stray ??= { start: lineOffset, end: lineOffset, tagged: false };
      stray.tagged ||= tag !== null || MALFORMED_TAG_LINE.test(line);
      stray.end = lineOffset + line.length;
    } else if (tag) {
      const value = tag[2]?.trim() ?? '';
      const values = record.tags.get(tag[1]) ?? [];
      values.push(value);
      record.tags.set(tag[1], values);
      record.lastTag = tag[1];
      if (tag[1] === 'ID' && value && !record.id) record.id = { value, offset: lineOffset + line.indexOf(value, 5) };
    } else if (MALFORMED_TAG_LINE.test(line)) {
      problems.push(source.problem('bib-syntax', 'warning', `Not a RIS tag line (two capitals, two spaces, "-", a space): ${quoted(line, 30)}; it is ignored`, lineOffset));
    } else {
      // A long value wrapped onto the next line.
      const values = record.tags.get(record.lastTag)!;
      values[values.length - 1] = `${values[values.length - 1]} ${line}`.trim();
    }
  }
  flushStray();
  if (record) problems.push(unclosed(source, record, 'the end of the file'));

  const explicitKeys = new Set(records.flatMap((r) => (r.id ? [r.id.value] : [])));
  const generated = new Set<string>();
  const entries: FoundEntry[] = [];
  for (const r of records) {
    const item = risRecordToCsl(r.tags as RisTags);
    const key = r.id?.value ?? uniqueKey(generatedKeyBase(item), explicitKeys, generated);
    entries.push({ key, item: { ...item, id: key }, offset: r.offset, keyOffset: r.id?.offset ?? r.offset });
  }
  return { entries, problems };
}

/** Each line of the text, trimmed, with the offset of its first non-blank character. */
function* trimmedLines(text: string): Generator<{ line: string; offset: number }> {
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end);
    yield { line: raw.trim(), offset: start + raw.length - raw.trimStart().length };
    start = end + 1;
  }
}

function unclosed(source: SourceText, record: RisRecord, before: string): BibliographyProblem {
  const name = record.id ? `Record "${record.id.value}"` : 'This record';
  return source.problem('bib-syntax', 'warning', `${name} is not closed: missing "ER  -" before ${before}`, record.offset);
}

/** First author's family name, in lower-case ASCII, and the year: "assaraf2023". */
function generatedKeyBase(item: Readonly<Record<string, unknown>>): string {
  const names = (item.author ?? item.editor) as Array<{ family?: string; literal?: string }> | undefined;
  const name = names?.[0]?.family ?? names?.[0]?.literal ?? 'anon';
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  const year = (item.issued as { 'date-parts'?: unknown[][] } | undefined)?.['date-parts']?.[0]?.[0];
  return `${ascii || 'anon'}${typeof year === 'number' || typeof year === 'string' ? year : ''}`;
}

/** `base`, or `base` + a, b, … z, aa, ab, … when taken. */
function uniqueKey(base: string, explicit: ReadonlySet<string>, generated: Set<string>): string {
  let key = base;
  for (let n = 0; explicit.has(key) || generated.has(key); n++) key = base + suffix(n);
  generated.add(key);
  return key;
}

function suffix(n: number): string {
  return n < 26 ? String.fromCharCode(97 + n) : suffix(Math.floor(n / 26) - 1) + String.fromCharCode(97 + (n % 26));
}
