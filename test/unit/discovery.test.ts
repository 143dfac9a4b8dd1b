import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { declaredBibliographies, quartoProjectBibliographies, resolveBibliographyPath } from '../../src/core/bibliography/discovery';

/** Each declared path with the text found at its offset. */
function declared(text: string, dialect: 'markdown' | 'latex' | 'plain'): [string, string][] {
  return declaredBibliographies(text, dialect).map((b) => [b.path, b.offset === -1 ? '' : text.slice(b.offset, b.offset + b.path.length)]);
}

describe('declaredBibliographies: YAML front matter', () => {
  it('reads one path from a Quarto document', () => {
    const text = '---\ntitle: "Mechanisms of resistance to EGFR inhibitors"\nformat: html\nbibliography: references.bib\ncsl: nature.csl\n---\n\n# Introduction\n\nResistance [@mao2021].\n';
    assert.deepEqual(declared(text, 'markdown'), [['references.bib', 'references.bib']]);
  });

  it('reads a list, block or flow, quoted or not, with offsets at the path text', () => {
    const block = "---\ntitle: Review\nbibliography:\n  - refs/primary.bib\n  - \"../shared/lab refs.json\"\n  - 'zotero.yaml'\noutput: html_document\n---\nBody\n";
    assert.deepEqual(declared(block, 'markdown'), [
      ['refs/primary.bib', 'refs/primary.bib'],
      ['../shared/lab refs.json', '../shared/lab refs.json'],
      ['zotero.yaml', 'zotero.yaml'],
    ]);
    const flow = '---\nbibliography: [a.bib, "b.bib"]\n---\n';
    assert.deepEqual(declared(flow, 'markdown'), [['a.bib', 'a.bib'], ['b.bib', 'b.bib']]);
  });

  it('accepts "..." as the closing line, Windows line ends and a byte-order mark', () => {
    assert.deepEqual(declared('---\nbibliography: refs.bib\n...\n\nText', 'markdown'), [['refs.bib', 'refs.bib']]);
    assert.deepEqual(declared('---\r\nbibliography: refs.bib\r\n---\r\n', 'markdown'), [['refs.bib', 'refs.bib']]);
    assert.deepEqual(declared('\uFEFF---\nbibliography: refs.bib\n---', 'markdown'), [['refs.bib', 'refs.bib']]);
  });

  it('does not read a nested bibliography key or a key that only contains the word', () => {
    const text = '---\nformat:\n  html:\n    bibliography: nested.bib\nbibliography-title: x\nbibliography: top.bib\n---\n';
    assert.deepEqual(declared(text, 'markdown'), [['top.bib', 'top.bib']]);
  });

  it('finds the right offset when the path also appears earlier in the block', () => {
    const text = '---\ntitle: refs.bib explained\nbibliography: refs.bib\n---\n';
    assert.deepEqual(declared(text, 'markdown'), [['refs.bib', 'refs.bib']]);
    assert.equal(declaredBibliographies(text, 'markdown')[0].offset, text.lastIndexOf('refs.bib'));
  });

  it('gives -1 for a path that comes from an alias', () => {
    const text = '---\nshared: &bib common.bib\nbibliography:\n  - *bib\n  - own.bib\n---\n';
    const found = declaredBibliographies(text, 'markdown');
    assert.deepEqual(found.map((b) => b.path), ['common.bib', 'own.bib']);
    assert.equal(found[1].offset, text.indexOf('own.bib'));
  });

  it('returns [] without throwing for invalid YAML, no front matter, or a block that is not first', () => {
    for (const text of [
      '---\nbibliography: [refs.bib\n---\n',
      '---\nbibliography: a.bib\nbibliography: b.bib\n---\n',
      '---\n---\n',
      '---\n\nbibliography: refs.bib\n---\n',
      '# Title\n\n---\nbibliography: refs.bib\n---\n',
      '---\nbibliography: refs.bib\n',
      '---\ntitle: no bibliography\n---\n',
      '---\nbibliography: 42\n---\n',
      '---\n- a list\n---\n',
      '',
    ]) {
      assert.deepEqual(declaredBibliographies(text, 'markdown'), [], JSON.stringify(text));
    }
  });

  it('never throws on random front matter', () => {
    const pieces = ['---\n', '...\n', 'bibliography:', ' ', '\n', '  - ', 'a.bib', '"', "'", '[', ']', ',', '&x', '*x', ':', '#', '\t', '{', '}'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((a) => `---\n${a.join('')}`), (text) => {
        for (const b of declaredBibliographies(text, 'markdown')) {
          assert.equal(typeof b.path, 'string');
          assert.ok(b.offset === -1 || text.slice(b.offset).length > 0);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('declaredBibliographies: LaTeX', () => {
  it('reads \\bibliography lists, adding .bib as BibTeX does', () => {
    const text = '\\bibliographystyle{unsrtnat}\n\\bibliography{refs, ../shared/lab,extra.bib , refs.v2}\n';
    assert.deepEqual(declared(text, 'latex').map(([p]) => p), ['refs.bib', '../shared/lab.bib', 'extra.bib', 'refs.v2.bib']);
    const offsets = declaredBibliographies(text, 'latex').map((b) => b.offset);
    assert.deepEqual(offsets, ['refs', '../shared/lab', 'extra.bib', 'refs.v2'].map((n) => text.indexOf(n, text.indexOf('\\bibliography{'))));
  });

  it('reads biblatex resources with options, global and section bibliographies', () => {
    const text = '\\usepackage[backend=biber]{biblatex}\n\\addbibresource{references.bib}\n\\addbibresource[location=remote]{https://example.org/lab.bib}\n\\addglobalbib{global.bib}\n\\addsectionbib[datatype=bibtex]{section.bib}\n';
    assert.deepEqual(declared(text, 'latex').map(([p, at]) => [p, at === p]), [
      ['references.bib', true],
      ['https://example.org/lab.bib', true],
      ['global.bib', true],
      ['section.bib', true],
    ]);
  });

  it('skips commented and verbatim declarations', () => {
    const text = '% \\bibliography{old}\n\\begin{verbatim}\n\\addbibresource{shown.bib}\n\\end{verbatim}\n\\addbibresource{real.bib} % \\addbibresource{later.bib}\n';
    assert.deepEqual(declared(text, 'latex').map(([p]) => p), ['real.bib']);
  });

  it('reads nothing in plain text', () => {
    assert.deepEqual(declaredBibliographies('---\nbibliography: a.bib\n---\n\\bibliography{b}', 'plain'), []);
  });
});

describe('quartoProjectBibliographies', () => {
  it('reads one path or a list from _quarto.yml', () => {
    assert.deepEqual(quartoProjectBibliographies('project:\n  type: book\nbook:\n  title: Resistance Atlas\nbibliography: references.bib\n'), ['references.bib']);
    assert.deepEqual(quartoProjectBibliographies('bibliography:\n  - refs/a.bib\n  - refs/b.json\n'), ['refs/a.bib', 'refs/b.json']);
  });

  it('returns [] when absent or unparsable', () => {
    assert.deepEqual(quartoProjectBibliographies('project:\n  type: website\n'), []);
    assert.deepEqual(quartoProjectBibliographies('bibliography: [a.bib\n'), []);
    assert.deepEqual(quartoProjectBibliographies(''), []);
    assert.deepEqual(quartoProjectBibliographies('just a string'), []);
  });
});

describe('resolveBibliographyPath', () => {
  it('resolves relative paths against the document folder', () => {
    assert.equal(resolveBibliographyPath('/home/ana/review', 'refs.bib'), '/home/ana/review/refs.bib');
    assert.equal(resolveBibliographyPath('/home/ana/review/', './refs.bib'), '/home/ana/review/refs.bib');
    assert.equal(resolveBibliographyPath('/home/ana/review/chapters', '../shared/./refs.bib'), '/home/ana/review/shared/refs.bib');
    assert.equal(resolveBibliographyPath('/home/ana', '../../../refs.bib'), '/refs.bib');
    assert.equal(resolveBibliographyPath('review/chapters', '../../../refs.bib'), '../refs.bib');
    assert.equal(resolveBibliographyPath('', 'refs.bib'), 'refs.bib');
  });

  it('turns backslashes of relative paths into slashes, under a VS Code style Windows folder', () => {
    assert.equal(resolveBibliographyPath('/c:/Users/ana/review', '..\\bib\\refs.bib'), '/c:/Users/ana/bib/refs.bib');
    assert.equal(resolveBibliographyPath('C:\\Users\\ana\\review', 'refs.bib'), 'C:/Users/ana/review/refs.bib');
  });

  it('leaves absolute paths untouched', () => {
    for (const p of ['/srv/bib/refs.bib', 'C:\\bib\\refs.bib', 'd:/bib/refs.bib', '\\\\server\\share\\refs.bib', '~/bib/refs.bib', 'https://example.org/refs.bib']) {
      assert.equal(resolveBibliographyPath('/home/ana/review', p), p);
    }
  });
});
