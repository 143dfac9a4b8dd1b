/**
 * Reads the writer's own bibliography files (BibTeX/BibLaTeX, CSL-JSON, CSL-YAML, RIS) into
 * CSL-JSON items. A malformed entry never costs the others: every good entry loads, and each bad
 * one is reported at its line with a readable message and a fixed code.
 */
import type { CslItem } from '../model';
import { readBibtexFast } from './bibtexFast';
import { readCslJson, readCslYaml } from './cslData';
import { readRis } from './ris';
import { SourceText, type FormatResult } from './sourceText';

export type BibliographyFormat = 'bibtex' | 'csl-json' | 'csl-yaml' | 'ris';

const FORMAT_OF_EXTENSION: Readonly<Record<string, BibliographyFormat>> = {
  bib: 'bibtex',
  json: 'csl-json',
  yaml: 'csl-yaml',
  yml: 'csl-yaml',
  ris: 'ris',
};

/** .bib -> bibtex (BibTeX and BibLaTeX), .json -> csl-json, .yaml/.yml -> csl-yaml, .ris -> ris; else undefined. Case-insensitive. */
export function bibliographyFormatOf(path: string): BibliographyFormat | undefined {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const extension = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  return name.includes('.') && Object.hasOwn(FORMAT_OF_EXTENSION, extension) ? FORMAT_OF_EXTENSION[extension] : undefined;
}

export interface BibliographyEntry {
  /** Citation key: BibTeX key, CSL id, RIS ID or a generated author-year key. */
  readonly key: string;
  /** CSL-JSON for citeproc-js; `item.id === key`. */
  readonly item: CslItem;
  /** 0-based line where the entry starts in the file. */
  readonly line: number;
  /** 0-based column of the entry start (the "@" for BibTeX). */
  readonly column: number;
  /** UTF-16 offset of the key text in the file (for go-to-definition), or of the entry start when there is no key text. */
  readonly keyOffset: number;
}

export interface BibliographyProblem {
  readonly line: number;
  readonly column: number;
  /** End of the offending range: at least the rest of the line. */
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: 'error' | 'warning';
  readonly code:
    | 'bib-syntax'
    | 'bib-missing-key'
    | 'bib-duplicate-key'
    | 'bib-unsupported'
    | 'bib-invalid-json'
    | 'bib-invalid-yaml'
    | 'bib-invalid-entry';
  readonly message: string;
}

export interface ParsedBibliography {
  readonly entries: readonly BibliographyEntry[];
  readonly problems: readonly BibliographyProblem[];
}

const READERS: Readonly<Record<BibliographyFormat, (source: SourceText) => FormatResult>> = {
  bibtex: readBibtexFast,
  'csl-json': readCslJson,
  'csl-yaml': readCslYaml,
  ris: readRis,
};

/**
 * Parses one bibliography file. Never throws on malformed input: problems are returned with
 * their positions. Of two entries with the same key the first is kept and the second reported.
 */
export function parseBibliography(text: string, format: BibliographyFormat): ParsedBibliography {
  const source = new SourceText(text);
  const found = READERS[format](source);
  const entries: BibliographyEntry[] = [];
  const problems = [...found.problems];
  const firstLine = new Map<string, number>();
  for (const entry of found.entries) {
    const { line, column } = source.position(entry.offset);
    const earlier = firstLine.get(entry.key);
    if (earlier !== undefined) {
      problems.push(
        source.problem('bib-duplicate-key', 'warning', `Duplicate key "${entry.key}" (first defined on line ${earlier + 1}); this entry is ignored`, entry.offset),
      );
      continue;
    }
    firstLine.set(entry.key, line);
    entries.push({ key: entry.key, item: entry.item, line, column, keyOffset: entry.keyOffset });
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { entries, problems };
}
