import type { ManuscriptDialect } from './excludedRanges';
import { findExcludedRanges } from './excludedRanges';
import type { TermMatcher, TermOccurrence } from './termMatcher';

/** The terms of one version of a document, found once and then looked up by offset. */
export class DocumentAnalysis {
  private constructor(readonly occurrences: readonly TermOccurrence[]) {}

  static analyse(text: string, dialect: ManuscriptDialect, matcher: TermMatcher): DocumentAnalysis {
    return new DocumentAnalysis(matcher.findAll(text, findExcludedRanges(text, dialect)));
  }

  /**
   * The occurrence under `offset` (start <= offset < end; with `touching`, offset == end counts
   * too, as for a cursor just after a word), by binary search.
   */
  occurrenceAt(offset: number, touching = false): TermOccurrence | undefined {
    const k = this.indexAt(offset, touching);
    return k < 0 ? undefined : this.occurrences[k];
  }

  /** Index in {@link occurrences} of the occurrence under `offset`, or -1. */
  indexAt(offset: number, touching = false): number {
    const occ = this.occurrences;
    let lo = 0;
    let hi = occ.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const o = occ[mid];
      if (offset < o.start) hi = mid - 1;
      else if (offset > o.end || (offset === o.end && !touching)) lo = mid + 1;
      else return mid;
    }
    return -1;
  }
}
