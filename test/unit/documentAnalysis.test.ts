import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { DocumentAnalysis, type TextEdit } from '../../src/core/terms/documentAnalysis';
import { knowledgeBase, withCursor } from './helpers';

const PIECES = ['BCRP', 'P-gp', ' ', '\n', '\n\n', 'efflux pump', 'CAFs', '`', '```', '$', '$$', 'HR', 'the TME', 'x', 'cancer-associated', 'fibroblasts', '[@mao2021]', '\\begin{equation}', '\\end{equation}', '%'];

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
  }
});
