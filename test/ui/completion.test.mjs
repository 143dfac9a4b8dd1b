import assert from 'node:assert/strict';
import { sleep } from '../hosts/codeServer.mjs';
import { STEP_TIMEOUT, openFile, ui, wordPosition } from './workbench.mjs';

describe('Citation completion', () => {
  it('lists the manuscript\'s references after "@" in review-draft.md', async () => {
    const { page } = ui;
    await openFile(page, 'review-draft.md');
    const { x, y } = await wordPosition(page, 'Introduction');
    await page.mouse.click(x, y);
    await page.keyboard.press('End');
    await page.keyboard.type(' see @');
    const suggest = page.locator('.editor-widget.suggest-widget');
    const deadline = Date.now() + STEP_TIMEOUT;
    let labels = [];
    // The list may open before the bibliography is read: ask again until the keys are there.
    while (Date.now() < deadline) {
      if (!(await suggest.isVisible())) await page.keyboard.press('Control+Space');
      await sleep(500);
      labels = await suggest.locator('.monaco-list-row .label-name').allInnerTexts();
      if (labels.includes('helleday2022') && labels.includes('assaraf2023')) break;
    }
    assert.ok(labels.includes('helleday2022'), `completion list: ${labels.join(', ')}`);
    assert.ok(labels.includes('assaraf2023'), `completion list: ${labels.join(', ')}`);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+z');
  });
});
