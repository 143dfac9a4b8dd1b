import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { findExcludedRanges, type ManuscriptDialect } from '../../src/core/terms/excludedRanges';
import type { TextRange } from '../../src/core/terms/textRange';
import { TermMatcher } from '../../src/core/terms/termMatcher';
import { scannerChunk, useUtf16Copy } from '../../src/core/terms/wasm/scanner';
import { nodeUtf16Copy } from '../../src/node/utf16Copy';
import { findExcludedRanges as referenceExcludedRanges } from './excludedRangesReference';
import { generateManuscript, PROSE } from '../fixtures/manuscript';
import { concept, knowledgeBase, repoRoot, smallGlossary } from './helpers';

/** Everyday words, as in bench/bench.ts, some of them first words of glossary spellings. */

/** Everything around words that the two scanners could see differently. */
const MARKUP = [
  ' ', ' ', ' ', '  ', '\n', '\n\n', '\r\n', '\t', '-', '--', '\u2010', '\u2011', '\u2013', '\u2014', '\u2212', '\u00a0', '\u202f', '\u3000', '\uff0d',
  '.', ',', ';', ':', '(', ')', '[', ']', '/', '_', "'", '"', '*', '**', '`', '```\n', '\n```\n', '~~~\n', '$', '$$', '\\', '%', '{', '}', '@', '-@', '<', '>',
  '[@assaraf2023]', '@key', 'x@y.org', '](x.md)', 'https://example.org/P-gp', 'www.x.org', 'doi:10.1000/x', '10.1234/abc', '<!-- c -->', '<https://x.org>',
  '$k = BER$', '$\\beta$', '\\cite{BCRP}', '\\textit{', '\\BER', '\\[x\\]', '% BER\n',
  'é', 'ü', 'α', 'β', 'κ', 'Ω', 'ж', 'Тест', 'ÉGFR', 'naïve', 'e\u0301', '\u00e9tude', '😀', '𝛼', '\ud800', '中文', '。', 'ａ',
  '0', '1', '10', '2023', 's', 'S', 'x', 'X', 'ABC', 'abc',
];


function formsOf(concepts: ReturnType<typeof concept>[]): string[] {
  return concepts.flatMap((c) => [c.label, ...(c.abbreviations ?? []), ...(c.synonyms ?? [])]);
}

/** Occurrences found by one scanner, as comparable values. */
function occurrences(matcher: TermMatcher, text: string, excluded: readonly TextRange[], scanner: 'js' | 'wasm') {
  return matcher.findAll(text, excluded, scanner).map((o) => ({ start: o.start, end: o.end, conceptIds: [...o.conceptIds] }));
}

/** Sorted, disjoint ranges of `text` from random cut points (they may start or end inside words). */
function randomRanges(length: number, cuts: number[]): TextRange[] {
  const points = [...new Set(cuts.map((c) => c % (length + 1)))].sort((a, b) => a - b);
  const ranges: TextRange[] = [];
  for (let k = 0; k + 1 < points.length; k += 2) if (points[k] < points[k + 1]) ranges.push({ start: points[k], end: points[k + 1] });
  return ranges;
}

// The scanner reads either UTF-8 (TextEncoder: the web worker) or UTF-16 units copied by Node's
// Buffer and narrowed to a byte each (the Node host, the CLI): every test runs with both.
for (const input of ['UTF-8 from TextEncoder', 'UTF-16 from Node\'s Buffer'] as const) describe(`WebAssembly first-word scanner, reading ${input}`, () => {
  before(() => useUtf16Copy(input.startsWith('UTF-16') ? nodeUtf16Copy : undefined));
  after(() => useUtf16Copy(undefined));
  const kb = knowledgeBase();
  const forms = formsOf([...kb.concepts]);
  const small = TermMatcher.fromConcepts(smallGlossary(), { caseSensitiveForms: ['Notch'] });
  const matchers = [
    { name: 'the knowledge base', matcher: kb.termMatcher, forms },
    { name: 'a small glossary', matcher: small, forms: formsOf(smallGlossary()) },
  ];
  const pieces = (forms: string[]) => fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...forms) },
    { weight: 6, arbitrary: fc.constantFrom(...PROSE) },
    { weight: 6, arbitrary: fc.constantFrom(...MARKUP) },
    // Glossary forms in other cases, or cut, or glued to their neighbours.
    { weight: 1, arbitrary: fc.constantFrom(...forms).map((f) => f.toUpperCase()) },
    { weight: 1, arbitrary: fc.constantFrom(...forms).map((f) => f.toLowerCase()) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...forms), fc.nat()).map(([f, k]) => f.slice(0, k % (f.length + 1))) },
  );
  const textOf = (forms: string[]) => fc.array(pieces(forms), { maxLength: 200, size: 'large' }).map((a) => a.join(''));
  const dialectArb = fc.constantFrom<ManuscriptDialect>('markdown', 'latex', 'plain');

  let savedChunk = scannerChunk.units;
  beforeEach(() => {
    savedChunk = scannerChunk.units;
  });
  afterEach(() => {
    scannerChunk.units = savedChunk;
  });

  it('is available here (Node has WebAssembly with SIMD)', () => {
    assert.equal(kb.termMatcher.findAll('BCRP', [], 'wasm').length, 1);
  });

  for (const { name, matcher, forms } of matchers) {
    it(`finds exactly what the JavaScript scanner finds, outside each dialect's excluded ranges (${name})`, () => {
      fc.assert(
        fc.property(textOf(forms), dialectArb, fc.integer({ min: 1, max: 64 }), (text, dialect, chunk) => {
          scannerChunk.units = chunk;
          const excluded = findExcludedRanges(text, dialect);
          assert.deepEqual(occurrences(matcher, text, excluded, 'wasm'), occurrences(matcher, text, excluded, 'js'));
        }),
        { numRuns: 2000 },
      );
    });

    it(`finds exactly what the JavaScript scanner finds with arbitrary excluded ranges, even ones that cut words (${name})`, () => {
      fc.assert(
        fc.property(textOf(forms), fc.array(fc.nat(), { maxLength: 12 }), fc.integer({ min: 1, max: 200 }), (text, cuts, chunk) => {
          scannerChunk.units = chunk;
          const excluded = randomRanges(text.length, cuts);
          assert.deepEqual(occurrences(matcher, text, excluded, 'wasm'), occurrences(matcher, text, excluded, 'js'));
        }),
        { numRuns: 2000 },
      );
    });
  }

  it('agrees on case-sensitive and ambiguous forms, dashes, Greek letters and slashes', () => {
    const text = 'Notch and notch, HR and hr, P-gp, P\u2011gp, p-GP, TNF-α, TNF-alpha, NF-κB, β-catenin, PI3K/Akt, PARP inhibitors, efflux\n\npump, EGFR  T790M.';
    const found = occurrences(small, text, [], 'wasm');
    assert.deepEqual(found, occurrences(small, text, [], 'js'));
    assert.ok(found.length >= 10);
  });

  it('agrees with the JavaScript scanner on a generated manuscript of about 1 MB, in default-sized chunks', () => {
    const text = generateManuscript(forms, 1024 * 1024);
    const excluded = findExcludedRanges(text, 'markdown');
    const wasm = occurrences(kb.termMatcher, text, excluded, 'wasm');
    assert.ok(wasm.length > 5000);
    assert.deepEqual(wasm, occurrences(kb.termMatcher, text, excluded, 'js'));
    // 'auto' takes the WebAssembly path at this size.
    assert.deepEqual(kb.termMatcher.findAll(text, excluded).length, wasm.length);
  });
});

