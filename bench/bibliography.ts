/**
 * Speed of parseBibliography on a large .bib: 10,000 entries (about 5 MB) with 10 malformed
 * entries spread through it. Prints the median of 5 parses, the entries loaded and the problems
 * found, and how much of the time the BibTeX library itself takes.
 *
 *   npx esbuild bench/bibliography.ts --bundle --platform=node --outfile=/tmp/bibbench.js && node /tmp/bibbench.js
 */
import { parse } from '@retorquere/bibtex-parser';
import { parseBibliography } from '../src/core/bibliography/parseBibliography';

const ENTRIES = 10_000;
const MALFORMED = 10;
const RUNS = 5;

const FAMILY = ['M{\\"u}ller', 'Garc{\\\'i}a', 'Smith', 'Nguyen', 'Holohan', 'Assaraf', 'Van Schaeybroeck', "O'Neil", 'Br{\\"o}ckelmann', 'Kim'];
const GIVEN = ['J{\\"o}rg', 'Luc{\\\'i}a', 'Anna', 'Thi Minh', 'Caitriona', 'Yehuda G.', 'Sandra', 'Mary', 'Anja', 'Ha-Eun'];
const WORDS = (
  'resistance efflux PARP inhibitor ABCB1 tumour microenvironment epigenetic autophagy heterogeneity EGFR T790M ' +
  'bypass signalling DNA repair immune evasion cancer stem cells clinical outcome combination therapy relapse'
).split(' ');

function generate(): string {
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const words = (n: number) => Array.from({ length: n }, () => WORDS[rand(WORDS.length)]).join(' ');
  const parts: string[] = ['% Generated for bench/bibliography.ts\n@string{ncr = "Nature Reviews Cancer"}\n'];
  for (let i = 0; i < ENTRIES; i++) {
    const authors = Array.from({ length: 1 + rand(6) }, () => `${FAMILY[rand(10)]}, ${GIVEN[rand(10)]}`).join(' and ');
    const broken = i % (ENTRIES / MALFORMED) === ENTRIES / MALFORMED / 2;
    parts.push(
      `@article{key${i},\n` +
        `  author   = {${authors}},\n` +
        `  title    = {The {PARP} story ${i}: ${words(8)}},\n` +
        `  journal  = ${rand(2) ? 'ncr' : '{Drug Resistance Updates}'},\n` +
        `  year     = {${1990 + rand(35)}},\n  volume = {${rand(60)}},\n  number = {${rand(12)}},\n  pages = {${rand(500)}--${500 + rand(500)}},\n` +
        `  doi      = {10.1038/s41568-${i}},\n` +
        `  abstract = {${words(16)}.},\n` +
        `  keywords = {${words(3)}},\n` +
        (broken ? '\n' : '}\n'),
    );
  }
  return parts.join('\n');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

const text = generate();
console.log(`bibliography: ${ENTRIES} entries, ${(text.length / 1024 / 1024).toFixed(1)} MB, ${MALFORMED} malformed`);

const options = { english: false, sentenceCase: false as const, unsupported: 'ignore' as const };
let result = parseBibliography(text, 'bibtex');
const totals: number[] = [];
const library: number[] = [];
for (let run = 0; run < RUNS; run++) {
  totals.push(time(() => (result = parseBibliography(text, 'bibtex'))));
  library.push(time(() => parse(text, options)));
}
console.log(`  parseBibliography:          median ${median(totals).toFixed(0)} ms over ${RUNS} runs`);
console.log(`  entries loaded:             ${result.entries.length}`);
console.log(`  problems found:             ${result.problems.length} (${result.problems.filter((p) => p.severity === 'error').length} errors)`);
console.log(`  the library's parse alone:  median ${median(library).toFixed(0)} ms (same options)`);
const sentenceCased = time(() => parse(text, { unsupported: 'ignore' }));
console.log(`  the library with its default sentence-casing (not used): ${sentenceCased.toFixed(0)} ms`);
