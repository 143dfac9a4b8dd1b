import type { GlossaryConcept } from '../model';
import { SEPARATOR, fold, isWordChar } from './characters';
import { formVariants, isAcronymLikeWord } from './formVariants';
import type { TextRange } from './textRange';

/** One recognised term in a text. */
export interface TermOccurrence {
  readonly start: number;
  readonly end: number;
  /** Every concept the written form can denote; more than one when the form is ambiguous. */
  readonly conceptIds: readonly string[];
}

/** One accepted spelling of one concept, as stored at the end of a trie path. */
interface FormEntry {
  readonly conceptId: string;
  /** The spelling with each run of separators replaced by one space. */
  readonly pattern: string;
  /** Per pattern character: 1 when the text must have exactly this character (acronym words). */
  readonly exact: Uint8Array;
}

interface TrieNode {
  next: Map<number, TrieNode> | undefined;
  entries: FormEntry[] | undefined;
}

export interface TermMatcherOptions {
  /**
   * Forms that are also everyday words ("Notch", "Hedgehog"): matched only with the case they
   * are written in, so that "a notch higher" is not taken for the Notch pathway.
   */
  readonly caseSensitiveForms?: readonly string[];
}

/** A paragraph break inside a phrase ends the phrase: two newlines in one separator run. */
const MAX_NEWLINES_IN_SEPARATOR = 1;

function newNode(): TrieNode {
  return { next: undefined, entries: undefined };
}

/**
 * The spelling as stored: each run of separators becomes one space. Alongside, which characters
 * must match exactly: those of acronym-like words (split on spaces and slashes only, so that
 * "PD-L1" counts as one acronym), or all letters of a form listed as case-sensitive.
 */
function compileSpelling(variant: string, wholeFormExact: boolean): { pattern: string; exact: Uint8Array } {
  const exactAt = new Uint8Array(variant.length);
  const wordRe = /[^\s/]+/g;
  for (let m = wordRe.exec(variant); m !== null; m = wordRe.exec(variant)) {
    if (wholeFormExact || isAcronymLikeWord(m[0])) exactAt.fill(1, m.index, m.index + m[0].length);
  }
  let pattern = '';
  const exact: number[] = [];
  let lastSep = true;
  for (let i = 0; i < variant.length; i++) {
    const c = variant.charCodeAt(i);
    if (fold(c) === SEPARATOR) {
      if (!lastSep) {
        pattern += ' ';
        exact.push(0);
      }
      lastSep = true;
    } else {
      pattern += variant[i];
      exact.push(exactAt[i]);
      lastSep = false;
    }
  }
  if (pattern.endsWith(' ')) {
    pattern = pattern.slice(0, -1);
    exact.pop();
  }
  return { pattern, exact: Uint8Array.from(exact) };
}

/**
 * Finds glossary terms in prose: exact on word boundaries, acronyms case-sensitive and phrases
 * not, plurals, Greek letters spelled either way, any hyphen, dash or line break between words,
 * the longest match winning, ambiguous forms reported with all their concepts.
 *
 * One left-to-right pass over the text; at each word start a walk down a character trie that
 * usually stops after one or two characters.
 */
export class TermMatcher {
  private readonly root = newNode();
  private readonly rootAscii: Array<TrieNode | undefined> = new Array(128).fill(undefined);
  private formCount = 0;

  static fromConcepts(concepts: readonly GlossaryConcept[], options: TermMatcherOptions = {}): TermMatcher {
    const matcher = new TermMatcher();
    const exactForms = new Set(options.caseSensitiveForms ?? []);
    for (const concept of concepts) {
      const forms = new Set([concept.label, ...(concept.abbreviations ?? []), ...(concept.synonyms ?? [])]);
      for (const form of forms) matcher.addForm(concept.id, form, exactForms.has(form));
    }
    return matcher;
  }

  /** Number of distinct spellings indexed. */
  get size(): number {
    return this.formCount;
  }

  private addForm(conceptId: string, form: string, wholeFormExact: boolean): void {
    for (const variant of formVariants(form)) {
      const { pattern, exact } = compileSpelling(variant, wholeFormExact);
      if (pattern.length === 0) continue;
      let node = this.root;
      for (let i = 0; i < pattern.length; i++) {
        const key = fold(pattern.charCodeAt(i));
        node.next ??= new Map();
        let child = node.next.get(key);
        if (!child) {
          child = newNode();
          node.next.set(key, child);
          if (node === this.root && key < 128) this.rootAscii[key] = child;
        }
        node = child;
      }
      node.entries ??= [];
      if (node.entries.some((e) => e.conceptId === conceptId && e.pattern === pattern)) continue;
      node.entries.push({ conceptId, pattern, exact });
      this.formCount++;
    }
  }

