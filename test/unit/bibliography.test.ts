import './fixtures/bib/requireEsmOnly';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  bibliographyFormatOf,
  parseBibliography,
  type BibliographyFormat,
  type BibliographyProblem,
  type ParsedBibliography,
} from '../../src/core/bibliography/parseBibliography';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', 'bib', name), 'utf8');
const keys = (parsed: ParsedBibliography) => parsed.entries.map((e) => e.key);
const item = (parsed: ParsedBibliography, key: string) => parsed.entries.find((e) => e.key === key)?.item;
/** Problems as a user reads them: 1-based line, code, severity, message. */
const shown = (problems: readonly BibliographyProblem[]) => problems.map((p) => [p.line + 1, p.code, p.severity, p.message]);

describe('bibliographyFormatOf', () => {
  it('knows the formats by extension, whatever the case', () => {
    assert.equal(bibliographyFormatOf('refs.bib'), 'bibtex');
    assert.equal(bibliographyFormatOf('/home/me/Refs.BIB'), 'bibtex');
    assert.equal(bibliographyFormatOf('C:\\papers\\library.json'), 'csl-json');
    assert.equal(bibliographyFormatOf('refs.yaml'), 'csl-yaml');
    assert.equal(bibliographyFormatOf('refs.YML'), 'csl-yaml');
    assert.equal(bibliographyFormatOf('export.ris'), 'ris');
    assert.equal(bibliographyFormatOf('notes.md'), undefined);
    assert.equal(bibliographyFormatOf('bib'), undefined);
    assert.equal(bibliographyFormatOf('dir.bib/file'), undefined);
  });
});

describe('parseBibliography: tricky but valid BibTeX/BibLaTeX', () => {
  const text = fixture('tricky.bib');
  const parsed = parseBibliography(text, 'bibtex');

  it('loads every entry, in file order, and nothing from @comment', () => {
    assert.deepEqual(keys(parsed), ['assaraf2023', 'mao2021', 'parent2019', 'chapter2019', 'conf2020', 'thesis2018', 'web2022', 'paren2017']);
  });

  it('reports only the unknown command, at its place, and keeps the entry', () => {
    assert.deepEqual(shown(parsed.problems), [
      [82, 'bib-unsupported', 'warning', 'Entry "paren2017" uses the unknown LaTeX command "\\\\unknowncommand"; it was left out of the text'],
    ]);
    const p = parsed.problems[0];
    assert.equal(text.slice(text.split('\n').slice(0, p.line).join('\n').length + 1 + p.column).slice(0, 15), '\\unknowncommand');
    assert.equal(item(parsed, 'paren2017')?.title, 'Quoted Über values and a kept argument');
  });

  it('places each entry at its "@" and its key', () => {
    const entry = parsed.entries.find((e) => e.key === 'mao2021')!;
    assert.equal(text.split('\n')[entry.line].slice(entry.column, entry.column + 9), '@Article{');
    assert.equal(text.slice(entry.keyOffset, entry.keyOffset + 7), 'mao2021');
    const paren = parsed.entries.find((e) => e.key === 'paren2017')!;
    assert.equal(text.slice(paren.keyOffset, paren.keyOffset + 9), 'paren2017');
  });

  it('decodes LaTeX accents to Unicode and maps the fields to CSL-JSON', () => {
    assert.deepEqual(item(parsed, 'assaraf2023'), {
      id: 'assaraf2023',
      type: 'article-journal',
      title: 'The ABCB1 efflux pump and PARP inhibitor resistance in BRCA-mutated cancers',
      author: [
        { family: 'Assaraf', given: 'Yehuda G.' },
        { family: 'Bröckelmann', given: 'Anja' },
        { family: 'Müller', given: 'Jörg' },
        { family: 'García-Peña', given: 'Lucía' },
        { literal: 'World Health Organization' },
      ],
      'container-title': 'Nature Reviews Cancer',
      volume: '23',
      issue: '4',
      page: '764-777',
      issued: { 'date-parts': [[2023, 3]] },
      DOI: '10.1038/s41568-023-00001-x',
      PMID: '36890123',
      URL: 'https://doi.org/10.1038/s41568-023-00001-x',
      keyword: 'efflux, PARP',
    });
  });

  it('reads BibLaTeX fields: journaltitle with @string and #, date ranges, eprint, particles', () => {
    const mao = item(parsed, 'mao2021')!;
    assert.equal(mao.title, 'Resistance to EGFR tyrosine kinase inhibitors: the T790M story');
    assert.deepEqual(mao.author, [
      { family: 'Mao', given: 'Li' },
      { family: 'Étienne', given: 'Cécile' },
      { family: 'Berg', given: 'Pieter', 'non-dropping-particle': 'van der' },
    ]);
    assert.equal(mao['container-title'], 'Nature Reviews Clinical Oncology');
    assert.equal(mao['container-title-short'], 'Nat Rev Clin Oncol');
    assert.deepEqual(mao.issued, { 'date-parts': [[2021, 6, 15]] });
    assert.equal(mao.page, '1-14');
    assert.equal(mao.issue, 'Spring');
    assert.equal(mao.PMID, '33456789');
    assert.equal(mao.abstract, 'Acquired resistance emerges in 50% of patients\u00a0within a year.');
  });

  it('applies crossref inheritance from the parent entry', () => {
    const chapter = item(parsed, 'chapter2019')!;
    assert.equal(chapter.type, 'chapter');
    assert.equal(chapter.title, 'Mechanisms of <i>de novo</i> resistance');
    assert.equal(chapter['container-title'], 'Cancer Drug Resistance');
    assert.equal(chapter.publisher, 'Springer');
    assert.equal(chapter['publisher-place'], 'Cham');
    assert.deepEqual(chapter.issued, { 'date-parts': [[2019]] });
    assert.deepEqual(chapter.editor, [
      { family: 'Holohan', given: 'Caitriona' },
      { family: 'Johnston', given: 'Patrick G.' },
    ]);
  });

  it('keeps titles as written (no sentence-casing), drops case-protecting braces, runs @preamble macros', () => {
    const conf = item(parsed, 'conf2020')!;
    assert.equal(conf.title, 'CAR-T cells meet the tumour microenvironment');
    assert.equal(conf.type, 'paper-conference');
    assert.equal(conf['container-title'], 'Proceedings of the Annual Meeting');
    assert.deepEqual(conf.author, [
      { family: 'Smith', given: 'John', suffix: 'Jr.' },
      { family: "O'Neil", given: 'Mary' },
    ]);
    assert.equal(item(parsed, 'thesis2018')?.genre, 'PhD thesis');
    assert.equal(item(parsed, 'thesis2018')?.publisher, 'University of Oxford');
    assert.deepEqual(item(parsed, 'web2022')?.accessed, { 'date-parts': [[2022, 11, 2]] });
    assert.equal(item(parsed, 'web2022')?.type, 'webpage');
  });
});

