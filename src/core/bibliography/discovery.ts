import { EVENT_ID, getScalarValue, load, parseEvents, type Event } from 'js-yaml';
import { visitLatexCommands } from '../citations/citationScanner';
import type { ManuscriptDialect } from '../terms/excludedRanges';

/** A bibliography file a manuscript names. */
export interface DeclaredBibliography {
  /**
   * As written (relative to the document or absolute); LaTeX `\bibliography{refs}` gets ".bib"
   * added, as BibTeX looks for it.
   */
  readonly path: string;
  /** UTF-16 offset of the path text in the manuscript, -1 when it comes from elsewhere. */
  readonly offset: number;
}

/**
 * The bibliographies a manuscript declares: the `bibliography:` of the YAML front matter
 * (Pandoc, Quarto, R Markdown; one path or a list), or LaTeX's `\bibliography{a,b}`,
 * `\addbibresource[...]{x.bib}`, `\addglobalbib` and `\addsectionbib`. Never throws.
 */
export function declaredBibliographies(text: string, dialect: ManuscriptDialect): DeclaredBibliography[] {
  if (dialect === 'markdown') return frontMatterBibliographies(text);
  if (dialect === 'latex') return latexBibliographies(text);
  return [];
}

/** The `bibliography:` entry of a Quarto project file (_quarto.yml), one path or a list; [] when absent or unparsable. */
export function quartoProjectBibliographies(yamlText: string): string[] {
  return yamlBibliographies(yamlText).map((b) => b.path);
}

/**
 * `declared` resolved against the document's folder, both POSIX-style path strings: "./" and
 * "../" are resolved, backslashes of a relative path become slashes, and absolute paths (`/x`,
 * `C:\x`, `C:/x`, `\\server\x`, `~/x`, `https://x`) are returned untouched.
 */
export function resolveBibliographyPath(documentFolder: string, declared: string): string {
  if (/^(?:[/~]|[A-Za-z]:[\\/]|\\\\|[A-Za-z][A-Za-z0-9+.-]+:\/\/)/.test(declared)) return declared;
  const folder = documentFolder.replace(/\\/g, '/');
  return normalizePath(folder === '' ? declared.replace(/\\/g, '/') : `${folder}/${declared.replace(/\\/g, '/')}`);
}

/** Collapses "." and ".." segments and repeated slashes; ".." never climbs above a root "/". */
function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
    } else {
      out.push(segment);
    }
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined === '' ? '.' : joined;
}

// ---------------------------------------------------------------------------------------------
// YAML

/**
 * Pandoc's YAML metadata block at the very start: a `---` line not followed by a blank line, up
 * to a `---` or `...` line.
 */
const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n(?![ \t]*\r?\n)([\s\S]*?\r?\n)??(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

function frontMatterBibliographies(text: string): DeclaredBibliography[] {
  const m = FRONT_MATTER.exec(text);
  if (m === null || m[1] === undefined) return [];
  const blockStart = m[0].indexOf('\n') + 1;
  return yamlBibliographies(m[1]).map((b) => ({ path: b.path, offset: b.offset === -1 ? -1 : blockStart + b.offset }));
}

/** The `bibliography` of a YAML mapping, with offsets in `yaml` (-1 when the text is elsewhere, as for an alias). */
function yamlBibliographies(yaml: string): DeclaredBibliography[] {
  let value: unknown;
  let events: Event[];
  try {
    value = load(yaml);
    events = parseEvents(yaml, {});
  } catch {
    return [];
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, 'bibliography')) return [];
  const entry = (value as Record<string, unknown>).bibliography;
  const paths = (Array.isArray(entry) ? entry : [entry]).filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  const offsets = bibliographyScalarOffsets(yaml, events);
  return paths.map((path) => {
    const k = offsets.findIndex((o) => o.value === path);
    if (k === -1) return { path, offset: -1 };
    const [o] = offsets.splice(k, 1);
    return { path, offset: o.offset };
  });
}

/** The scalars of the top-level `bibliography` value, from js-yaml's event stream (which carries offsets). */
function bibliographyScalarOffsets(yaml: string, events: readonly Event[]): { value: string; offset: number }[] {
  if (events[0]?.type !== EVENT_ID.DOCUMENT || events[1]?.type !== EVENT_ID.MAPPING) return [];
  const found: { value: string; offset: number }[] = [];
  let i = 2;
  while (i < events.length && events[i].type !== EVENT_ID.POP) {
    const key = events[i];
    const valueAt = i + 1;
    const next = skipNode(events, valueAt);
    if (key.type === EVENT_ID.SCALAR && getScalarValue(yaml, key) === 'bibliography') {
      for (let k = valueAt; k < next; k++) {
        const e = events[k];
        if (e.type === EVENT_ID.SCALAR) found.push({ value: getScalarValue(yaml, e), offset: e.valueStart });
      }
    }
    i = next;
  }
  return found;
}

/** The index after the node that starts at `i` (a scalar, an alias, or a collection up to its pop). */
function skipNode(events: readonly Event[], i: number): number {
  const first = events[i];
  if (first === undefined) return i;
  if (first.type !== EVENT_ID.SEQUENCE && first.type !== EVENT_ID.MAPPING) return i + 1;
  let depth = 0;
  for (; i < events.length; i++) {
    const t = events[i].type;
    if (t === EVENT_ID.SEQUENCE || t === EVENT_ID.MAPPING) depth++;
    else if (t === EVENT_ID.POP && --depth === 0) return i + 1;
  }
  return i;
}

// ---------------------------------------------------------------------------------------------
// LaTeX

const LATEX_BIBLIOGRAPHY_COMMANDS = new Set(['bibliography', 'addbibresource', 'addglobalbib', 'addsectionbib']);

function latexBibliographies(text: string): DeclaredBibliography[] {
  const found: DeclaredBibliography[] = [];
  visitLatexCommands(text, (name, _start, after) => {
    if (!LATEX_BIBLIOGRAPHY_COMMANDS.has(name)) return undefined;
    let i = skipSpaces(text, after);
    if (name !== 'bibliography' && text[i] === '[') {
      const close = text.indexOf(']', i);
      if (close === -1) return undefined;
      i = skipSpaces(text, close + 1);
    }
    if (text[i] !== '{') return undefined;
    const close = text.indexOf('}', i);
    if (close === -1 || text.slice(i + 1, close).includes('\n\n')) return undefined;
    const names = name === 'bibliography' ? splitNames(text, i + 1, close) : [trimmed(text, i + 1, close)];
    for (const n of names) {
      if (n.text === '') continue;
      // BibTeX (kpathsea) looks for "refs.v2.bib" when given "refs.v2": only ".bib" counts as the extension.
      const path = name === 'bibliography' && !/\.bib$/i.test(n.text) ? `${n.text}.bib` : n.text;
      found.push({ path, offset: n.offset });
    }
    return close + 1;
  });
  return found;
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

function trimmed(text: string, start: number, end: number): { text: string; offset: number } {
  const raw = text.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  return { text: raw.trim(), offset: start + lead };
}

function splitNames(text: string, start: number, end: number): { text: string; offset: number }[] {
  const names: { text: string; offset: number }[] = [];
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i === end || text[i] === ',') {
      names.push(trimmed(text, from, i));
      from = i + 1;
    }
  }
  return names;
}
