import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { DocumentAnalysis, type TextEdit } from '../../src/core/terms/documentAnalysis';
import { knowledgeBase, withCursor } from './helpers';

const PIECES = ['BCRP', 'P-gp', ' ', '\n', '\n\n', 'efflux pump', 'CAFs', '`', '```', '$', '$$', 'HR', 'the TME', 'x', 'cancer-associated', 'fibroblasts', '[@mao2021]', '\\begin{equation}', '\\end{equation}', '%', '```{r}\n', '\n#| fig-cap: ', '"'];

describe('DocumentAnalysis', () => {
  it('finds the occurrence under a position by binary search', () => {
    const kb = knowledgeBase();
    const { text, offset } = withCursor('Efflux by P-g$$CURSOR$$p and BCRP.');
    const analysis = DocumentAnalysis.analyse(text, 'plain', kb.termMatcher);
    const o = analysis.occurrenceAt(offset)!;
    assert.equal(text.slice(o.start, o.end), 'P-gp');
    assert.equal(analysis.occurrenceAt(text.indexOf(' and')), undefined);
    assert.equal(analysis.occurrenceAt(text.indexOf(' and'), true)?.conceptIds[0], 'p-glycoprotein');
  });

  it('explains terms in Quarto cell captions, but not in the cell\'s code', () => {
    const kb = knowledgeBase();
    const text = '```{r}\n#| label: fig-pgp\n#| fig-cap: "P-gp and BCRP in the TME"\nplot(BCRP)\n```\n';
    const found = DocumentAnalysis.analyse(text, 'markdown', kb.termMatcher).occurrences.toArray().map((o) => text.slice(o.start, o.end));
    assert.deepEqual(found, ['P-gp', 'BCRP', 'TME']);
  });

  it('re-analyses in full after an unclosed "$$", which leaves every later dollar unpaired', () => {
    // Found by the property below: the paragraph after "$$" alone would read "$BCRP$" as math.
    const kb = knowledgeBase();
    for (const dialect of ['markdown', 'latex'] as const) {
      for (const [text, edit] of [
        ['$$\n\n$BCRP$', { offset: 10, length: 0, text: '' }],
        ['Intro $$ x\n\nThe $BCRP$ pump and $P-gp$.', { offset: 14, length: 0, text: 'new ' }],
        // An edit that leaves an unclosed "$$" in its own paragraph: "$ y$" losing " y" (Pandoc reads neither dollar as math).
        ['A $ y$ b.\n\nThe $BCRP$ pump.', { offset: 3, length: 2, text: '' }],
        // And one that undoes an unclosed "$$", pairing the dollars after it again.
        ['Intro.\n\nA $$ b.\n\nThe $BCRP$ pump and P-gp.', { offset: 11, length: 0, text: ' y' }],
      ] as const) {
        const newText = text.slice(0, edit.offset) + edit.text + text.slice(edit.offset + edit.length);
        const updated = DocumentAnalysis.analyse(text, dialect, kb.termMatcher).update(text, newText, [edit], kb.termMatcher);
        const full = DocumentAnalysis.analyse(newText, dialect, kb.termMatcher);
        assert.ok(full.occurrences.length > 0, `${dialect}: ${newText}`);
        assert.deepEqual(updated.occurrences.toArray(), full.occurrences.toArray(), `${dialect}: ${newText}`);
      }
    }
  });

  for (const dialect of ['markdown', 'latex', 'plain'] as const) {
    it(`after any edit, an incremental update equals a full analysis (${dialect})`, () => {
      const kb = knowledgeBase();
      const textArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((a) => a.join(''));
      fc.assert(
        fc.property(textArb, fc.nat(), fc.nat(), fc.array(fc.constantFrom(...PIECES), { maxLength: 4 }).map((a) => a.join('')), (text, a, b, insert) => {
          const offset = text.length === 0 ? 0 : a % (text.length + 1);
          const length = (b % 8) % (text.length - offset + 1);
          const edit: TextEdit = { offset, length, text: insert };
          const newText = text.slice(0, offset) + insert + text.slice(offset + length);
          const updated = DocumentAnalysis.analyse(text, dialect, kb.termMatcher).update(text, newText, [edit], kb.termMatcher);
          const full = DocumentAnalysis.analyse(newText, dialect, kb.termMatcher);
          assert.deepEqual(updated.occurrences.toArray(), full.occurrences.toArray());
        }),
        { numRuns: 1000 },
      );
    });

    it(`after several edits in a row, each updating the last update, it equals a full analysis (${dialect})`, () => {
      const kb = knowledgeBase();
      const textArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((a) => a.join(''));
      const editArb = fc.tuple(fc.nat(), fc.nat(), fc.array(fc.constantFrom(...PIECES), { maxLength: 3 }).map((a) => a.join('')));
      fc.assert(
        fc.property(textArb, fc.array(editArb, { minLength: 2, maxLength: 5 }), (start, edits) => {
          let text = start;
          let analysis = DocumentAnalysis.analyse(text, dialect, kb.termMatcher);
          for (const [a, b, insert] of edits) {
            const offset = text.length === 0 ? 0 : a % (text.length + 1);
            const length = (b % 8) % (text.length - offset + 1);
            const newText = text.slice(0, offset) + insert + text.slice(offset + length);
            analysis = analysis.update(text, newText, [{ offset, length, text: insert }], kb.termMatcher);
            text = newText;
            assert.deepEqual(analysis.occurrences.toArray(), DocumentAnalysis.analyse(text, dialect, kb.termMatcher).occurrences.toArray());
          }
        }),
        { numRuns: 500 },
      );
    });
  }
});