describe('parseBibliography: malformed BibTeX', () => {
  const parsed = parseBibliography(fixture('malformed.bib'), 'bibtex');

  it('loads every good entry around the broken ones', () => {
    assert.deepEqual(keys(parsed), ['good1', 'good2', 'good3', 'good4', 'good5', 'good6']);
    assert.equal(item(parsed, 'good2')?.title, 'A view on drug resistance in cancer');
    assert.deepEqual(item(parsed, 'good1')?.author, [
      { family: 'Holohan', given: 'Caitriona' },
      { family: 'Van Schaeybroeck', given: 'Sandra' },
    ]);
  });

  it('reports each broken entry at its line with a readable message', () => {
    assert.deepEqual(shown(parsed.problems), [
      [9, 'bib-syntax', 'error', 'Entry "smith2020" is not closed: missing "}" before the next entry'],
      [20, 'bib-missing-key', 'error', 'This @article entry has no citation key: write one after "@article{"'],
      [32, 'bib-syntax', 'error', 'Entry "nocomma": missing "," before the field "year"'],
      [35, 'bib-duplicate-key', 'warning', 'Duplicate key "good2" (first defined on line 14); this entry is ignored'],
      [43, 'bib-unsupported', 'warning', 'Entry "good4" uses the unknown LaTeX command "\\\\weirdmacro"; it was left out of the text'],
      [48, 'bib-syntax', 'error', 'Entry "noequals": expected "=" after "title" (or a "," is missing before it)'],
      [53, 'bib-syntax', 'error', 'Entry "runaway": the value starting "{{{A value whose braces…" is never closed (missing "}")'],
    ]);
  });

  it('gives each problem a range that covers at least the rest of its line', () => {
    const lines = fixture('malformed.bib').split('\n');
    for (const p of parsed.problems) {
      assert.ok(p.endLine > p.line || (p.endLine === p.line && p.endColumn >= lines[p.line].length), JSON.stringify(p));
    }
  });

  it('keeps the first of two entries with the same key', () => {
    assert.equal(item(parsed, 'good2')?.issued?.['date-parts']?.[0]?.[0], 2019);
  });

  it('recovers the entries a broken entry swallows when its braces close further down', () => {
    const text = [
      '@article{before, title = {Before}, year = {2012}}',
      '',
      '@article{swallower,',
      '  title = {Unbalanced {brace in the title,',
      '  year = {2011},',
      '}',
      '',
      '@article{victim,',
      '  title = {Swallowed entry},',
      '  year = {2010},',
      '}',
      '}',
      '',
      '@article{after, title = {After}, year = {2009}}',
    ].join('\n');
    const result = parseBibliography(text, 'bibtex');
    assert.deepEqual(keys(result), ['before', 'victim', 'after']);
    assert.equal(item(result, 'victim')?.title, 'Swallowed entry');
    assert.deepEqual(shown(result.problems), [[3, 'bib-syntax', 'error', 'Entry "swallower" is not closed: missing "}" before the next entry']]);
  });

  it('keeps an entry whose value has a line starting with "@" when nothing was swallowed', () => {
    const text = '@misc{kept,\n  note = {Write to\n@someone{on} social media},\n  year = {2020},\n}\n';
    const result = parseBibliography(text, 'bibtex');
    assert.deepEqual(keys(result), ['kept']);
    assert.deepEqual(result.problems, []);
  });

  it('warns about a missing comma after the key, an unknown @string, and "@" outside entries', () => {
    const text = '@article{nocomma title = {T}, year = 2020}\n@article{ok, journal = undefinedjournal, year = 2020}\nmail me@example.org\n';
    const result = parseBibliography(text, 'bibtex');
    assert.deepEqual(keys(result), ['nocomma', 'ok']);
    assert.deepEqual(shown(result.problems), [
      [1, 'bib-syntax', 'warning', 'Entry "nocomma": missing "," after the key'],
      [2, 'bib-syntax', 'warning', 'Unknown @string "undefinedjournal": it is used as the text "undefinedjournal"'],
      [3, 'bib-syntax', 'warning', '"@example.org" is not followed by "{": it is not read as an entry'],
    ]);
  });

  it('reports an entry cut off by the end of the file', () => {
    const result = parseBibliography('@article{a, title = {A}}\n@article{b,\n  title = {B},\n', 'bibtex');
    assert.deepEqual(keys(result), ['a']);
    assert.deepEqual(shown(result.problems), [[2, 'bib-syntax', 'error', 'Entry "b" is not closed: missing "}" before the end of the file']]);
  });

  it('handles CRLF line endings, entries on one line and empty files', () => {
    const crlf = parseBibliography('% c\r\n@article{a,\r\n  title = {A}\r\n}\r\n@book{b, title={B}} @book{c, title={C}}\r\n', 'bibtex');
    assert.deepEqual(
      crlf.entries.map((e) => [e.key, e.line, e.column]),
      [
        ['a', 1, 0],
        ['b', 4, 0],
        ['c', 4, 20],
      ],
    );
    assert.deepEqual(parseBibliography('', 'bibtex'), { entries: [], problems: [] });
    assert.deepEqual(parseBibliography('% only a comment\n', 'bibtex'), { entries: [], problems: [] });
  });
});

