// `node test/ui/screenshots.mjs`: writes the README screenshots media/screenshots/hover.png (a
// jargon hover in the editor) and media/screenshots/tree.png (the Mechanisms view, one mechanism
// expanded) from the real workbench at 1280x800. Needs `npm run build` first.
import fs from 'node:fs';
import path from 'node:path';
import { REPO, runCleanups, sleep } from '../hosts/codeServer.mjs';
import {
  STEP_TIMEOUT, hoverWord, mechanismLabels, mechanismsTree, openFile, showViewContainer, startWorkbench,
} from './workbench.mjs';

const OUT = path.join(REPO, 'media', 'screenshots');
const MECHANISM = 'Altered drug transport and efflux';

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const { page } = await startWorkbench({ viewport: { width: 1280, height: 800 } });

  await openFile(page, 'review-draft.md');
  await hoverWord(page, 'BCRP', (text) => /breast cancer resistance protein/i.test(text));
  await sleep(500); // let the hover finish fading in
  await page.screenshot({ path: path.join(OUT, 'hover.png') });

  await page.keyboard.press('Escape');
  await showViewContainer(page, 'Resistance Atlas');
  await mechanismLabels(page);
  const row = mechanismsTree(page).locator('[role="treeitem"][aria-level="1"]', { hasText: MECHANISM });
  await row.locator('.monaco-tl-twistie').click({ timeout: STEP_TIMEOUT });
  await row.and(page.locator('[aria-expanded="true"]')).waitFor({ timeout: STEP_TIMEOUT });
  await mechanismsTree(page).locator('[role="treeitem"][aria-level="2"]').first().waitFor({ timeout: STEP_TIMEOUT });
  // Park the mouse on the side bar's empty lower part, where nothing shows a tooltip.
  await page.mouse.move(150, 700);
  await sleep(500);
  await page.screenshot({ path: path.join(OUT, 'tree.png') });
  for (const name of ['hover.png', 'tree.png']) console.log(`wrote ${path.relative(REPO, path.join(OUT, name))}`);
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  console.error(`screenshots: ${error.message}`);
  exitCode = 1;
} finally {
  await runCleanups();
}
process.exit(exitCode);
