import type { ManuscriptDialect } from './excludedRanges';
import { findExcludedRanges } from './excludedRanges';
import { firstEndingAfter, firstStartingAtOrAfter, rangeIndexAt, type TextRange } from './textRange';
import { TermOccurrenceList } from './occurrenceList';
import type { TermMatcher, TermOccurrence } from './termMatcher';

/** One edit, in offsets of the text before it (as VS Code's contentChanges give them). */
export interface TextEdit {
  readonly offset: number;
  readonly length: number;
  readonly text: string;
}

/**
 * Characters of markup that can open or close a region spanning paragraphs (fences, math,
 * environments, HTML comments): an edit that types or deletes one re-analyses the whole text.
 */
const SPANNING_MARKUP = /[`~$\\<>]/;

/** The terms of one version of a document, found once and then looked up by offset. */
export class DocumentAnalysis {
  private constructor(
    /** The terms, in text order; read by index (see {@link TermOccurrenceList}). */
    readonly occurrences: TermOccurrenceList,
    /** Sorted excluded ranges (code, math, URLs...), kept to decide whether an edit can be local. */
    private readonly excluded: readonly TextRange[],
    private readonly dialect: ManuscriptDialect,
    /**
     * The first "$$" outside every excluded range (display math that never closes, after which
     * no dollar opens math), -1 when none; undefined until an edit asks.
     */
    private unclosedDisplay?: number,
  ) {}

  private firstUnclosedDisplayMath(text: string): number {
    if (this.unclosedDisplay === undefined) {
      let q = text.indexOf('$$');
      while (q !== -1 && rangeIndexAt(this.excluded, q) !== -1) q = text.indexOf('$$', q + 1);
      this.unclosedDisplay = q;
    }
    return this.unclosedDisplay;
  }

  static analyse(text: string, dialect: ManuscriptDialect, matcher: TermMatcher): DocumentAnalysis {
    const excluded = findExcludedRanges(text, dialect);
    return new DocumentAnalysis(matcher.occurrencesIn(text, excluded), excluded, dialect);
  }

  /**
   * The analysis of `newText`, which is `oldText` (this analysis's text) after `edits`: only the paragraphs
   * the edits touch are scanned again, the rest is shifted. Falls back to a full analysis when
   * an edit touches markup that spans paragraphs (fences, display math, environments).
   */
  update(oldText: string, newText: string, edits: readonly TextEdit[], matcher: TermMatcher): DocumentAnalysis {
    if (edits.length === 0) return this;
    let oldStart = Infinity;
    let oldEnd = -Infinity;
    let delta = 0;
    for (const e of edits) {
      oldStart = Math.min(oldStart, e.offset);
      oldEnd = Math.max(oldEnd, e.offset + e.length);
      delta += e.text.length - e.length;
      if (SPANNING_MARKUP.test(e.text) || SPANNING_MARKUP.test(oldText.slice(e.offset, e.offset + e.length))) {
        return DocumentAnalysis.analyse(newText, this.dialect, matcher);
      }
    }
    const newEnd = oldEnd + delta;
    const full = () => DocumentAnalysis.analyse(newText, this.dialect, matcher);
    // An excluded region the edit touches may change its extent.
    const ex = this.excluded;
    const firstExcluded = firstEndingAfter(ex, oldStart - 1);
    if (firstExcluded < ex.length && ex[firstExcluded].start <= oldEnd) return full();
    // The window: whole paragraphs around the edit, in the new text.
    const before = oldStart === 0 ? -1 : newText.lastIndexOf('\n\n', oldStart - 1);
    const windowStart = before === -1 ? 0 : before + 2;
    const after = newText.indexOf('\n\n', newEnd);
    const windowEnd = after === -1 ? newText.length : after;
    const oldWindowStart = windowStart;
    const oldWindowEnd = windowEnd - delta;
    // An excluded region crossing the window's edges would be cut in two: analyse everything.
    const exFrom = firstEndingAfter(ex, oldWindowStart);
    const exTo = firstStartingAtOrAfter(ex, oldWindowEnd);
    if (exFrom < exTo && (ex[exFrom].start < oldWindowStart || ex[exTo - 1].end > oldWindowEnd)) return full();

    // An unclosed "$$" leaves every later dollar unpaired (no region marks it): one before the
    // window changes what the window means, and one in it, if the edit undoes it, what follows.
    const unclosed = this.firstUnclosedDisplayMath(oldText);
    if (unclosed !== -1 && unclosed < oldWindowEnd) return full();
    const windowText = newText.slice(windowStart, windowEnd);
    const windowExcluded = findExcludedRanges(windowText, this.dialect);
    // A region left open at the window's end (an unclosed fence or dollar) may run further, and
    // an unclosed "$$" in it ("$ x$" losing " x") unpairs every dollar after it.
    if (windowEnd < newText.length && windowExcluded.some((r) => r.end >= windowText.length)) return full();
    for (let q = windowText.indexOf('$$'); q !== -1; q = windowText.indexOf('$$', q + 1)) if (rangeIndexAt(windowExcluded, q) === -1) return full();
    const occ = this.occurrences;
    const found = matcher.occurrencesIn(windowText, windowExcluded);
    const occurrences = new TermOccurrenceList(occ.length + found.length);
    occurrences.pushShifted(occ, 0, occ.firstEndingAfter(oldWindowStart), 0);
    occurrences.pushShifted(found, 0, found.length, windowStart);
    occurrences.pushShifted(occ, occ.firstStartingAtOrAfter(oldWindowEnd), occ.length, delta);
    const excluded = ex.slice(0, exFrom);
    for (const r of windowExcluded) excluded.push({ start: r.start + windowStart, end: r.end + windowStart });
    for (let k = exTo; k < ex.length; k++) excluded.push({ start: ex[k].start + delta, end: ex[k].end + delta });
    // Neither the window nor anything before it has an unclosed "$$": the first one is still the old one.
    return new DocumentAnalysis(occurrences, excluded, this.dialect, unclosed === -1 ? -1 : unclosed + delta);
  }

  /**
   * The occurrence under `offset` (start <= offset < end; with `touching`, offset == end counts
   * too, as for a cursor just after a word), by binary search.
   */
  occurrenceAt(offset: number, touching = false): TermOccurrence | undefined {
    const k = this.indexAt(offset, touching);
    return k < 0 ? undefined : this.occurrences.get(k);
  }

  /** Index in {@link occurrences} of the occurrence under `offset`, or -1. */
  indexAt(offset: number, touching = false): number {
    return this.occurrences.indexAt(offset, touching);
  }
}
