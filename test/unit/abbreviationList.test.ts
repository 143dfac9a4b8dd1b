import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { abbreviationListEdit, abbreviationsUsed, findAbbreviationBlock, type AbbreviationEntry } from '../../src/core/manuscript/abbreviationList';
import { checkAcronyms, type KnownAcronym } from '../../src/core/manuscript/acronyms';
import type { ManuscriptDialect } from '../../src/core/terms/excludedRanges';

const known: KnownAcronym[] = [
  { acronym: 'TME', longForm: 'Tumour microenvironment' },
  { acronym: 'CAF', longForm: 'Cancer-associated fibroblast' },
  { acronym: 'ECM', longForm: 'Extracellular matrix' },
  { acronym: 'mAb', longForm: 'Monoclonal antibody' },
  { acronym: 'EMT', longForm: 'Epithelial-mesenchymal transition' },
];

function apply(text: string, edit: { start: number; end: number; text: string } | undefined): string {
  return edit ? text.slice(0, edit.start) + edit.text + text.slice(edit.end) : text;
}

const BLOCK = /<!-- resistance-atlas:abbreviations -->[\s\S]*<!-- \/resistance-atlas:abbreviations -->/;

describe('abbreviations used', () => {
  it('lists known acronyms used and those the document defines, sorted case-insensitively, with the document\'s long forms first', () => {
    const text = 'The tumour microenvironment (TME) holds CAFs, a mAb, and non-coding RNAs (ncRNAs). EMT is unused here? No: EMT.\n';
    assert.deepEqual(abbreviationsUsed(text, 'markdown', known), [
      { acronym: 'CAF', longForm: 'Cancer-associated fibroblast' },
      { acronym: 'EMT', longForm: 'Epithelial-mesenchymal transition' },
      { acronym: 'mAb', longForm: 'Monoclonal antibody' },
      { acronym: 'ncRNA', longForm: 'non-coding RNA' },
      { acronym: 'TME', longForm: 'tumour microenvironment' },
    ]);
  });

  it('leaves out code, math, URLs, keys, the abbreviations block and the bibliography block', () => {
    const text = [
      'Code `TME`, math $ECM$, https://x.org/EMT and [@CAF2020].',
      '',
      '<!-- resistance-atlas:abbreviations -->',
      '',
      '| TME | tumour microenvironment |',
      '',
      '<!-- /resistance-atlas:abbreviations -->',
      '',
      '<!-- resistance-atlas:bibliography -->',
      '',
      '1. A mAb study. 2021.',
      '',
      '<!-- /resistance-atlas:bibliography -->',
      '',
    ].join('\n');
    assert.deepEqual(abbreviationsUsed(text, 'markdown', known), []);
  });

  it('reads LaTeX and plain text', () => {
    assert.deepEqual(abbreviationsUsed('\\section{The TME}\nCAFs \\cite{ECM2020}.', 'latex', known).map((e) => e.acronym), ['CAF', 'TME']);
    assert.deepEqual(abbreviationsUsed('The ECM.', 'plain', known).map((e) => e.acronym), ['ECM']);
  });
});

