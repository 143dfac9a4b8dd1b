import * as assert from 'node:assert/strict';
import { bibliographyBlockEdit, escapeLatex, findBibliographyBlock } from '../../src/core/citations/bibliographyBlock';
import { didYouMean, editDistance } from '../../src/core/citations/didYouMean';
import { exportReferences } from '../../src/core/citations/exportReferences';
import { knowledgeBase } from './helpers';

function apply(text: string, edit: { start: number; end: number; text: string } | undefined): string {
  return edit ? text.slice(0, edit.start) + edit.text + text.slice(edit.end) : text;
}

describe('bibliography block', () => {
  const entries = ['1. Assaraf YG. Drug efflux. 2023.', '2. Mao X. TME. 2021.'];

  it('adds a block at the end of a Markdown document, then updates only the block, idempotently', () => {
    const doc = '# Review\n\nText [@assaraf2023; @mao2021].\n';
    const once = apply(doc, bibliographyBlockEdit(doc, 'markdown', entries, []));
    assert.equal(once, `${doc}\n<!-- resistance-atlas:bibliography -->\n\n${entries.join('\n\n')}\n\n<!-- /resistance-atlas:bibliography -->\n`);
    assert.equal(bibliographyBlockEdit(once, 'markdown', entries, []), undefined, 'a second run changes nothing');
    const edited = once.replace('Text', 'New text') + '\nAfter the block.\n';
    const updated = apply(edited, bibliographyBlockEdit(edited, 'markdown', ['1. Only one.'], []));
    assert.equal(updated.replace(/<!-- resistance-atlas:bibliography -->[\s\S]*<!-- \/resistance-atlas:bibliography -->/, 'BLOCK'), edited.replace(/<!-- resistance-atlas:bibliography -->[\s\S]*<!-- \/resistance-atlas:bibliography -->/, 'BLOCK'));
    assert.match(updated, /1\. Only one\./);
    assert.doesNotMatch(updated, /Assaraf/);
  });

  it('goes before \\end{document} in LaTeX and escapes LaTeX specials', () => {
    const doc = '\\begin{document}\nText \\cite{x}.\n\\end{document}\n';
    const out = apply(doc, bibliographyBlockEdit(doc, 'latex', ['Journal of Hematology & Oncology 13, 104 (50% of cases)'], []));
    assert.match(out, /% resistance-atlas:bibliography\n\n\\section\*\{References\}\n\nJournal of Hematology \\& Oncology 13, 104 \(50\\% of cases\)\n\n% \/resistance-atlas:bibliography\n\n\\end\{document\}\n$/);
    assert.equal(escapeLatex('a_b #1 {x} ~ ^ \\'), 'a\\_b \\#1 \\{x\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{}');
  });

  it('names the cited keys in a plain-text block, for numbering later citations', () => {
    const doc = 'Notes (1,2).';
    const out = apply(doc, bibliographyBlockEdit(doc, 'plain', entries, ['assaraf2023', 'mao2021']));
    assert.deepEqual(findBibliographyBlock(out, 'plain')?.keys, ['assaraf2023', 'mao2021']);
    assert.match(out, /^Notes \(1,2\)\.\n\n--- References \(Resistance Atlas: assaraf2023 mao2021\) ---\n1\. Assaraf/);
  });

  it('keeps Windows line ends', () => {
    const doc = 'Text.\r\n';
    const out = apply(doc, bibliographyBlockEdit(doc, 'markdown', entries, [], '\r\n'));
    assert.doesNotMatch(out.replace(/\r\n/g, ''), /\n/);
  });
});

describe('did you mean', () => {
  it('suggests the closest known keys', () => {
    assert.equal(editDistance('assaraf2032', 'assaraf2023'), 2);
    assert.deepEqual(didYouMean('assaraf2032', ['mao2021', 'assaraf2023', 'baylin2021']), ['assaraf2023']);
    assert.deepEqual(didYouMean('Mao2021', ['mao2021', 'mao2020']), ['mao2021', 'mao2020']);
    assert.deepEqual(didYouMean('zzz', ['mao2021']), []);
  });
});

describe('export', () => {
  const items = () => knowledgeBase().references.filter((r) => ['baylin2021', 'mao2021'].includes(r.id));

  it('writes BibTeX with the references\' own keys and LaTeX-encoded accents', async () => {
    const bib = await exportReferences(items(), 'bibtex');
    assert.match(bib, /@article\{mao2021,/);
    assert.match(bib, /@article\{baylin2021,[\s\S]*J\{\\" ?a\}nne, Peter A/);
    assert.match(bib, /pages = \{764--777\}/);
  });

  it('writes RIS and CSL-JSON', async () => {
    const ris = await exportReferences(items(), 'ris');
    assert.match(ris, /^TY {2}- JOUR$/m);
    assert.match(ris, /^ID {2}- mao2021$/m);
    assert.equal(ris.match(/^ER {2}-/gm)?.length, 2);
    const json = JSON.parse(await exportReferences(items(), 'csl-json'));
    assert.deepEqual(json.map((i: { id: string }) => i.id), ['mao2021', 'baylin2021']);
  });
});
