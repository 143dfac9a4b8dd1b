import assert from 'node:assert/strict';
import { sleep } from '../hosts/codeServer.mjs';
import {
  STEP_TIMEOUT, editorLines, openFile, runCommand, ui, wordPosition,
} from './workbench.mjs';

describe('Insert Citation', () => {
  it('inserts the reference picked in the quick pick at the cursor', async () => {
    const { page } = ui;
    const citation = '[@assaraf2023]';
    const count = async () => (await editorLines(page)).join('\n').split(citation).length - 1;
    await openFile(page, 'review-draft.md');
    const { x, y } = await wordPosition(page, 'BCRP');
    await page.mouse.click(x, y);
    // The first End stops where a wrapped line wraps, the second goes to the end of the line.
    await page.keyboard.press('End');
    await page.keyboard.press('End');
    const before = await count();

    await runCommand(page, 'Resistance Atlas: Insert Citation');
    // The command palette closes and the extension's quick pick opens in the same widget, empty,
    // unless the command reports a problem in a notification instead.
    const outcome = await (await page.waitForFunction(() => {
      const input = document.querySelector('.quick-input-widget .quick-input-box input');
      if (input?.offsetParent && input.value === '') return { picking: true };
      const toast = document.querySelector('.notifications-toasts .notification-list-item-message');
      return toast ? { notification: toast.innerText } : false;
    }, null, { timeout: STEP_TIMEOUT })).jsonValue();
    assert.ok(outcome.picking, `instead of a quick pick, a notification: "${outcome.notification}"`);
    await page.keyboard.type('Assaraf');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Assaraf' }).first();
    const selected = page.locator('.quick-input-widget .quick-input-count');
    // A row's tooltip can cover its checkbox: click until the widget counts the selection.
    for (let attempt = 0; attempt < 5 && !/\b1\b/.test(await selected.innerText().catch(() => '')); attempt++) {
      await row.locator('.monaco-checkbox').click({ timeout: STEP_TIMEOUT });
      await sleep(200);
    }
    assert.match(await selected.innerText(), /\b1\b/, 'the reference was not selected');
    await page.locator('.quick-input-widget .quick-input-action .monaco-button', { hasText: 'OK' }).click({ timeout: STEP_TIMEOUT });

    const deadline = Date.now() + STEP_TIMEOUT;
    while ((await count()) === before && Date.now() < deadline) await sleep(250);
    assert.equal(await count(), before + 1,
      `expected one more ${citation} in the editor:\n${(await editorLines(page)).join('\n')}`);
  });
});