describe('abbreviation list block', () => {
  const entries: AbbreviationEntry[] = [
    { acronym: 'CAF', longForm: 'cancer-associated fibroblast' },
    { acronym: 'TME', longForm: 'tumour microenvironment' },
  ];

  it('adds a Markdown table at the end, then updates only the block, idempotently', () => {
    const doc = '# Review\n\nThe tumour microenvironment (TME) and the TME.\n';
    const once = apply(doc, abbreviationListEdit(doc, 'markdown', entries));
    assert.equal(
      once,
      `${doc}\n<!-- resistance-atlas:abbreviations -->\n\n| Abbreviation | Meaning |\n| --- | --- |\n| CAF | cancer-associated fibroblast |\n| TME | tumour microenvironment |\n\n<!-- /resistance-atlas:abbreviations -->\n`,
    );
    assert.equal(abbreviationListEdit(once, 'markdown', entries), undefined, 'a second run changes nothing');
    const edited = once.replace('# Review', '# A review') + '\nAfter the block.\n';
    const updated = apply(edited, abbreviationListEdit(edited, 'markdown', [{ acronym: 'ECM', longForm: 'extracellular matrix' }]));
    assert.equal(updated.replace(BLOCK, 'BLOCK'), edited.replace(BLOCK, 'BLOCK'), 'nothing outside the block changes');
    assert.match(updated, /\| ECM \| extracellular matrix \|/);
    assert.doesNotMatch(updated, /CAF/);
    assert.deepEqual(findAbbreviationBlock(updated, 'markdown'), { start: updated.indexOf('<!-- resistance'), end: updated.indexOf('<!-- /resistance') + '<!-- /resistance-atlas:abbreviations -->'.length });
  });

  it('escapes "|" in Markdown cells', () => {
    const out = apply('', abbreviationListEdit('', 'markdown', [{ acronym: 'A|B', longForm: 'alpha | beta' }]));
    assert.match(out, /^<!-- resistance-atlas:abbreviations -->\n\n\| Abbreviation \| Meaning \|\n\| --- \| --- \|\n\| A\\\|B \| alpha \\\| beta \|\n/);
  });

  it('writes a LaTeX description list before \\end{document}, escaping LaTeX specials', () => {
    const doc = '\\begin{document}\nText.\n\\end{document}\n';
    const list = [...entries, { acronym: 'R&D', longForm: 'research & development, 50% of [cost]' }];
    const out = apply(doc, abbreviationListEdit(doc, 'latex', list));
    assert.equal(
      out,
      '\\begin{document}\nText.\n\n% resistance-atlas:abbreviations\n\n\\section*{Abbreviations}\n\n\\begin{description}\n\\item[CAF] cancer-associated fibroblast\n' +
        '\\item[TME] tumour microenvironment\n\\item[R\\&D] research \\& development, 50\\% of [cost]\n\\end{description}\n\n% /resistance-atlas:abbreviations\n\n\\end{document}\n',
    );
    assert.equal(abbreviationListEdit(out, 'latex', list), undefined);
  });

  it('uses the plain-text markers', () => {
    const out = apply('Notes.', abbreviationListEdit('Notes.', 'plain', entries));
    assert.equal(out, 'Notes.\n\n--- Abbreviations (Resistance Atlas) ---\nCAF: cancer-associated fibroblast\nTME: tumour microenvironment\n--- End of abbreviations ---\n');
    assert.equal(abbreviationListEdit(out, 'plain', entries), undefined);
  });

  it('keeps Windows line ends and finds its block again', () => {
    const doc = 'Text.\r\n';
    const out = apply(doc, abbreviationListEdit(doc, 'markdown', entries, '\r\n'));
    assert.doesNotMatch(out.replace(/\r\n/g, ''), /\n/);
    assert.equal(abbreviationListEdit(out, 'markdown', entries, '\r\n'), undefined);
  });

  it('adds nothing for an empty list, and empties an existing block', () => {
    assert.equal(abbreviationListEdit('Text.\n', 'markdown', []), undefined);
    const withBlock = apply('Text.\n', abbreviationListEdit('Text.\n', 'markdown', entries));
    assert.equal(apply(withBlock, abbreviationListEdit(withBlock, 'markdown', [])), 'Text.\n\n<!-- resistance-atlas:abbreviations -->\n\n<!-- /resistance-atlas:abbreviations -->\n');
  });

  it('round-trips: the list of the abbreviations used, written into the document, leaves the checks unchanged', () => {
    const doc = 'The tumour microenvironment (TME) and the TME; CAFs.\n';
    const before = checkAcronyms(doc, 'markdown', known, { separateScopes: [], ignored: [] });
    const out = apply(doc, abbreviationListEdit(doc, 'markdown', abbreviationsUsed(doc, 'markdown', known)));
    assert.deepEqual(checkAcronyms(out, 'markdown', known, { separateScopes: [], ignored: [] }), before);
    assert.deepEqual(abbreviationsUsed(out, 'markdown', known), abbreviationsUsed(doc, 'markdown', known));
  });

  it('is idempotent and touches nothing outside the block, for any text', () => {
    const dialect = fc.constantFrom<ManuscriptDialect>('markdown', 'latex', 'plain');
    const entry = fc.record({ acronym: fc.string({ minLength: 1, maxLength: 6 }), longForm: fc.string({ maxLength: 20 }) });
    const text = fc.array(fc.constantFrom('TME ', 'text', '\n', '\n\n', '\\end{document}', '%', '<!-- ', ' -->', '(CAFs)', 'x'), { maxLength: 20 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, dialect, fc.array(entry, { minLength: 1, maxLength: 4 }), (t, d, list) => {
        const edit = abbreviationListEdit(t, d, list);
        assert.ok(edit && edit.start >= 0 && edit.start <= edit.end && edit.end <= t.length);
        const once = apply(t, edit);
        assert.equal(once.slice(0, edit.start), t.slice(0, edit.start));
        assert.equal(abbreviationListEdit(once, d, list), undefined);
      }),
      { numRuns: 200 },
    );
  });
});
