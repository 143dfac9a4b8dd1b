import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { declaredBibliographies, quartoProjectBibliographies, resolveBibliographyPath } from '../core/bibliography/discovery';
import { bibliographyFormatOf, parseBibliography, type BibliographyProblem } from '../core/bibliography/parseBibliography';
import { BUNDLED_SOURCE, ReferenceLibrary, type BibliographySource } from '../core/bibliography/referenceLibrary';
import { findCitedKeys } from '../core/citations/citationScanner';
import { didYouMean } from '../core/citations/didYouMean';
import { exportReferences } from '../core/citations/exportReferences';
import { checkAcronyms, knownAcronymsOf } from '../core/manuscript/acronyms';
import type { CslSource } from '../core/citations/citationFormatter';
import { CitationFormatter, UnknownKeyError } from '../core/citations/citationFormatter';
import { authorYearLabel } from '../core/citations/referenceLabel';
import { KnowledgeBaseIndex, type KnowledgeBaseFiles } from '../core/knowledgeBase';
import { findExcludedRanges, type ManuscriptDialect } from '../core/terms/excludedRanges';
import { lineStarts, positionOf } from '../core/textPosition';
import { installNodeTextCopy } from '../node/utf16Copy';

const USAGE = `Usage:
  resistance-atlas terms FILE [--json]         jargon occurrences in a manuscript
  resistance-atlas cite KEY... [--style NAME|PATH.csl] [--bib FILE]... [--format text|html|bibtex|csl-json|ris]
                                               formatted (or exported) references
  resistance-atlas bib MANUSCRIPT [--style S] [--bib FILE]...
                                               the bibliography of the references the manuscript cites
  resistance-atlas check MANUSCRIPT [--bib FILE]... [--scope abstract|figureLegends]... [--no-acronyms] [--json]
                                               citation problems, bibliography parse errors and
                                               acronyms not defined at first use
  resistance-atlas refs [--json]               the bundled reference list with keys
Bibliographies are found as the editor finds them (front matter, _quarto.yml, \\bibliography,
\\addbibresource) plus every --bib FILE; the bundled seed references come last.
Exit codes: 0 success (check: no errors), 1 check found errors, 2 bad usage, unknown key or unreadable file.`;

/** A usage or input error: printed on stderr, exit code 2. */
class CliError extends Error {}

const root = resolve(__dirname, '..');

function loadKnowledgeBase(): KnowledgeBaseIndex {
  const path = join(root, 'dist', 'knowledge-base.json');
  try {
    return new KnowledgeBaseIndex(JSON.parse(readFileSync(path, 'utf8')) as KnowledgeBaseFiles);
  } catch (e) {
    throw new CliError(`cannot read the knowledge base ${path} (run npm run build): ${(e as Error).message}`);
  }
}

const fileCslSource: CslSource = {
  async readStyle(styleIdOrPath) {
    const path = /^[a-z0-9-]+$/.test(styleIdOrPath) ? join(root, 'media', 'csl', 'styles', `${styleIdOrPath}.csl`) : resolve(styleIdOrPath);
    try {
      return readFileSync(path, 'utf8');
    } catch {
      throw new CliError(`unknown citation style "${styleIdOrPath}" (no file ${path})`);
    }
  },
  async readLocale(lang) {
    try {
      return readFileSync(join(root, 'media', 'csl', 'locales', `locales-${lang}.xml`), 'utf8');
    } catch {
      return undefined;
    }
  },
};

function dialectOfPath(path: string): ManuscriptDialect {
  const ext = extname(path).toLowerCase();
  if (['.md', '.markdown', '.qmd', '.rmd'].includes(ext)) return 'markdown';
  if (['.tex', '.ltx', '.latex'].includes(ext)) return 'latex';
  return 'plain';
}

interface ParsedArgs {
  readonly positional: string[];
  readonly options: Map<string, string | true>;
  /** Every value of repeatable options such as --bib. */
  readonly repeated: Map<string, string[]>;
}

