import assert from 'node:assert/strict';
import { openFile, runCommand, ui, webviewFrame } from './workbench.mjs';

describe('Markdown preview', () => {
  it('renders review-draft.md\'s citations in the chosen style and its bibliography', async () => {
    const { page } = ui;
    await openFile(page, 'review-draft.md');
    await runCommand(page, 'Markdown: Open Preview');
    const frame = await webviewFrame(page, '.ra-bibliography', /markdown-language-features/);
    const rendered = await frame.evaluate(() => ({
      citations: [...document.querySelectorAll('.ra-citation')].map((c) => c.textContent),
      references: document.querySelector('.ra-bibliography')?.innerText ?? '',
    }));
    assert.deepEqual(rendered.citations.slice(0, 2), ['(1)', '(2)']);
    assert.match(rendered.references, /References/);
    assert.match(rendered.references, /Al-Mutairi FA\. Mechanisms of Cancer Drug Resistance and Overcoming Them/);
    assert.match(rendered.references, /Assaraf YG, Bouchard G, Wang S\./);
    await page.keyboard.press('Control+w');
  });
});
