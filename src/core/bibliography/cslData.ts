/**
 * CSL-JSON (an array, or an object with an "items" array) and CSL-YAML (a list, or Pandoc's
 * `references:` form). A syntax error loads nothing from the file: unlike BibTeX, the structure
 * around the error cannot be trusted. Items are found again in the text by their id.
 */
import { loadAll, YAMLException } from 'js-yaml';
import type { CslItem } from '../model';
import { dateParts } from './bibtexToCsl';
import type { BibliographyProblem } from './parseBibliography';
import { quoted, type FormatResult, type FoundEntry, type SourceText } from './sourceText';

/** CSL date variables; YAML and hand-written JSON often give them as "2021-03-15" strings. */
const DATE_VARIABLES = ['issued', 'accessed', 'event-date', 'original-date', 'submitted', 'available-date'];

type Dialect = 'json' | 'yaml';

export function readCslJson(source: SourceText): FormatResult {
  const text = source.text;
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!text.trim()) return { entries: [], problems: [] };
  let data: unknown;
  try {
    data = JSON.parse(bom ? text.slice(1) : text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = jsonErrorOffset(message, text.slice(bom));
    return {
      entries: [],
      problems: [source.problem('bib-invalid-json', 'error', `Invalid JSON: ${jsonReason(message)}. No entry of this file is loaded until it is fixed`, bom + (at ?? 0))],
    };
  }
  const items = Array.isArray(data) ? data : isRecord(data) && Array.isArray(data.items) ? data.items : undefined;
  if (!items) {
    return { entries: [], problems: [source.problem('bib-invalid-json', 'error', 'A CSL-JSON bibliography is an array of items (or an object with an "items" array)', bom)] };
  }
  return readItems(source, items, 'json');
}

