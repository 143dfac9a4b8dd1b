import assert from 'node:assert/strict';
import { hoverWord, openFile, ui } from './workbench.mjs';

describe('Jargon hover', () => {
  it('explains BCRP when the mouse rests on it in review-draft.md', async () => {
    await openFile(ui.page, 'review-draft.md');
    const text = await hoverWord(ui.page, 'BCRP', (t) => /breast cancer resistance protein/i.test(t));
    assert.match(text, /breast cancer resistance protein/i);
    assert.match(text, /ABCG2/);
  });
});
