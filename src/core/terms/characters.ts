/**
 * Character classes used by the term matcher. Tables are built once, on first use, so that
 * loading the module costs nothing at activation.
 */

/** Folded code of every separator: whitespace, hyphens and dashes all fold to a space. */
export const SEPARATOR = 0x20;

const TABLE_SIZE = 0x3000;
let foldTable: Uint16Array | undefined;
let wordTable: Uint8Array | undefined;

const DASHES = [0x2d, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212, 0xfe63, 0xff0d];
const SPACES = [0x20, 0x09, 0x0a, 0x0d, 0x0c, 0x0b, 0xa0, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x202f, 0x205f];
const WORD_RE = /[\p{L}\p{N}\p{M}]/u;

function buildTables(): void {
  foldTable = new Uint16Array(TABLE_SIZE);
  wordTable = new Uint8Array(TABLE_SIZE);
  for (let c = 0; c < TABLE_SIZE; c++) {
    const ch = String.fromCharCode(c);
    const lower = ch.toLowerCase();
    foldTable[c] = lower.length === 1 ? lower.charCodeAt(0) : c;
    wordTable[c] = WORD_RE.test(ch) ? 1 : 0;
  }
  for (const c of [...DASHES, ...SPACES]) if (c < TABLE_SIZE) foldTable[c] = SEPARATOR;
}

/** Case- and separator-folded code of a UTF-16 code unit. */
export function fold(c: number): number {
  if (foldTable === undefined) buildTables();
  if (c < TABLE_SIZE) return foldTable![c];
  if (DASHES.includes(c) || SPACES.includes(c)) return SEPARATOR;
  const lower = String.fromCharCode(c).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : c;
}

/** Letters, digits and combining marks: what a term may not touch on either side. */
export function isWordChar(c: number): boolean {
  if (wordTable === undefined) buildTables();
  if (c < TABLE_SIZE) return wordTable![c] === 1;
  // Surrogates (astral letters) count as word characters; other code units are tested directly.
  if (c >= 0xd800 && c <= 0xdfff) return true;
  return WORD_RE.test(String.fromCharCode(c));
}

/** True for characters that fold to {@link SEPARATOR}. */
export function isSeparator(c: number): boolean {
  return fold(c) === SEPARATOR;
}

/** Folds a whole string, collapsing each run of separators to one space. */
export function foldString(s: string): string {
  let out = '';
  let lastSep = false;
  for (let i = 0; i < s.length; i++) {
    const f = fold(s.charCodeAt(i));
    if (f === SEPARATOR) {
      if (!lastSep) out += ' ';
      lastSep = true;
    } else {
      out += String.fromCharCode(f);
      lastSep = false;
    }
  }
  return out.trim();
}
