/**
 * The WebAssembly scanner behind {@link TermMatcher.findAll} on large texts. It reads the UTF-8
 * bytes of the text a chunk at a time, finds the words, rules out most of them with the
 * matcher's first-word and continuation bitmaps, walks the trie from the rest, and hands back
 * candidates: possible matches (whose case JavaScript still checks) and the few regions it
 * cannot decide (non-ASCII characters), which JavaScript reads itself. See scanner.wat for the
 * exact contract and the memory layout.
 *
 * Pure: no Node built-ins; TextEncoder and WebAssembly exist in Node, browsers and web workers.
 * The module is compiled synchronously on first use, so that loading this file costs nothing.
 */
import { fold, isWordChar } from '../characters';
import { SCANNER_WASM_BASE64 } from './scannerWasm.generated';

/** Class table entries (code points below this) at address 0. */
const CLASS_TABLE_SIZE = 0x3000;
/** Folded code of every ASCII character. */
const ASCII_FOLD = 0x3000;
/** Addresses of the trie's node records, and of the first-word table and its mask. */
const HEADER_NODES = 0x3100;
const HEADER_FIRST_TABLE = 0x3108;
const HEADER_FIRST_MASK = 0x310c;
/** The first-word and continuation bitmaps, where scanner.wat reads them (`offset=0x4000`, `offset=0x24000`). */
const FIRST_WORDS = 0x4000;
const CONTINUATIONS = 0x24000;
const BITMAP_BYTES = 0x20000;
/** Everything else (first-word table, words, trie, then candidates and input) from here. The memory only grows (about 1.3 MB for the bundled glossary). */
const TABLES = CONTINUATIONS + BITMAP_BYTES;
/**
 * UTF-16 units encoded per call (32 Ki: the chunk, its UTF-8 and the candidates stay in cache); a
 * chunk ends before the word it would cut. Package-internal and mutable only so that tests can
 * make chunk boundaries frequent.
 */
export const scannerChunk = { units: 1 << 15 };
const PAGE = 0x10000;

/**
 * The trie as the scanner reads it: nodes in depth-first order (an only child is the next node),
 * each `info` (flags: 1 entries, 2 children; the only child's key << 2; the number of children
 * << 18) and the index of its first (key, child) pair in `pairs` when it has several children;
 * and the first words whose folded spelling is ASCII, with their key and node.
 */
export interface ScannerTrie {
  readonly nodes: Int32Array;
  readonly pairs: Int32Array;
  readonly firstWords: ReadonlyArray<{ readonly key: number; readonly word: string; readonly node: number }>;
}

/**
 * Writes text[from, to) as UTF-16LE code units into `buffer` at `byteOffset`. Plain JavaScript
 * has no fast way to do this (TextEncoder only writes UTF-8, at about a third of a nanosecond a
 * character); Node's Buffer copies UTF-16 at memory speed, so the Node entry points install one
 * with {@link useUtf16Copy}, and the scanner then reads the units instead of UTF-8.
 */
export type Utf16Copy = (text: string, from: number, to: number, buffer: ArrayBuffer, byteOffset: number) => void;

let utf16Copy: Utf16Copy | undefined;

/** Installs (or, with undefined, removes) the platform's fast UTF-16 copy for every scanner. */
export function useUtf16Copy(copy: Utf16Copy | undefined): void {
  utf16Copy = copy;
}

/** The compiled module; null once compiling failed (no WebAssembly, or no SIMD support). */
let compiled: WebAssembly.Module | null | undefined;
let encoder: TextEncoder | undefined;

function decodeBase64(s: string): Uint8Array<ArrayBuffer> {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const value = new Uint8Array(128);
  for (let k = 0; k < 64; k++) value[alphabet.charCodeAt(k)] = k;
  const clean = s.replace(/=+$/, '');
  const out = new Uint8Array(new ArrayBuffer((clean.length * 3) >> 2));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let k = 0; k < clean.length; k++) {
    acc = ((acc << 6) | value[clean.charCodeAt(k)]) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  return out;
}