  /**
   * All non-overlapping occurrences in `text`, in order, outside the `excluded` ranges (sorted,
   * non-overlapping, as {@link findExcludedRanges} returns them).
   */
  findAll(text: string, excluded: readonly TextRange[] = []): TermOccurrence[] {
    return this.findInRange(text, 0, text.length, excluded);
  }

  /** Like {@link findAll}, restricted to occurrences that start within [from, to). */
  findInRange(text: string, from: number, to: number, excluded: readonly TextRange[] = []): TermOccurrence[] {
    const out: TermOccurrence[] = [];
    const n = text.length;
    const rootAscii = this.rootAscii;
    const root = this.root;
    let ex = 0;
    while (ex < excluded.length && excluded[ex].end <= from) ex++;
    let nextExcludedStart = ex < excluded.length ? excluded[ex].start : Infinity;

    let i = from;
    // Start only at a word start.
    if (i > 0 && isWordChar(text.charCodeAt(i - 1))) {
      while (i < to && isWordChar(text.charCodeAt(i))) i++;
    }
    while (i < to) {
      if (i >= nextExcludedStart) {
        i = Math.max(i, excluded[ex].end);
        ex++;
        nextExcludedStart = ex < excluded.length ? excluded[ex].start : Infinity;
        continue;
      }
      const c = text.charCodeAt(i);
      if (!isWordChar(c)) {
        i++;
        continue;
      }
      const first = c < 128 ? rootAscii[c < 91 && c > 64 ? c + 32 : c] : root.next?.get(fold(c));
      if (first !== undefined) {
        const hit = this.longestAt(text, i, first, Math.min(n, nextExcludedStart));
        if (hit !== undefined) {
          out.push(hit);
          i = hit.end;
          continue;
        }
      }
      // Skip the rest of this word.
      i++;
      while (i < to && isWordChar(text.charCodeAt(i))) i++;
    }
    return out;
  }

  private longestAt(text: string, start: number, first: TrieNode, limit: number): TermOccurrence | undefined {
    let node: TrieNode | undefined = first;
    let j = start + 1;
    let best: TermOccurrence | undefined;
    for (;;) {
      if (node.entries !== undefined && (j >= text.length || !isWordChar(text.charCodeAt(j)))) {
        const ids = this.verified(text, start, j, node.entries);
        if (ids.length > 0) best = { start, end: j, conceptIds: ids };
      }
      if (j >= limit || node.next === undefined) break;
      const key = fold(text.charCodeAt(j));
      if (key === SEPARATOR) {
        let newlines = 0;
        let k = j;
        while (k < limit) {
          const ck = text.charCodeAt(k);
          if (fold(ck) !== SEPARATOR) break;
          if (ck === 0x0a && ++newlines > MAX_NEWLINES_IN_SEPARATOR) break;
          k++;
        }
        if (newlines > MAX_NEWLINES_IN_SEPARATOR || k >= limit) break;
        j = k;
      } else {
        j++;
      }
      node = node.next.get(key);
      if (node === undefined) break;
    }
    return best;
  }

  /** The concepts among `entries` whose exact-case characters agree with text[start, end). */
  private verified(text: string, start: number, end: number, entries: readonly FormEntry[]): string[] {
    const ids: string[] = [];
    for (const entry of entries) {
      if (ids.includes(entry.conceptId)) continue;
      if (this.caseAgrees(text, start, end, entry)) ids.push(entry.conceptId);
    }
    return ids;
  }

  private caseAgrees(text: string, start: number, end: number, entry: FormEntry): boolean {
    const { pattern, exact } = entry;
    let p = 0;
    for (let t = start; t < end && p < pattern.length; p++) {
      if (pattern.charCodeAt(p) === SEPARATOR) {
        while (t < end && fold(text.charCodeAt(t)) === SEPARATOR) t++;
        continue;
      }
      if (exact[p] === 1 && text.charCodeAt(t) !== pattern.charCodeAt(p)) return false;
      t++;
    }
    return true;
  }
}