function parseArgs(args: readonly string[], valued: readonly string[], flags: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  const repeated = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split('=', 2);
      if (valued.includes(name)) {
        const value = inline ?? args[++i];
        if (value === undefined) throw new CliError(`--${name} needs a value`);
        options.set(name, value);
        repeated.set(name, [...(repeated.get(name) ?? []), value]);
      } else if (flags.includes(name) && inline === undefined) {
        options.set(name, true);
      } else {
        throw new CliError(`unknown option ${a}`);
      }
    } else {
      positional.push(a);
    }
  }
  return { positional, options, repeated };
}

function readManuscript(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function terms(args: readonly string[]): string {
  const { positional, options } = parseArgs(args, [], ['json']);
  if (positional.length !== 1) throw new CliError('terms takes exactly one FILE');
  const path = positional[0];
  const text = readManuscript(path);
  const kb = loadKnowledgeBase();
  const occurrences = kb.termMatcher.findAll(text, findExcludedRanges(text, dialectOfPath(path)));
  const starts = lineStarts(text);
  const rows = occurrences.map((o) => {
    const { line, character } = positionOf(starts, o.start);
    const concept = kb.concept(o.conceptIds[0]);
    return { line: line + 1, column: character + 1, offset: o.start, length: o.end - o.start, text: text.slice(o.start, o.end), conceptId: o.conceptIds[0], conceptIds: o.conceptIds, label: concept?.label ?? o.conceptIds[0] };
  });
  if (options.has('json')) return JSON.stringify(rows, null, 2);
  return rows.map((r) => `${path}:${r.line}:${r.column}\t${r.text}\t${r.conceptIds.map((id) => kb.concept(id)?.label ?? id).join(' | ')}`).join('\n');
}

const FORMATS = ['text', 'html', 'bibtex', 'csl-json', 'ris'] as const;

/** A bibliography file read for the CLI; its problems carry the file name. */
function readBibliography(path: string): BibliographySource & { readonly path: string } {
  const format = bibliographyFormatOf(path);
  if (!format) throw new CliError(`${path}: not a bibliography (.bib, .json, .yaml, .yml or .ris)`);
  const text = readManuscript(path);
  const parsed = parseBibliography(text, format);
  const starts = lineStarts(text);
  const entries = parsed.entries.map((e) => ({ key: e.key, item: e.item, source: path, ...positionOf(starts, e.keyOffset) }));
  return { id: path, label: path, path, entries, problems: parsed.problems };
}

function bundledSource(kb: KnowledgeBaseIndex): BibliographySource {
  return { id: BUNDLED_SOURCE, label: 'bundled', entries: kb.references.map((item) => ({ key: item.id, item, source: BUNDLED_SOURCE, line: 0, character: 0 })), problems: [] };
}

/** The bibliographies a manuscript names (and _quarto.yml above it), resolved against its folder. */
function declaredFiles(manuscript: string, text: string): Array<{ path: string; offset: number }> {
  const folder = dirname(resolve(manuscript));
  const out = declaredBibliographies(text, dialectOfPath(manuscript)).map((d) => ({ path: resolveBibliographyPath(folder, d.path), offset: d.offset }));
  if (dialectOfPath(manuscript) === 'markdown') {
    for (let dir = folder; ; dir = dirname(dir)) {
      const yml = join(dir, '_quarto.yml');
      if (existsSync(yml)) {
        for (const p of quartoProjectBibliographies(readFileSync(yml, 'utf8'))) out.push({ path: resolveBibliographyPath(dir, p), offset: -1 });
        break;
      }
      if (dirname(dir) === dir) break;
    }
  }
  return out;
}

async function cite(args: readonly string[]): Promise<string> {
  const { positional, options, repeated } = parseArgs(args, ['style', 'format', 'bib'], []);
  if (positional.length === 0) throw new CliError('cite needs at least one KEY');
  const format = String(options.get('format') ?? 'text');
  if (!(FORMATS as readonly string[]).includes(format)) throw new CliError(`--format must be one of ${FORMATS.join(', ')}, not ${format}`);
  const style = String(options.get('style') ?? 'vancouver');
  const kb = loadKnowledgeBase();
  const library = new ReferenceLibrary([...(repeated.get('bib') ?? []).map(readBibliography), bundledSource(kb)]);
  const unknown = positional.filter((k) => !library.has(k));
  if (unknown.length > 0) throw new CliError(`unknown citation key${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (see: resistance-atlas refs)`);
  const items = positional.map((k) => library.get(k)!.item);
  if (format === 'bibtex' || format === 'csl-json' || format === 'ris') return (await exportReferences(items, format)).trimEnd();
  return (await formatterFor(style, library, format === 'html' ? 'html' : 'text')).formatBibliographyOf(items).join('\n');
}

async function formatterFor(style: string, library: ReferenceLibrary, output: 'text' | 'html' = 'text'): Promise<CitationFormatter> {
  try {
    return await CitationFormatter.create(fileCslSource, style, library.items(), output);
  } catch (e) {
    if (e instanceof CliError || e instanceof UnknownKeyError) throw new CliError(e.message);
    throw new CliError(`cannot format with style "${style}": ${(e as Error).message}`);
  }
}

async function bib(args: readonly string[]): Promise<string> {
  const { positional, options, repeated } = parseArgs(args, ['style', 'bib'], []);
  if (positional.length !== 1) throw new CliError('bib takes exactly one MANUSCRIPT');
  const manuscript = positional[0];
  const text = readManuscript(manuscript);
  const kb = loadKnowledgeBase();
  const files = [...declaredFiles(manuscript, text).map((d) => d.path).filter((p) => existsSync(p)), ...(repeated.get('bib') ?? [])];
  const library = new ReferenceLibrary([...files.map(readBibliography), bundledSource(kb)]);
  const keys = [...new Set(findCitedKeys(text, dialectOfPath(manuscript)).map((c) => c.key))].filter((k) => library.has(k));
  if (keys.length === 0) return '';
  const formatter = await formatterFor(String(options.get('style') ?? 'vancouver'), library);
  return formatter.formatBibliographyOf(keys.map((k) => library.get(k)!.item)).join('\n');
}

interface Finding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly message: string;
}

