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

/** Size of the first-word bitmap, in bits (128 KiB). */
const FIRST_WORD_BITS = 1 << 20;

/** 1 for ASCII letters and digits: the inner loop's word test. */
const ASCII_WORD = (() => {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) t[c] = /[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0;
  return t;
})();

/** Bitmap position of the word text[start, end): its folded first three and last characters and its length. */
function firstWordKey(text: string, start: number, end: number): number {
  const len = end - start;
  const a = fold(text.charCodeAt(start));
  const b = len > 1 ? fold(text.charCodeAt(start + 1)) : 0;
  const c = len > 2 ? fold(text.charCodeAt(start + 2)) : 0;
  const z = fold(text.charCodeAt(end - 1));
  let h = Math.imul(a, 0x9e3779b1) ^ b;
  h = Math.imul(h, 0x85ebca6b) ^ c;
  h = Math.imul(h, 0xc2b2ae35) ^ z;
  return Math.imul(h ^ len, 0x27d4eb2f) >>> 12;
}

/** FNV-1a over the folded characters of text[start, end). */
function wordHash(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let k = start; k < end; k++) h = Math.imul(h ^ fold(text.charCodeAt(k)), 0x01000193);
  return h;
}

function foldedWord(text: string, start: number, end: number): string {
  let w = '';
  for (let k = start; k < end; k++) w += String.fromCharCode(fold(text.charCodeAt(k)));
  return w;
}

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
  /**
   * A bitmap over (first, second, last character, length) of the first word of every spelling:
   * most words of a text are ruled out by one probe, without walking the trie.
   */
  private readonly firstWords = new Uint32Array(FIRST_WORD_BITS >>> 5);
  /** Trie node reached after each distinct first word, by hash of the folded word: one lookup instead of a walk. */
  private readonly afterFirstWord = new Map<number, Array<{ readonly word: string; readonly node: TrieNode }>>();
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
      if (!isWordChar(pattern.charCodeAt(0))) continue;
      let firstWordEnd = 1;
      while (firstWordEnd < pattern.length && isWordChar(pattern.charCodeAt(firstWordEnd))) firstWordEnd++;
      const bit = firstWordKey(pattern, 0, firstWordEnd);
      this.firstWords[bit >>> 5] |= 1 << (bit & 31);
      let node = this.root;
      for (let i = 0; i < pattern.length; i++) {
        const key = fold(pattern.charCodeAt(i));
        node.next ??= new Map();
        let child = node.next.get(key);
        if (!child) {
          child = newNode();
          node.next.set(key, child);
        }
        node = child;
        if (i === firstWordEnd - 1) this.rememberFirstWord(pattern, firstWordEnd, node);
      }
      node.entries ??= [];
      if (node.entries.some((e) => e.conceptId === conceptId && e.pattern === pattern)) continue;
      node.entries.push({ conceptId, pattern, exact });
      this.formCount++;
    }
  }

  private rememberFirstWord(pattern: string, end: number, node: TrieNode): void {
    const h = wordHash(pattern, 0, end);
    const word = foldedWord(pattern, 0, end);
    const bucket = this.afterFirstWord.get(h) ?? [];
    if (!bucket.some((b) => b.word === word)) bucket.push({ word, node });
    this.afterFirstWord.set(h, bucket);
  }

  /** The trie node after the word text[start, end), if some spelling starts with that word. */
  private nodeAfterWord(text: string, start: number, end: number): TrieNode | undefined {
    const bucket = this.afterFirstWord.get(wordHash(text, start, end));
    if (bucket === undefined) return undefined;
    outer: for (const { word, node } of bucket) {
      if (word.length !== end - start) continue;
      for (let k = 0; k < word.length; k++) if (fold(text.charCodeAt(start + k)) !== word.charCodeAt(k)) continue outer;
      return node;
    }
    return undefined;
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
    const word = ASCII_WORD;
    const firstWords = this.firstWords;
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
      let c = text.charCodeAt(i);
      if (c < 128 ? word[c] === 0 : !isWordChar(c)) {
        i++;
        continue;
      }
      // Read the whole word, then ask the bitmap whether a spelling can start with it.
      const start = i;
      for (i++; i < n; i++) {
        c = text.charCodeAt(i);
        if (c < 128 ? word[c] === 0 : !isWordChar(c)) break;
      }
      const bit = firstWordKey(text, start, i);
      if ((firstWords[bit >>> 5] & (1 << (bit & 31))) === 0) continue;
      const node = this.nodeAfterWord(text, start, i);
      if (node === undefined) continue;
      const hit = this.longestFrom(text, start, i, node, Math.min(n, nextExcludedStart));
      if (hit !== undefined) {
        out.push(hit);
        i = hit.end;
      }
    }
    return out;
  }

  /** The longest spelling that starts at `start`, continuing from `node`, reached at text offset `j`. */
  private longestFrom(text: string, start: number, j: number, afterFirstWord: TrieNode, limit: number): TermOccurrence | undefined {
    let node: TrieNode | undefined = afterFirstWord;
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