describe('parseBibliography: RIS', () => {
  const parsed = parseBibliography(fixture('references.ris'), 'ris');

  it('loads good records, keyed by ID or by first author and year', () => {
    assert.deepEqual(keys(parsed), ['assaraf2019', 'muller2023', 'muller2023a', 'holohan2020', 'last2018']);
    assert.deepEqual(
      parsed.entries.map((e) => e.line + 1),
      [1, 14, 23, 28, 42],
    );
  });

  it('maps the tags to CSL-JSON', () => {
    const assaraf = item(parsed, 'assaraf2019')!;
    assert.equal(assaraf.id, 'assaraf2019');
    assert.equal(assaraf.type, 'article-journal');
    assert.equal(assaraf.title, 'The multi-factorial nature of clinical multidrug resistance in cancer');
    assert.deepEqual(assaraf.author, [
      { family: 'Assaraf', given: 'Yehuda G.' },
      { family: 'Brozovic', given: 'Anamaria' },
    ]);
    assert.equal(assaraf['container-title'], 'Drug Resistance Updates');
    assert.deepEqual(assaraf.issued, { 'date-parts': [[2019]] });
    assert.equal(assaraf.DOI, '10.1016/j.drup.2019.100645');
    assert.equal(item(parsed, 'muller2023')?.page, '1-9');
    assert.deepEqual(item(parsed, 'muller2023')?.author, [{ family: 'Müller', given: 'Jörg' }]);
    assert.equal(item(parsed, 'last2018')?.abstract, 'First part of the abstract and its continuation on the next line.');
  });

  it('reports a record missing ER, malformed tag lines, stray text and a record without TY', () => {
    assert.deepEqual(shown(parsed.problems), [
      [23, 'bib-syntax', 'warning', 'This record is not closed: missing "ER  -" before the next "TY  -"'],
      [33, 'bib-syntax', 'warning', 'Not a RIS tag line (two capitals, two spaces, "-", a space): "AU - Broken, Tag"; it is ignored'],
      [36, 'bib-syntax', 'warning', 'Text outside a record ("TY  -" to "ER  -") is ignored'],
      [38, 'bib-invalid-entry', 'error', 'This record has no "TY  -" (type) line; it is ignored'],
    ]);
  });

  it('points the key offset at the ID value', () => {
    const text = fixture('references.ris');
    const last = parsed.entries.find((e) => e.key === 'last2018')!;
    assert.equal(text.slice(last.keyOffset, last.keyOffset + 8), 'last2018');
  });
});