describe('WebAssembly scanner module', () => {
  it('is embedded from an up-to-date build of scanner.wat', async () => {
    const { generate } = (await import(join(repoRoot, 'scripts', 'build-wasm.mjs'))) as { generate: (wat: string) => Promise<string> };
    const dir = join(repoRoot, 'src', 'core', 'terms', 'wasm');
    const expected = await generate(readFileSync(join(dir, 'scanner.wat'), 'utf8'));
    assert.equal(readFileSync(join(dir, 'scannerWasm.generated.ts'), 'utf8'), expected, 'run node scripts/build-wasm.mjs');
  });
});

describe('findExcludedRanges', () => {
  const PIECES = [
    '```', '~~~', '````', '~~~~', '`', '``', ' ', '  ', '   ', '    ', '\n', '\r\n', '\r', '\n\n', '\u2028', '\u2029', '\t', '$', '$$', '\\$', '@', '-@', '-',
    '[@key]', '@a.b', 'x@y.z', '@é', '@_x', '.@x', '](', ']', '(', ')', '<', '>', '<!--', '-->', '--', 'http://', 'https://x.org/a', 'ftp://', 'file://', 'htt',
    'p', 's', ':', '//', '/', 'www.', 'www', 'doi:', 'doi: 10.1234/x', '10.', '10.1234/abc', '1', '0', '.', 'a', 'B', 'é', '_', '"', "'", '\\', '\\begin{equation}',
    '\\end{equation}', '\\cite{x}', '\\ref{fig:1}', '%', '\\%', '\\(', '\\)', '\\[', '\\]', '😀', 'α', '{', '}', 'ab c', 'BCRP', 'mailto:a@b', 'info`x`', '$\\beta$', '\\alpha',
    '\u00a0', '\u3000', '\ufeff', '\v', '\f', 'HTTP://', 'https://', '#', '~', '+', '?', 'x_y', '9',
    '```{r}\n', '#| fig-cap: ', '#| tbl-cap: "', '\n#| fig-cap: BCRP', '#|',
  ];
  const textArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 80, size: 'large' }).map((a) => a.join(''));

  it('gives the ranges of the whole-text regular expressions it replaced, in every dialect', () => {
    fc.assert(
      fc.property(textArb, fc.constantFrom<ManuscriptDialect>('markdown', 'latex', 'plain'), (text, dialect) => {
        assert.deepEqual(findExcludedRanges(text, dialect), referenceExcludedRanges(text, dialect));
      }),
      { numRuns: 20000 },
    );
  });

  it('gives the same ranges on the review excerpts and a generated manuscript', () => {
    for (const [file, dialect] of [['review-excerpt.md', 'markdown'], ['review-excerpt.tex', 'latex']] as const) {
      const text = readFileSync(join(__dirname, 'fixtures', file), 'utf8');
      assert.deepEqual(findExcludedRanges(text, dialect), referenceExcludedRanges(text, dialect));
    }
    const text = generateManuscript(['BCRP', 'P-gp'], 256 * 1024);
    for (const dialect of ['markdown', 'latex', 'plain'] as const) assert.deepEqual(findExcludedRanges(text, dialect), referenceExcludedRanges(text, dialect));
  });
});