function scannerModule(): WebAssembly.Module | undefined {
  if (compiled === undefined) {
    try {
      compiled = typeof WebAssembly === 'object' && typeof TextEncoder === 'function' ? new WebAssembly.Module(decodeBase64(SCANNER_WASM_BASE64)) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled ?? undefined;
}

/**
 * Bit of the continuation bitmap for a first word of key `key` (see firstWordKey in
 * termMatcher.ts) followed by the folded character `c`, or standing alone when `c` is 0.
 */
export function continuationKey(key: number, c: number): number {
  return Math.imul(key ^ Math.imul(c + 1, 0x9e3779b1), 0x85ebca6b) >>> 12;
}

/** Int32 values per candidate (see {@link FirstWordScanner.candidates}). */
export const CANDIDATE_SIZE = 5;

type ScanFunction = (input: number, end: number, base: number, last: number, out: number, units: number) => number;
type NarrowFunction = (src: number, units: number) => void;

/** One scanner instance per matcher: its memory holds the matcher's tables. */
export class FirstWordScanner {
  /**
   * The candidates of the last {@link scan}, five int32 each ({@link CANDIDATE_SIZE}) from index
   * {@link candidateBase}, in text order:
   * - (start, end, node, reach, upper), start >= 0: a spelling may be text[start, end), ending at
   *   trie node number `node`, if no excluded range starts at or before `reach` and the case of
   *   the node's entries agrees; bit p of `upper`: the text character matched with the
   *   spelling's character p (p < 32) is an upper-case ASCII letter;
   * - (~start, end, -1, -1, 0), start < 0: JavaScript must read text[start, end) itself.
   */
  candidates: Int32Array;
  /** Index in {@link candidates} of the first candidate. */
  readonly candidateBase: number;
  /** Number of candidates written by the last {@link scan}. */
  count = 0;
  private bytes: Uint8Array;

  private constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly scanFunction: ScanFunction,
    private readonly narrowFunction: NarrowFunction,
    /** Address of the candidates, after the tables. */
    private readonly out: number,
  ) {
    this.bytes = new Uint8Array(memory.buffer);
    this.candidates = new Int32Array(memory.buffer);
    this.candidateBase = out >> 2;
  }

  /**
   * A scanner for the bitmaps `firstWords` (bit {@link firstWordKey} of the first word of every
   * spelling) and `continuations` (bit {@link continuationKey} of what may follow such a word),
   * and the trie, or undefined when WebAssembly cannot be used here.
   */
  static create(firstWords: Uint32Array, continuations: Uint32Array, trie: ScannerTrie): FirstWordScanner | undefined {
    const module = scannerModule();
    if (module === undefined) return undefined;
    try {
      // The first-word table: open addressing by key, at most half full.
      let slots = 16;
      while (slots < 2 * trie.firstWords.length) slots *= 2;
      const firstTable = TABLES;
      let words = firstTable + slots * 16;
      let wordBytes = 0;
      for (const w of trie.firstWords) wordBytes += w.word.length;
      const nodes = (words + wordBytes + 7) & ~7;
      const pairs = nodes + trie.nodes.length * 4;
      const out = (pairs + trie.pairs.length * 4 + 15) & ~15;

      const instance = new WebAssembly.Instance(module, {});
      const memory = instance.exports.memory as WebAssembly.Memory;
      const scanner = new FirstWordScanner(memory, instance.exports.scan as ScanFunction, instance.exports.narrow as NarrowFunction, out);
      scanner.ensureMemory(out + PAGE);
      const bytes = scanner.bytes;
      const ints = new Int32Array(memory.buffer);
      for (let c = 0; c < CLASS_TABLE_SIZE; c++) bytes[c] = isWordChar(c) ? 1 : 0;
      for (let c = 0; c < 0x80; c++) bytes[ASCII_FOLD + c] = fold(c);
      ints[HEADER_NODES >> 2] = nodes;
      ints[HEADER_FIRST_TABLE >> 2] = firstTable;
      ints[HEADER_FIRST_MASK >> 2] = slots - 1;
      new Uint32Array(memory.buffer, FIRST_WORDS, BITMAP_BYTES >>> 2).set(firstWords);
      new Uint32Array(memory.buffer, CONTINUATIONS, BITMAP_BYTES >>> 2).set(continuations);
      for (const { key, word, node } of trie.firstWords) {
        let slot = key & (slots - 1);
        while (ints[(firstTable >> 2) + slot * 4] !== 0) slot = (slot + 1) & (slots - 1);
        const at = (firstTable >> 2) + slot * 4;
        ints[at] = key + 1;
        ints[at + 1] = node;
        ints[at + 2] = words;
        ints[at + 3] = word.length;
        for (let k = 0; k < word.length; k++) bytes[words++] = word.charCodeAt(k);
      }
      for (let k = 0; k < trie.nodes.length; k += 2) {
        ints[(nodes >> 2) + k] = trie.nodes[k];
        ints[(nodes >> 2) + k + 1] = trie.nodes[k + 1] < 0 ? 0 : pairs + trie.nodes[k + 1] * 8;
      }
      ints.set(trie.pairs, pairs >> 2);
      encoder ??= new TextEncoder();
      return scanner;
    } catch {
      return undefined;
    }
  }

  /**
   * Scans one chunk of `text` from `from`, which must not be inside a word (the character
   * before it or the one at it is not a word character). Returns where the chunk ends: before a
   * word (never cut), or at the end of the text. The candidates are in {@link candidates},
   * {@link count} of them, in order.
   */
  scan(text: string, from: number): number {
    const n = text.length;
    let to = Math.min(n, from + scannerChunk.units);
    if (to < n && isWordChar(text.charCodeAt(to))) {
      // End before the word that the chunk would cut.
      let start = to;
      while (start > from && isWordChar(text.charCodeAt(start - 1))) start--;
      if (start === from) {
        // One word longer than a chunk: JavaScript reads it, without copying it here.
        while (to < n && isWordChar(text.charCodeAt(to))) to++;
        const at = this.out >> 2;
        this.candidates[at] = ~from;
        this.candidates[at + 1] = to;
        this.candidates[at + 2] = -1;
        this.candidates[at + 3] = -1;
        this.candidates[at + 4] = 0;
        this.count = 1;
        return to;
      }
      to = start;
    }
    const length = to - from;
    // At most one word per two UTF-16 units (a word and the character that ends it), a record each.
    const input = (this.out + ((length >> 1) + 2) * CANDIDATE_SIZE * 4 + 15) & ~15;
    const capacity = length * 3;
    this.ensureMemory(input + capacity + 32);
    let written: number;
    if (utf16Copy !== undefined) {
      // UTF-16 units copied, then narrowed in place to a byte each.
      utf16Copy(text, from, to, this.memory.buffer, input);
      this.narrowFunction(input, length);
      written = length;
    } else {
      written = encoder!.encodeInto(from === 0 && to === n ? text : text.slice(from, to), this.bytes.subarray(input, input + capacity)).written;
    }
    this.bytes[input + written] = 0x20;
    this.count = (this.scanFunction(input, input + written, from, to === n ? 1 : 0, this.out, utf16Copy !== undefined ? 1 : 0) - this.out) / (CANDIDATE_SIZE * 4);
    return to;
  }

  private ensureMemory(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes <= have) return;
    this.memory.grow(Math.ceil((bytes - have) / PAGE));
    this.bytes = new Uint8Array(this.memory.buffer);
    this.candidates = new Int32Array(this.memory.buffer);
  }
}