/** Citation findings of a manuscript, as the editor shows them (1-based lines and columns). */
function citationFindings(manuscript: string, text: string, extraBibs: readonly string[], kb: KnowledgeBaseIndex): Finding[] {
  const findings: Finding[] = [];
  const starts = lineStarts(text);
  const at = (offset: number) => {
    const p = positionOf(starts, offset);
    return { line: p.line + 1, column: p.character + 1 };
  };
  const declared = declaredFiles(manuscript, text);
  const sources: BibliographySource[] = [];
  for (const d of declared) {
    if (!existsSync(d.path)) {
      findings.push({ file: manuscript, ...(d.offset >= 0 ? at(d.offset) : { line: 1, column: 1 }), severity: 'error', code: 'bibliography-not-found', message: `Bibliography file not found: ${relative(process.cwd(), d.path)}` });
      continue;
    }
    sources.push(readBibliography(d.path));
  }
  for (const path of extraBibs) sources.push(readBibliography(path));
  const fileProblem = (path: string, p: BibliographyProblem): Finding => ({ file: path, line: p.line + 1, column: p.column + 1, severity: p.severity, code: p.code, message: p.message });
  for (const s of sources) for (const p of s.problems) findings.push(fileProblem(s.id, p));
  const own = new ReferenceLibrary(sources);
  for (const dup of own.duplicates) {
    findings.push({ file: dup.ignored.source, line: dup.ignored.line + 1, column: dup.ignored.character + 1, severity: 'warning', code: 'bib-duplicate-key', message: `Duplicate key "${dup.key}": ${dup.kept.source} defines it too, and that definition is used.` });
  }
  const bundled = new ReferenceLibrary([bundledSource(kb)]);
  const renderable = declared.length > 0 || extraBibs.length > 0 ? own : new ReferenceLibrary([...sources, bundledSource(kb)]);
  for (const c of findCitedKeys(text, dialectOfPath(manuscript))) {
    if (renderable.has(c.key)) continue;
    if (bundled.has(c.key)) {
      findings.push({ file: manuscript, ...at(c.start), severity: 'warning', code: 'citation-not-in-bibliography', message: `"${c.key}" is a bundled Resistance Atlas reference but is not in the manuscript's bibliography: Pandoc and BibTeX will not find it.` });
    } else {
      const hint = didYouMean(c.key, renderable.keys())[0];
      findings.push({ file: manuscript, ...at(c.start), severity: 'error', code: 'unknown-citation-key', message: `Unknown citation key "${c.key}".${hint ? ` Did you mean "${hint}"?` : ''}` });
    }
  }
  return findings;
}

