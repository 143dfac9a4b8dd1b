import assert from 'node:assert/strict';
import { sleep } from '../hosts/codeServer.mjs';
import {
  STEP_TIMEOUT, editorLines, mechanismsTree, openFile, runCommand, showViewContainer, ui, webviewFrame, wordPosition,
} from './workbench.mjs';

const EFFLUX = 'Altered drug transport and efflux';

const pageTabs = (page, name) => page.locator('.part.editor .tab', { hasText: `Mechanism: ${name}` });

describe('Mechanism page', () => {
  after(async () => {
    // Close the pages this suite opened, so that later suites find the editor area as before.
    const { page } = ui;
    for (let tab = pageTabs(page, '').first(); await tab.count(); tab = pageTabs(page, '').first()) {
      await tab.hover();
      await tab.locator('.tab-actions .action-label').click({ timeout: STEP_TIMEOUT });
    }
  });

  it('shows a mechanism from the command palette and cites a reference into the manuscript', async () => {
    const { page } = ui;
    const citation = '[@assaraf2023]';
    const count = async () => (await editorLines(page)).join('\n').split(citation).length - 1;
    await openFile(page, 'review-draft.md');
    const { x, y } = await wordPosition(page, 'CYP3A4');
    await page.mouse.click(x, y);
    // The first End stops where a wrapped line wraps, the second goes to the end of the line.
    await page.keyboard.press('End');
    await page.keyboard.press('End');
    const before = await count();

    await runCommand(page, 'Resistance Atlas: Open Mechanism Page');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await page.waitForFunction(() => {
      const box = document.querySelector('.quick-input-widget .quick-input-box input');
      return box?.offsetParent && box.value === '';
    }, null, { timeout: STEP_TIMEOUT });
    const rows = await page.locator('.quick-input-list .monaco-list-row').count();
    assert.ok(rows >= 5, `the quick pick lists the mechanisms (${rows} rows visible)`);
    await input.fill('Altered drug transport');
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: EFFLUX }).waitFor({ timeout: STEP_TIMEOUT });
    await page.keyboard.press('Enter');

    await pageTabs(page, EFFLUX).waitFor({ timeout: STEP_TIMEOUT });
    const frame = await webviewFrame(page, 'main.mechanism-page[data-mechanism="drug-transport-efflux"]');
    const content = await frame.locator('main').evaluate((main) => ({
      title: main.querySelector('h1')?.textContent,
      headings: [...main.querySelectorAll('h2')].map((h) => h.textContent),
      terms: [...main.querySelectorAll('.term-label')].map((t) => t.textContent),
      text: main.innerText,
      buttons: [...main.querySelectorAll('button.cite')].map((b) => b.dataset.citeKey),
      csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
      // The stylesheet loaded under the policy, and it follows the theme's colours.
      buttonColours: [getComputedStyle(main.querySelector('button.cite')).backgroundColor,
        getComputedStyle(document.documentElement).getPropertyValue('--vscode-button-background').trim()],
      bodyPadding: getComputedStyle(document.body).paddingLeft,
    }));
    assert.equal(content.title, EFFLUX);
    assert.deepEqual(content.headings, ['Summary', 'Key terms', 'Strategies to overcome it', 'References']);
    assert.ok(content.terms.includes('P-glycoprotein'), content.terms.join(', '));
    assert.match(content.text, /ATP-driven ABC transporters such as P-glycoprotein and BCRP/);
    assert.match(content.text, /Efflux transporter inhibitors/);
    assert.deepEqual(content.buttons, ['assaraf2023']);
    assert.match(content.csp, /^default-src 'none'; style-src [^;']*(?:'self'[^;']*)?; img-src [^;']*(?:'self'[^;']*)?; script-src 'nonce-[A-Za-z0-9+/=]+';/);
    assert.equal(content.bodyPadding, '20px', 'media/mechanismPage.css applies');
    assert.ok(content.buttonColours[1], 'the theme defines --vscode-button-background');
    const rgb = await page.evaluate((colour) => {
      const probe = document.createElement('div');
      probe.style.color = colour;
      document.body.append(probe);
      const value = getComputedStyle(probe).color;
      probe.remove();
      return value;
    }, content.buttonColours[1]);
    assert.equal(content.buttonColours[0], rgb, 'the Cite button uses the theme colour');

    await frame.locator('button.cite[data-cite-key="assaraf2023"]').click({ timeout: STEP_TIMEOUT });
    await page.locator('.part.editor .tab.active[data-resource-name="review-draft.md"]').waitFor({ timeout: STEP_TIMEOUT });
    const deadline = Date.now() + STEP_TIMEOUT;
    while ((await count()) === before && Date.now() < deadline) await sleep(250);
    assert.equal(await count(), before + 1,
      `expected one more ${citation} in the editor:\n${(await editorLines(page)).join('\n')}`);
    // With the page beside it, the editor is narrower and wraps the line: join the wrapped parts.
    assert.ok((await editorLines(page)).join('').includes('kinase inhibitors, and[@assaraf2023]'),
      `inserted where the cursor was, at the end of the CYP3A4 line:\n${(await editorLines(page)).join('\n')}`);
    assert.equal(await pageTabs(page, EFFLUX).count(), 1, 'the page stays open');
  });

  it('opens from the Mechanisms view, revealing a page that is already open', async () => {
    const { page } = ui;
    await showViewContainer(page, 'Resistance Atlas');
    const openFromView = async (name) => {
      const row = mechanismsTree(page).locator('[role="treeitem"][aria-level="1"]', { hasText: name });
      await row.hover({ timeout: STEP_TIMEOUT });
      await row.locator('.actions .action-label[aria-label="Open Mechanism Page"]').click({ timeout: STEP_TIMEOUT });
    };

    await openFromView('Drug target mutations');
    await pageTabs(page, 'Drug target mutations').waitFor({ timeout: STEP_TIMEOUT });
    const frame = await webviewFrame(page, 'main.mechanism-page[data-mechanism="target-mutations"]');
    const references = await frame.locator('section.references').innerText();
    assert.match(references, /None in the seed review\./);
    assert.equal(await frame.locator('button.cite').count(), 0);

    await openFromView(EFFLUX);
    await page.locator('.part.editor .tab.active', { hasText: `Mechanism: ${EFFLUX}` }).waitFor({ timeout: STEP_TIMEOUT });
    assert.equal(await pageTabs(page, EFFLUX).count(), 1, 'one page per mechanism');
  });
});
