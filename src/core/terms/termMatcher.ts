import type { GlossaryConcept } from '../model';
import { SEPARATOR, fold, isWordChar } from './characters';
import { formVariants, isAcronymLikeWord } from './formVariants';
import type { TextRange } from './textRange';
import { TermOccurrenceList } from './occurrenceList';
import { CANDIDATE_SIZE, FirstWordScanner, continuationKey, type ScannerTrie } from './wasm/scanner';

/** Where {@link TermMatcher.findAllWithCandidates} is, between two stretches. */
interface FindState {
  readonly out: TermOccurrenceList;
  i: number;
  ex: number;
  nextExcludedStart: number;
  /** Candidates from `at` to `last` in the scanner's array; the scanner has read up to `scannedTo`. */
  at: number;
  last: number;
  scannedTo: number;
  /** Set when a stretch stops because the candidates ran out before the end of the text. */
  needsScan: boolean;
}

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
  /** Whether `exact` has a 1 at all. */
  readonly anyExact: boolean;
  /**
   * The exact characters as bits for the WebAssembly scanner's candidates: bit p of `exactLetters`
   * for an exact ASCII letter at p, of `upperLetters` when it is upper-case; -1 when an exact
   * character is not ASCII or lies beyond 32 (those entries are checked with caseAgrees).
   */
  readonly exactLetters: number;
  readonly upperLetters: number;
}

interface TrieNode {
  next: Map<number, TrieNode> | undefined;
  /** The key of the only child, or -1 (no child, or several): most nodes inside a phrase have one. */
  onlyKey: number;
  onlyChild: TrieNode | undefined;
  entries: FormEntry[] | undefined;
  /** The distinct concepts of `entries`, in order, made on first use: the answer when every entry agrees. */
  allIds: readonly string[] | undefined;
  /** Whether some entry has exact-case characters (set with allIds). */
  anyExact: boolean;
  /** The node's number for the WebAssembly scanner (see scannerTrie). */
  id: number;
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

/** Past any position in a string (V8 strings are shorter than 2^30 - 1): no further excluded range. */
const NO_RANGE = 0x3fffffff;

const NO_IDS: readonly string[] = Object.freeze([]);

/** Texts at least this long are scanned with WebAssembly when it is available. */
const WASM_MIN_LENGTH = 64 * 1024;

/** Which first-word scanner {@link TermMatcher.findAll} uses: 'auto' picks by text length. */
export type TermScanner = 'auto' | 'js' | 'wasm';

/** Size of the first-word bitmap, in bits (128 KiB). */
const FIRST_WORD_BITS = 1 << 20;

/** 1 for ASCII letters and digits: the inner loop's word test. */
const ASCII_WORD = (() => {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) t[c] = /[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0;
  return t;
})();

/**
 * Bitmap position of the word text[start, end): a hash of its folded first four characters (as
 * the bytes of one integer), its last character and its length; two multiplications, as the
 * WebAssembly scanner computes it for every word of a text.
 */
function firstWordKey(text: string, start: number, end: number): number {
  const len = end - start;
  let w = fold(text.charCodeAt(start));
  if (len > 1) w |= fold(text.charCodeAt(start + 1)) << 8;
  if (len > 2) w |= fold(text.charCodeAt(start + 2)) << 16;
  if (len > 3) w |= fold(text.charCodeAt(start + 3)) << 24;
  const z = fold(text.charCodeAt(end - 1)) | (len << 8);
  return Math.imul(Math.imul(w, 0x9e3779b1) ^ Math.imul(z, 0x85ebca6b), 0x27d4eb2f) >>> 12;
}

/** FNV-1a over the folded characters of text[start, end), cut to 30 bits (a small integer in V8: a cheap Map key). */
function wordHash(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let k = start; k < end; k++) h = Math.imul(h ^ fold(text.charCodeAt(k)), 0x01000193);
  return h & 0x3fffffff;
}

function foldedWord(text: string, start: number, end: number): string {
  let w = '';
  for (let k = start; k < end; k++) w += String.fromCharCode(fold(text.charCodeAt(k)));
  return w;
}