describe('parseBibliography: CSL-JSON', () => {
  it('loads items with ids, finds their lines, and reports items without one', () => {
    const text = fixture('references.json');
    const parsed = parseBibliography(text, 'csl-json');
    assert.deepEqual(keys(parsed), ['assaraf2019', 'müller2023', '42']);
    assert.deepEqual(
      parsed.entries.map((e) => e.line + 1),
      [3, 21, 28],
    );
    assert.equal(item(parsed, '42')?.id, '42');
    assert.deepEqual(item(parsed, 'müller2023')?.issued, { 'date-parts': [[2023, 3]] });
    assert.deepEqual(item(parsed, 'assaraf2019')?.author, [
      { family: 'Assaraf', given: 'Yehuda G.' },
      { family: 'Brozovic', given: 'Anamaria' },
    ]);
    const assaraf = parsed.entries[0];
    assert.equal(text.slice(assaraf.keyOffset, assaraf.keyOffset + 11), 'assaraf2019');
    assert.deepEqual(shown(parsed.problems), [[18, 'bib-missing-key', 'error', 'Item 2 ("An item without an id") has no "id"; it is ignored']]);
  });

  it('reports a syntax error at its line and column, and loads nothing from the file', () => {
    const parsed = parseBibliography(fixture('broken.json'), 'csl-json');
    assert.deepEqual(parsed.entries, []);
    assert.equal(parsed.problems.length, 1);
    const [p] = parsed.problems;
    assert.equal(p.code, 'bib-invalid-json');
    assert.equal(p.severity, 'error');
    assert.equal(p.line, 9);
    assert.equal(p.column, 4);
    assert.match(p.message, /^Invalid JSON: .+\. No entry of this file is loaded until it is fixed$/);
    assert.doesNotMatch(p.message, /position/);
  });

  it('accepts an object with an "items" array, and rejects other shapes', () => {
    const wrapped = parseBibliography('{"items": [{"id": "a", "type": "book", "title": "A"}]}', 'csl-json');
    assert.deepEqual(keys(wrapped), ['a']);
    const other = parseBibliography('{"id": "a"}', 'csl-json');
    assert.deepEqual(shown(other.problems), [[1, 'bib-invalid-json', 'error', 'A CSL-JSON bibliography is an array of items (or an object with an "items" array)']]);
    assert.deepEqual(parseBibliography('', 'csl-json'), { entries: [], problems: [] });
  });

  it('defaults a missing type, with a warning', () => {
    const parsed = parseBibliography('[\n  {"id": "a", "title": "A"}\n]', 'csl-json');
    assert.equal(item(parsed, 'a')?.type, 'document');
    assert.deepEqual(shown(parsed.problems), [[2, 'bib-invalid-entry', 'warning', 'Item "a" has no "type"; it is treated as "document"']]);
  });
});

