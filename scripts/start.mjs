// `npm start`: serves VS Code (code-server) on 127.0.0.1 with the extension installed, on the repo's
// sample/ folder, until Ctrl-C. PORT picks the port (default 8080, or the next free one).
// `--check`: loads the workbench once in headless Chromium, waits until the extension's Mechanisms
// view lists its mechanisms, prints OK and exits (0, or 1 on failure).
import fs from 'node:fs';
import path from 'node:path';
import {
  REPO, launchBrowser, loadWorkbench, runCleanups, startCodeServer,
} from '../test/hosts/codeServer.mjs';
import { mechanismLabels } from '../test/ui/workbench.mjs';

const check = process.argv.includes('--check');

async function main() {
  const server = await startCodeServer({
    folder: path.join(REPO, 'sample'),
    extensions: [REPO],
    port: Number(process.env.PORT || 8080),
  });
  const url = server.workbenchUrl();
  console.log(`Resistance Atlas is running in VS Code at ${url}`);

  if (check) {
    const { page } = await launchBrowser();
    try {
      await loadWorkbench(page, url);
      const labels = await mechanismLabels(page);
      console.log(`OK: the workbench loaded and the Mechanisms view lists ${labels.length} mechanisms`);
      return 0;
    } catch (error) {
      const shot = path.join(REPO, '.test-output', 'start-check.png');
      fs.mkdirSync(path.dirname(shot), { recursive: true });
      await page.screenshot({ path: shot }).catch(() => {});
      throw new Error(`${error.message} (screenshot: ${path.relative(REPO, shot)})`);
    }
  }

  console.log('Press Ctrl-C to stop.');
  const status = await server.exited;
  if (server.stopped) {
    await server.stop();
    return 0;
  }
  throw new Error(`code-server stopped unexpectedly (${status}):\n${server.logTail()}`);
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(`start: ${error.message}`);
} finally {
  await runCleanups();
}
process.exit(exitCode);
