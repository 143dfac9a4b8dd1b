import { readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { CslSource } from '../core/citations/citationFormatter';
import { CitationFormatter, UnknownKeyError } from '../core/citations/citationFormatter';
import { authorYearLabel } from '../core/citations/referenceLabel';
import { KnowledgeBaseIndex, type KnowledgeBaseFiles } from '../core/knowledgeBase';
import { findExcludedRanges, type ManuscriptDialect } from '../core/terms/excludedRanges';
import { lineStarts, positionOf } from '../core/textPosition';

const USAGE = `Usage:
  resistance-atlas terms FILE [--json]         jargon occurrences in a manuscript
  resistance-atlas cite KEY... [--style NAME|PATH.csl] [--format text|html]
                                               formatted references
  resistance-atlas refs [--json]               the bundled reference list with keys
Exit codes: 0 success, 2 bad usage, unknown key or unreadable file.`;

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
}

function parseArgs(args: readonly string[], valued: readonly string[], flags: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split('=', 2);
      if (valued.includes(name)) {
        const value = inline ?? args[++i];
        if (value === undefined) throw new CliError(`--${name} needs a value`);
        options.set(name, value);
      } else if (flags.includes(name) && inline === undefined) {
        options.set(name, true);
      } else {
        throw new CliError(`unknown option ${a}`);
      }
    } else {
      positional.push(a);
    }
  }
  return { positional, options };
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

async function cite(args: readonly string[]): Promise<string> {
  const { positional, options } = parseArgs(args, ['style', 'format'], []);
  if (positional.length === 0) throw new CliError('cite needs at least one KEY');
  const format = options.get('format') ?? 'text';
  if (format !== 'text' && format !== 'html') throw new CliError(`--format must be text or html, not ${String(format)}`);
  const style = String(options.get('style') ?? 'vancouver');
  const kb = loadKnowledgeBase();
  const unknown = positional.filter((k) => !kb.reference(k));
  if (unknown.length > 0) throw new CliError(`unknown citation key${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (see: resistance-atlas refs)`);
  try {
    const formatter = await CitationFormatter.create(fileCslSource, style, kb.references, format);
    return formatter.formatBibliography(positional).join('\n');
  } catch (e) {
    if (e instanceof CliError || e instanceof UnknownKeyError) throw new CliError(e.message);
    throw new CliError(`cannot format with style "${style}": ${(e as Error).message}`);
  }
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

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