/** FormEntry's exactLetters and upperLetters. */
function letterMasks(pattern: string, exact: Uint8Array): { exactLetters: number; upperLetters: number } {
  let exactLetters = 0;
  let upperLetters = 0;
  for (let p = 0; p < pattern.length; p++) {
    if (exact[p] !== 1) continue;
    const c = pattern.charCodeAt(p);
    if (p >= 32 || c >= 0x80) return { exactLetters: -1, upperLetters: -1 };
    // An exact ASCII character other than a letter is its own fold: the trie walk matched it.
    if (c >= 0x41 && c <= 0x5a) {
      exactLetters |= 1 << p;
      upperLetters |= 1 << p;
    } else if (c >= 0x61 && c <= 0x7a) {
      exactLetters |= 1 << p;
    }
  }
  return { exactLetters, upperLetters };
}

/** Sets the node's allIds and anyExact (a node with entries). */
function prepareIds(node: TrieNode): void {
  const all: string[] = [];
  for (const entry of node.entries!) if (!all.includes(entry.conceptId)) all.push(entry.conceptId);
  node.allIds = Object.freeze(all);
  node.anyExact = node.entries!.some((e) => e.anyExact);
}

function newNode(): TrieNode {
  return { next: undefined, onlyKey: -1, onlyChild: undefined, entries: undefined, allIds: undefined, anyExact: false, id: -1 };
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
  /** The WebAssembly scanner, created on the first large text; null when it cannot be used. */
  private wasm: FirstWordScanner | null | undefined;
  /** The trie's nodes by the numbers the scanner's candidates give them. */
  private wasmNodes: TrieNode[] = [];
  /**
   * By the same numbers: the node's concepts, and the letter masks that all its entries share
   * (FormEntry.exactLetters, -1 when they differ, and upperLetters).
   */
  private wasmIds: Array<readonly string[] | undefined> = [];
  private wasmExactLetters = new Int32Array(0);
  private wasmUpperLetters = new Int32Array(0);

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

  /** Whether large texts are scanned with WebAssembly: undefined until the first large text. */
  get scansWithWebAssembly(): boolean | undefined {
    return this.wasm === undefined ? undefined : this.wasm !== null;
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
          node.onlyKey = node.next.size === 1 ? key : -1;
          node.onlyChild = node.next.size === 1 ? child : undefined;
        }
        node = child;
        if (i === firstWordEnd - 1) this.rememberFirstWord(pattern, firstWordEnd, node);
      }
      node.entries ??= [];
      if (node.entries.some((e) => e.conceptId === conceptId && e.pattern === pattern)) continue;
      node.entries.push({ conceptId, pattern, exact, anyExact: exact.includes(1), ...letterMasks(pattern, exact) });
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
   *
   * Texts of 64 KiB or more are scanned with WebAssembly when it is available (compiled on the
   * first such text), shorter ones in JavaScript; both find exactly the same occurrences.
   * `scanner` forces one of them (tests and benchmarks); 'wasm' throws when it is unavailable.
   */
  findAll(text: string, excluded: readonly TextRange[] = [], scanner: TermScanner = 'auto'): TermOccurrence[] {
    return this.occurrencesIn(text, excluded, scanner).toArray();
  }

  /** {@link findAll}'s occurrences as a compact list (no object per occurrence). */
  occurrencesIn(text: string, excluded: readonly TextRange[] = [], scanner: TermScanner = 'auto'): TermOccurrenceList {
    const inJavaScript = () => TermOccurrenceList.from(this.findInRange(text, 0, text.length, excluded));
    if (scanner === 'js' || (scanner === 'auto' && text.length < WASM_MIN_LENGTH)) return inJavaScript();
    const wasm = this.wasmScanner();
    if (wasm === undefined) {
      if (scanner === 'wasm') throw new Error('WebAssembly is not available');
      return inJavaScript();
    }
    try {
      return this.findAllWithCandidates(text, excluded, wasm);
    } catch (error) {
      // Out of memory for the scanner, say: this matcher goes on without it.
      if (scanner === 'wasm') throw error;
      this.wasm = null;
      return inJavaScript();
    }
  }

  /** The WebAssembly scanner for this matcher, created on first use; undefined when unavailable. */
  private wasmScanner(): FirstWordScanner | undefined {
    if (this.wasm === undefined) {
      const trie = this.scannerTrie();
      this.wasm = trie === undefined ? null : (FirstWordScanner.create(this.firstWords, this.continuations(), trie) ?? null);
    }
    return this.wasm ?? undefined;
  }

  /**
   * The continuation bitmap: for every first word, whether a spelling is that word alone, and
   * each folded character a spelling goes on with (directly, or after the separator run that
   * longestFrom skips).
   */
  private continuations(): Uint32Array {
    const bits = new Uint32Array(FIRST_WORD_BITS >>> 5);
    const set = (key: number, c: number) => {
      const bit = continuationKey(key, c);
      bits[bit >>> 5] |= 1 << (bit & 31);
    };
    for (const bucket of this.afterFirstWord.values()) {
      for (const { word, node } of bucket) {
        const key = firstWordKey(word, 0, word.length);
        if (node.entries !== undefined) set(key, 0);
        if (node.next === undefined) continue;
        for (const [c, child] of node.next) {
          if (c !== SEPARATOR) set(key, c);
          else if (child.next !== undefined) for (const after of child.next.keys()) set(key, after);
        }
      }
    }
    return bits;
  }

  /** The trie in the scanner's form (see {@link ScannerTrie}); numbers the nodes in {@link wasmNodes}. */
  private scannerTrie(): ScannerTrie | undefined {
    const order: TrieNode[] = [];
    const info: number[] = [];
    const withEntries: TrieNode[] = [];
    const withChildren: TrieNode[] = [];
    // Depth first, so that a node's only child is the next node.
    const stack = [this.root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      node.id = order.length;
      order.push(node);
      const next = node.next;
      const count = next === undefined ? 0 : next.size;
      if (count >= 1 << 14) return undefined;
      info.push((node.entries !== undefined ? 1 : 0) | (count > 0 ? 2 : 0) | (count === 1 ? node.onlyKey << 2 : 0) | (count << 18), -1);
      if (node.entries !== undefined) withEntries.push(node);
      if (count > 1) withChildren.push(node);
      if (next !== undefined) for (const child of next.values()) stack.push(child);
    }
    const nodes = Int32Array.from(info);
    const pairs: number[] = [];
    for (const node of withChildren) {
      nodes[2 * node.id + 1] = pairs.length / 2;
      for (const [key, child] of node.next!) pairs.push(key, child.id);
    }
    const firstWords: Array<{ key: number; word: string; node: number }> = [];
    for (const bucket of this.afterFirstWord.values()) {
      for (const { word, node } of bucket) {
        if (/^[a-z0-9]+$/.test(word)) firstWords.push({ key: firstWordKey(word, 0, word.length), word, node: node.id });
      }
    }
    this.wasmNodes = order;
    // The concepts of each node with entries, and the letter masks when all its entries share
    // them: such a node's case is checked with the masks.
    this.wasmIds = new Array<readonly string[] | undefined>(order.length);
    this.wasmExactLetters = new Int32Array(order.length).fill(-1);
    this.wasmUpperLetters = new Int32Array(order.length);
    for (const node of withEntries) {
      if (node.allIds === undefined) prepareIds(node);
      this.wasmIds[node.id] = node.allIds;
      const { exactLetters, upperLetters } = node.entries![0];
      if (exactLetters !== -1 && node.entries!.every((e) => e.exactLetters === exactLetters && e.upperLetters === upperLetters)) {
        this.wasmExactLetters[node.id] = exactLetters;
        this.wasmUpperLetters[node.id] = upperLetters;
      }
    }
    return { nodes, pairs: Int32Array.from(pairs), firstWords };
  }

  /**
   * {@link findInRange} over the whole text, skipping ahead with the candidates of `scanner`.
   *
   * This is findInRange's loop, plus a jump: at a position `i` outside excluded ranges and not
   * inside a word, every word before the next candidate (or before the word holding the next
   * excluded start) is one in which findInRange finds nothing, so findInRange would read those
   * words, find nothing, and reach that position with nothing else changed. At a candidate
   * match, findInRange would find it too when no excluded range limits its trie walk and its
   * case agrees; otherwise, and in the regions the scanner leaves to JavaScript, the loop reads
   * the text itself. Excluded ranges, longest matches and the continuation after a hit are
   * therefore exactly findInRange's.
   */
  private findAllWithCandidates(text: string, excluded: readonly TextRange[], scanner: FirstWordScanner): TermOccurrenceList {
    const state: FindState = {
      // About one occurrence per 140 characters in a review: room for them from the start.
      out: new TermOccurrenceList(text.length >>> 7),
      i: 0,
      ex: 0,
      // NO_RANGE rather than Infinity: a small integer, like every other position here.
      nextExcludedStart: excluded.length > 0 ? excluded[0].start : NO_RANGE,
      at: 0,
      last: 0,
      scannedTo: 0,
      needsScan: false,
    };
    // A stretch per chunk of candidates rather than one long call: V8 then optimises the loop
    // like any hot function, instead of on stack replacement and again on later calls.
    for (;;) {
      this.findStretch(text, excluded, scanner, state);
      if (!state.needsScan) return state.out;
      state.scannedTo = scanner.scan(text, Math.max(state.scannedTo, state.i));
      state.at = scanner.candidateBase;
      state.last = state.at + CANDIDATE_SIZE * scanner.count;
    }
  }

  /** {@link findAllWithCandidates} from `state` on, until the scanner's candidates run out (`state.needsScan`) or the text ends. */
  private findStretch(text: string, excluded: readonly TextRange[], scanner: FirstWordScanner, state: FindState): void {
    const out = state.out;
    const n = text.length;
    const word = ASCII_WORD;
    const firstWords = this.firstWords;
    const nodes = this.wasmNodes;
    const nodeIds = this.wasmIds;
    const exactLetters = this.wasmExactLetters;
    const upperLetters = this.wasmUpperLetters;
    const cand = scanner.candidates;
    let { i, ex, nextExcludedStart, at } = state;
    const last = state.last;
    const scannedTo = state.scannedTo;
    state.needsScan = false;

    outer: while (i < n) {
      if (i >= nextExcludedStart) {
        i = Math.max(i, excluded[ex].end);
        ex++;
        nextExcludedStart = ex < excluded.length ? excluded[ex].start : NO_RANGE;
        continue;
      }
      let c = text.charCodeAt(i);
      if (i === 0 || !isWordChar(text.charCodeAt(i - 1)) || (c < 128 ? word[c] === 0 : !isWordChar(c))) {
        // Not inside a word (nor in an excluded range): from candidate to candidate.
        for (;;) {
          // Skip the candidates behind i (a match that starts before i, a region that ends by
          // i); when they run out, the caller scans on from i.
          while (at < last && (cand[at] >= 0 ? cand[at] < i : cand[at + 1] <= i)) at += CANDIDATE_SIZE;
          if (at === last && scannedTo < n) {
            state.needsScan = true;
            break outer;
          }
          let t = at < last ? cand[at] : n;
          const match = t >= 0 && t < n;
          if (t < 0) t = ~t;
          if (t >= nextExcludedStart) {
            if (t > nextExcludedStart) {
              // Stop at the start of the word holding the excluded start: findInRange reads it whole.
              t = nextExcludedStart;
              while (t > i && isWordChar(text.charCodeAt(t - 1))) t--;
            }
            if (t > i) {
              i = t;
              continue outer;
            }
            break;
          }
          if (!match) {
            if (t > i) {
              i = t;
              continue outer;
            }
            break;
          }
          // findInRange reads the word at t next, and finds this match if its walk was not
          // limited by the next excluded range and the case of its entries agrees.
          const end = cand[at + 1];
          if (cand[at + 3] < nextExcludedStart) {
            const node = cand[at + 2];
            const exact = exactLetters[node];
            const ids =
              exact === -1 ? this.verified(text, t, end, nodes[node]) : ((cand[at + 4] ^ upperLetters[node]) & exact) === 0 ? nodeIds[node]! : NO_IDS;
            if (ids.length > 0) {
              out.push(t, end, ids);
              // A match ends before a character that is not a word character: on to the next.
              i = end;
              if (i >= nextExcludedStart || i >= n) continue outer;
              continue;
            }
          }
          // Otherwise read the word at t as findInRange does.
          i = t;
          break;
        }
        c = text.charCodeAt(i);
      }
      if (c < 128 ? word[c] === 0 : !isWordChar(c)) {
        i++;
        continue;
      }
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
        out.push(hit.start, hit.end, hit.conceptIds);
        i = hit.end;
      }
    }
    state.i = i;
    state.ex = ex;
    state.nextExcludedStart = nextExcludedStart;
    state.at = at;
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
        const ids = this.verified(text, start, j, node);
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
      const only: number = node.onlyKey;
      node = only >= 0 ? (only === key ? node.onlyChild : undefined) : node.next.get(key);
      if (node === undefined) break;
    }
    return best;
  }

  /** The concepts among the node's entries whose exact-case characters agree with text[start, end). */
  private verified(text: string, start: number, end: number, node: TrieNode): readonly string[] {
    const entries = node.entries!;
    if (node.allIds === undefined) prepareIds(node);
    // Every entry agrees (the usual case): one shared, frozen array per node.
    if (!node.anyExact) return node.allIds!;
    let k = 0;
    while (k < entries.length && (!entries[k].anyExact || this.caseAgrees(text, start, end, entries[k]))) k++;
    if (k === entries.length) return node.allIds!;
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
