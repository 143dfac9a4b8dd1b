// `npm run test:ui`: runs test/ui/*.test.mjs with mocha in this process against one code-server
// and one headless Chromium for the whole run; the tests drive the workbench like a user.
// The npm pre-script installs the hosts and builds. Screenshots of failures go to .test-output/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Mocha from 'mocha';
import { REPO, reportTotals, runSuite, timeoutMs } from './codeServer.mjs';
import { startWorkbench, ui } from '../ui/workbench.mjs';

const UI_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'ui');
const OUTPUT = path.join(REPO, '.test-output');

async function main() {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: timeoutMs('RESISTANCE_ATLAS_UI_TEST_TIMEOUT', 120) });
  for (const file of fs.readdirSync(UI_DIR).filter((f) => f.endsWith('.test.mjs')).sort()) {
    mocha.addFile(path.join(UI_DIR, file));
  }
  await mocha.loadFilesAsync();
  fs.mkdirSync(OUTPUT, { recursive: true });
  for (const file of fs.readdirSync(OUTPUT)) {
    if (/^ui-.*\.png$/.test(file)) fs.rmSync(path.join(OUTPUT, file));
  }

  Object.assign(ui, await startWorkbench());
  mocha.suite.afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    const file = path.join(OUTPUT, `ui-${this.currentTest.fullTitle().replace(/[^\w-]+/g, '-')}.png`);
    await ui.page.screenshot({ path: file }).then(() => console.log(`    screenshot: ${path.relative(REPO, file)}`),
      (e) => console.log(`    no screenshot: ${e.message}`));
  });

  const { passes, failures, pending } = await new Promise((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats));
  });
  return reportTotals('UI tests', { passes, failures, pending });
}

await runSuite('UI tests', main);
