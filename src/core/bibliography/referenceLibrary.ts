import type { CslItem } from '../model';
import type { BibliographyProblem } from './parseBibliography';

/** One reference as the writer's tools see it: where it comes from and where it stands there. */
export interface LibraryEntry {
  readonly key: string;
  readonly item: CslItem;
  /** The source's id: a file URI, or "bundled" for the seed references shipped with the extension. */
  readonly source: string;
  /** 0-based line and character of the entry's key in its file (0, 0 for bundled references). */
  readonly line: number;
  readonly character: number;
}

/** A bibliography file, or the bundled references, once read. */
export interface BibliographySource {
  readonly id: string;
  /** Short name for pickers and hovers: the file name, or "Resistance Atlas (seed review)". */
  readonly label: string;
  readonly entries: readonly LibraryEntry[];
  readonly problems: readonly BibliographyProblem[];
}

export const BUNDLED_SOURCE = 'bundled';

/** A key defined in more than one source: the first source wins, the others are reported. */
export interface DuplicateKey {
  readonly key: string;
  readonly kept: LibraryEntry;
  readonly ignored: LibraryEntry;
}

/** The references available to one manuscript: several sources merged, the first definition of a key winning. */
export class ReferenceLibrary {
  private readonly byKey = new Map<string, LibraryEntry>();
  readonly duplicates: readonly DuplicateKey[];

  constructor(readonly sources: readonly BibliographySource[]) {
    const duplicates: DuplicateKey[] = [];
    for (const source of sources) {
      for (const entry of source.entries) {
        const kept = this.byKey.get(entry.key);
        if (kept) {
          if (kept.source !== entry.source) duplicates.push({ key: entry.key, kept, ignored: entry });
        } else {
          this.byKey.set(entry.key, entry);
        }
      }
    }
    this.duplicates = duplicates;
  }

  get size(): number {
    return this.byKey.size;
  }

  get(key: string): LibraryEntry | undefined {
    return this.byKey.get(key);
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  keys(): IterableIterator<string> {
    return this.byKey.keys();
  }

  /** Every entry, in source order. */
  entries(): LibraryEntry[] {
    return [...this.byKey.values()];
  }

  items(): CslItem[] {
    return this.entries().map((e) => e.item);
  }

  sourceOf(entry: LibraryEntry): BibliographySource | undefined {
    return this.sources.find((s) => s.id === entry.source);
  }
}