/** Acronym findings (defined at first use, once, and used again), as warnings. */
function acronymFindings(manuscript: string, text: string, kb: KnowledgeBaseIndex, scopes: ReadonlyArray<'abstract' | 'figureLegends'>): Finding[] {
  const starts = lineStarts(text);
  return checkAcronyms(text, dialectOfPath(manuscript), knownAcronymsOf(kb.concepts), { separateScopes: scopes, ignored: [] }).map((f) => {
    const { line, character } = positionOf(starts, f.start);
    return { file: manuscript, line: line + 1, column: character + 1, severity: 'warning' as const, code: f.code, message: f.message };
  });
}

function check(args: readonly string[]): { out: string; errors: boolean } {
  const { positional, options, repeated } = parseArgs(args, ['bib', 'scope'], ['json', 'no-acronyms']);
  if (positional.length !== 1) throw new CliError('check takes exactly one MANUSCRIPT');
  const manuscript = positional[0];
  const text = readManuscript(manuscript);
  const kb = loadKnowledgeBase();
  const scopes = (repeated.get('scope') ?? []).map((s) => {
    if (s !== 'abstract' && s !== 'figureLegends') throw new CliError(`--scope must be abstract or figureLegends, not ${s}`);
    return s;
  });
  const findings = [...citationFindings(manuscript, text, repeated.get('bib') ?? [], kb), ...(options.has('no-acronyms') ? [] : acronymFindings(manuscript, text, kb, scopes))];
  findings.sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : a.file === manuscript ? 1 : -1));
  const errors = findings.some((f) => f.severity === 'error');
  if (options.has('json')) return { out: JSON.stringify(findings, null, 2), errors };
  return { out: findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity} [${f.code}] ${f.message}`).join('\n'), errors };
}

function refs(args: readonly string[]): string {
  const { positional, options } = parseArgs(args, [], ['json']);
  if (positional.length > 0) throw new CliError('refs takes no arguments');
  const kb = loadKnowledgeBase();
  if (options.has('json')) return JSON.stringify(kb.references, null, 2);
  return kb.references.map((r) => `${r.id}\t${authorYearLabel(r)}\t${r.title ?? ''}`).join('\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    let out: string;
    switch (command) {
      case 'terms':
        out = terms(rest);
        break;
      case 'cite':
        out = await cite(rest);
        break;
      case 'refs':
        out = refs(rest);
        break;
      case 'bib':
        out = await bib(rest);
        break;
      case 'check': {
        const result = check(rest);
        if (result.out.length > 0) process.stdout.write(`${result.out}\n`);
        return result.errors ? 1 : 0;
      }
      case '--help':
      case '-h':
      case 'help':
        out = USAGE;
        break;
      default:
        throw new CliError(command ? `unknown command "${command}"` : 'no command given');
    }
    if (out.length > 0) process.stdout.write(`${out}\n`);
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`resistance-atlas: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
}

installNodeTextCopy();
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
