// Drives the VS Code workbench in the browser the way a user does. Shared by the UI tests, the
// README screenshots and `npm start -- --check`.
import path from 'node:path';
import {
  EXTENSION, launchBrowser, loadWorkbench, sleep, startCodeServer, timeoutMs,
} from '../hosts/codeServer.mjs';

/** How long one UI step (a hover, a view, a quick pick) may take to show up. */
export const STEP_TIMEOUT = timeoutMs('RESISTANCE_ATLAS_UI_STEP_TIMEOUT', 30);

/** The running workbench, set by test/hosts/run-ui.mjs for the UI tests. */
export const ui = { server: undefined, page: undefined };

/** code-server on a temp copy of sample/ with the extension installed, loaded in Chromium. */
export async function startWorkbench({ viewport } = {}) {
  const server = await startCodeServer({
    folder: path.join(EXTENSION, 'sample'), copyFolder: true, extensions: [EXTENSION],
  });
  const { page } = await launchBrowser({ viewport });
  await loadWorkbench(page, server.workbenchUrl());
  return { server, page };
}

const editor = (page) => page.locator('.part.editor .editor-group-container.active .monaco-editor').first();

/** Shows an activity-bar view container (e.g. "Explorer", "Resistance Atlas") unless it is shown. */
export async function showViewContainer(page, title) {
  const tab = page.locator('.part.activitybar li[role="tab"]', {
    has: page.locator(`a.action-label[aria-label="${title}"], a.action-label[aria-label^="${title} ("]`),
  });
  await tab.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  // Clicking the container that is already shown would hide the side bar.
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  await tab.and(page.locator('[aria-selected="true"]')).waitFor({ timeout: STEP_TIMEOUT });
}

/** Opens a workspace file by clicking it in the explorer; resolves once its editor shows text. */
export async function openFile(page, name) {
  await showViewContainer(page, 'Explorer');
  await page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"]`).click({ timeout: STEP_TIMEOUT });
  await page.locator(`.part.editor .tab.active[data-resource-name="${name}"]`).waitFor({ timeout: STEP_TIMEOUT });
  await editor(page).locator('.view-line').first().waitFor({ timeout: STEP_TIMEOUT });
}

/** The visible text of the active editor, one string per rendered line, in order. */
export async function editorLines(page) {
  return editor(page).locator('.view-lines').evaluate((lines) =>
    [...lines.querySelectorAll('.view-line')]
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((line) => line.textContent.replace(/\u00a0/g, ' ')));
}

/** The screen position of the centre of the first whole-word occurrence of `word` in the editor. */
export async function wordPosition(page, word) {
  const position = await editor(page).locator('.view-lines').evaluate((lines, w) => {
    const pattern = new RegExp(`(^|[^\\w])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w])`);
    // Lines are absolutely positioned; their DOM order is not their order on screen.
    const ordered = [...lines.querySelectorAll('.view-line')]
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    for (const line of ordered) {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const match = pattern.exec(node.data);
        if (!match) continue;
        const range = document.createRange();
        const start = match.index + match[1].length;
        range.setStart(node, start);
        range.setEnd(node, start + w.length);
        const box = range.getBoundingClientRect();
        return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      }
    }
    return null;
  }, word);
  if (!position) throw new Error(`"${word}" is not visible in the editor`);
  return position;
}

/**
 * Moves the mouse over `word` until the editor shows a hover whose text satisfies `accept`; returns
 * that text. The first hovers can come before the extension has activated, so it retries.
 */
export async function hoverWord(page, word, accept = () => true) {
  const deadline = Date.now() + STEP_TIMEOUT;
  const hover = page.locator('.monaco-hover-content').filter({ visible: true }).first();
  let last = '(no hover)';
  for (;;) {
    const { x, y } = await wordPosition(page, word);
    // Off to the line numbers, where nothing hovers, then onto the word.
    const gutter = await editor(page).boundingBox();
    await page.mouse.move(gutter.x + 5, y);
    await page.keyboard.press('Escape');
    await page.mouse.move(x, y, { steps: 4 });
    const shown = await hover.waitFor({ timeout: 5000 }).then(() => true, () => false);
    if (shown) {
      last = await hover.innerText();
      if (accept(last)) return last;
    }
    if (Date.now() > deadline) {
      throw new Error(`no matching hover over "${word}" within ${STEP_TIMEOUT / 1000} s; last: ${last}`);
    }
    await sleep(1000);
  }
}

/** Runs a command the way a user does: F1, type its title, Enter. */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  await page.keyboard.type(title);
  // The row whose label is exactly the title: the palette may rank a longer match first.
  const exact = new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact }) }).first();
  await row.waitFor({ timeout: STEP_TIMEOUT })
    .catch(() => { throw new Error(`the command palette has no command "${title}"`); });
  await row.click();
}

/** The Mechanisms tree (the Resistance Atlas view container must be shown). */
export const mechanismsTree = (page) => page.locator('.part.sidebar .monaco-list[aria-label="Mechanisms"]');

/** The labels of the Mechanisms view's top-level items, once it has some. */
export async function mechanismLabels(page) {
  await showViewContainer(page, 'Resistance Atlas');
  const items = mechanismsTree(page).locator('[role="treeitem"][aria-level="1"]');
  await items.first().waitFor({ timeout: STEP_TIMEOUT });
  return items.evaluateAll((rows) => rows.map((row) => row.querySelector('.label-name')?.textContent.trim()));
}

/**
 * The frame of a webview that shows `selector`: webviews are nested iframes; `host` tells whose
 * (this extension's pages by default; the Markdown preview is vscode.markdown-language-features').
 */
export async function webviewFrame(page, selector, host = /extensionId=resistance-atlas\.resistance-atlas/) {
  const deadline = Date.now() + STEP_TIMEOUT;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      if (!host.test(`${frame.parentFrame()?.url() ?? ''} ${frame.url()}`)) continue;
      if (await frame.locator(selector).count().catch(() => 0)) return frame;
    }
    if (Date.now() > deadline) {
      throw new Error(`no webview frame shows ${selector}; frames: ${page.frames().map((f) => f.url()).join(', ')}`);
    }
    await sleep(250);
  }
}