export function readCslYaml(source: SourceText): FormatResult {
  let documents: unknown[];
  try {
    documents = loadAll(source.text);
  } catch (error) {
    const mark = error instanceof YAMLException ? error.mark : undefined;
    const reason = error instanceof YAMLException ? error.reason : error instanceof Error ? error.message : String(error);
    const at = mark ? source.offsetAt(mark.line, mark.column) : 0;
    return { entries: [], problems: [source.problem('bib-invalid-yaml', 'error', `Invalid YAML: ${reason}. No entry of this file is loaded until it is fixed`, at)] };
  }
  const data = documents.find((d) => d !== null && d !== undefined);
  if (data === undefined) return { entries: [], problems: [] };
  const items = Array.isArray(data) ? data : isRecord(data) && Array.isArray(data.references) ? data.references : undefined;
  if (!items) {
    return { entries: [], problems: [source.problem('bib-invalid-yaml', 'error', 'A CSL-YAML bibliography is a list of items, or a "references:" list', 0)] };
  }
  return readItems(source, items, 'yaml');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readItems(source: SourceText, items: readonly unknown[], dialect: Dialect): FormatResult {
  const entries: FoundEntry[] = [];
  const problems: BibliographyProblem[] = [];
  let cursor = 0;
  items.forEach((raw, index) => {
    const label = `Item ${index + 1}`;
    if (!isRecord(raw)) {
      problems.push(source.problem('bib-invalid-entry', 'error', `${label} is not an object with CSL fields; it is ignored`, cursor));
      return;
    }
    const id = typeof raw.id === 'string' || typeof raw.id === 'number' ? String(raw.id) : '';
    const located = id ? locate(source.text, 'id', raw.id as string | number, dialect, cursor) : undefined;
    if (!id || !located) {
      // Without an id there is nothing to find it by; the title, if any, is the next best thing.
      const byTitle = typeof raw.title === 'string' ? locate(source.text, 'title', raw.title, dialect, cursor) : undefined;
      const at = byTitle?.property ?? cursor;
      if (!id) {
        const title = typeof raw.title === 'string' ? ` (${quoted(raw.title)})` : '';
        problems.push(source.problem('bib-missing-key', 'error', `${label}${title} has no "id"; it is ignored`, at));
        return;
      }
      entries.push({ key: id, item: normalise(raw, id, source, at, problems), offset: at, keyOffset: at });
      return;
    }
    cursor = located.value;
    entries.push({ key: id, item: normalise(raw, id, source, located.property, problems), offset: located.property, keyOffset: located.value });
  });
  return { entries, problems };
}

/** The item as citeproc-js wants it: a string id, a type, dates as date-parts. */
function normalise(raw: Record<string, unknown>, id: string, source: SourceText, at: number, problems: BibliographyProblem[]): CslItem {
  const item: Record<string, unknown> = { ...raw, id };
  if (typeof item.type !== 'string' || !item.type) {
    problems.push(source.problem('bib-invalid-entry', 'warning', `Item "${id}" has no "type"; it is treated as "document"`, at));
    item.type = 'document';
  }
  for (const variable of DATE_VARIABLES) {
    const value = item[variable];
    if (typeof value === 'string' || typeof value === 'number') {
      const parts = dateParts(String(value));
      item[variable] = parts ? { 'date-parts': [parts] } : { literal: String(value) };
    } else if (Array.isArray(value) && value.every(isRecord)) {
      // pandoc-citeproc's older YAML form: [{year: 2020, month: 3}]
      item[variable] = { 'date-parts': value.map((d) => [d.year, d.month, d.day].filter((p) => p !== undefined && p !== null)) };
    }
  }
  return item as CslItem;
}

/** Where `"name": value` (JSON) or `name: value` (YAML) appears at or after `from`: the property and the value text. */
function locate(text: string, name: string, value: string | number, dialect: Dialect, from: number): { property: number; value: number } | undefined {
  const literals =
    typeof value === 'number'
      ? [String(value)]
      : dialect === 'json'
        ? [JSON.stringify(value), JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)]
        : [JSON.stringify(value), `'${value}'`, value];
  const alternatives = literals.map(escapeRegExp).join('|');
  const pattern =
    dialect === 'json'
      ? new RegExp(`()("${name}"\\s*:\\s*)(${alternatives})`, 'g')
      : new RegExp(`(^|[\\s{,])(${name}[ \\t]*:[ \\t]*)(${alternatives})(?=[ \\t]*(?:[,}#\\r\\n]|$))`, 'gm');
  pattern.lastIndex = from;
  const m = pattern.exec(text);
  if (!m) return undefined;
  const property = m.index + m[1].length;
  const isQuoted = typeof value === 'string' && m[3] !== value;
  return { property, value: property + m[2].length + (isQuoted ? 1 : 0) };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Offset of a JSON.parse error. Engines word it differently: V8 says "at position N" (newer ones
 * add "(line L column C)") or quotes the text around an unexpected token; Firefox says "at line L
 * column C"; an early end of input has no position.
 */
export function jsonErrorOffset(message: string, text: string): number | undefined {
  let m = /line (\d+) column (\d+)/.exec(message);
  if (m) {
    let offset = 0;
    for (let line = 1; line < Number(m[1]); line++) offset = text.indexOf('\n', offset) + 1;
    return offset + Number(m[2]) - 1;
  }
  if ((m = /at position (\d+)/.exec(message))) return Number(m[1]);
  if ((m = /^Unexpected token '([\s\S])', (\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON$/.exec(message))) {
    const at = text.indexOf(m[3]);
    if (at >= 0) return at + (m[2] ? 10 : Math.max(0, m[3].indexOf(m[1])));
  }
  if (/end of (JSON )?(input|data)|unexpected EOF/i.test(message)) return text.trimEnd().length;
  return undefined;
}

/** The engine's message without its position or quoted context. */
function jsonReason(message: string): string {
  return message
    .replace(/^JSON\.parse: /, '')
    .replace(/, (\.\.\.)?"[\s\S]*"(\.\.\.)? is not valid JSON$/, '')
    .replace(/ in JSON at position \d+( \(line \d+ column \d+\))?$/, '')
    .replace(/ at line \d+ column \d+ of the JSON data$/, '');
}