describe('parseBibliography: CSL-YAML', () => {
  it("loads Pandoc's references list and finds each item's line", () => {
    const text = fixture('references.yaml');
    const parsed = parseBibliography(text, 'csl-yaml');
    assert.deepEqual(keys(parsed), ['vasan2019', 'holohan2013', 'flow2020']);
    assert.deepEqual(
      parsed.entries.map((e) => e.line + 1),
      [4, 17, 25],
    );
    const vasan = item(parsed, 'vasan2019')!;
    assert.deepEqual(vasan.author, [
      { family: 'Vasan', given: 'Neil' },
      { family: 'Baselga', given: 'José' },
    ]);
    assert.deepEqual(vasan.issued, { 'date-parts': [[2019, 11, 13]] });
    assert.equal(vasan.DOI, '10.1038/s41586-019-1730-1');
    assert.equal(vasan.page, '299-309');
    assert.deepEqual(item(parsed, 'holohan2013')?.issued, { 'date-parts': [[2013, 10]] });
    assert.equal(text.slice(parsed.entries[1].keyOffset, parsed.entries[1].keyOffset + 11), 'holohan2013');
    assert.deepEqual(shown(parsed.problems), [[23, 'bib-missing-key', 'error', 'Item 3 ("No id here") has no "id"; it is ignored']]);
  });

  it('loads a plain list too', () => {
    const parsed = parseBibliography('- id: a\n  type: book\n  title: A\n', 'csl-yaml');
    assert.deepEqual(keys(parsed), ['a']);
    assert.deepEqual(parseBibliography('', 'csl-yaml'), { entries: [], problems: [] });
  });

  it('reports a syntax error at its mark, and loads nothing from the file', () => {
    const parsed = parseBibliography(fixture('broken.yaml'), 'csl-yaml');
    assert.deepEqual(parsed.entries, []);
    assert.deepEqual(shown(parsed.problems), [[8, 'bib-invalid-yaml', 'error', 'Invalid YAML: deficient indentation. No entry of this file is loaded until it is fixed']]);
  });
});

describe('parseBibliography never loses a good BibTeX entry to garbage elsewhere', () => {
  /** A valid file of `count` entries (braces, quotes, parentheses, @string and #), and where each one stands. */
  function validBib(count: number): { text: string; spans: Array<{ key: string; title: string; start: number; end: number }> } {
    let text = '% generated\n@string{jn = "Journal"}\n';
    const spans = [];
    for (let i = 0; i < count; i++) {
      const key = `key${i}`;
      const title = `Title number ${i}`;
      const entry =
        i % 2 === 0
          ? `@article{${key},\n  author = {M{\\"u}ller, J. and Smith, Anna},\n  title = {${title}},\n  journal = jn # " of X",\n  year = {20${10 + i}},\n}\n`
          : `@book(${key}, title = "${title}", note = "a {braced} note", year = 2000)\n`;
      spans.push({ key, title, start: text.length, end: text.length + entry.length });
      text += `${entry}\n`;
    }
    return { text, spans };
  }

  const garbage = fc.string({
    unit: fc.constantFrom('{', '}', '@', ',', '=', '"', '#', '%', '\\', '\n', ' ', 'a', 'Z', '1', '(', ')', 'é', '$', '~', 'article{', '\n@misc{x,', 'title = {', '@string{', '@comment{', '@preamble{'),
    maxLength: 20,
  });

  it('inserted garbage never throws, and every entry it does not touch still loads', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 7 }), fc.nat(), garbage, (count, where, junk) => {
        const { text, spans } = validBib(count);
        const at = where % (text.length + 1);
        const broken = text.slice(0, at) + junk + text.slice(at);
        const parsed = parseBibliography(broken, 'bibtex');
        for (const span of spans) {
          if (at >= span.start && at <= span.end) continue;
          const entry = parsed.entries.find((e) => e.key === span.key);
          assert.ok(entry, `${span.key} lost after inserting ${JSON.stringify(junk)} at ${at}`);
          assert.equal(entry.item.title, span.title);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('no format throws on arbitrary text, and every problem lies inside the text', () => {
    const formats: BibliographyFormat[] = ['bibtex', 'ris', 'csl-json', 'csl-yaml'];
    fc.assert(
      fc.property(fc.constantFrom(...formats), fc.string({ maxLength: 200 }), (format, text) => {
        const parsed = parseBibliography(text, format);
        const lines = text.split('\n').length;
        for (const p of parsed.problems) assert.ok(p.line >= 0 && p.line < lines && p.endLine < lines, JSON.stringify(p));
      }),
      { numRuns: 300 },
    );
  });
});
