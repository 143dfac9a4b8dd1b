// `npm run test:integration`: runs dist/test/integration/*.test.js with mocha inside VS Code's Node
// extension host (code-server), on a temp copy of sample/. The npm pre-script installs and builds.
// Exits with the workbench's exit code, or 1 on timeout, failures, pending tests or no tests.
import fs from 'node:fs';
import path from 'node:path';
import {
  EXTENSION, REPO, TIMEOUTS, launchBrowser, relayConsole, reportTotals, runSuite, startCodeServer, timeoutMs, withTimeout,
} from './codeServer.mjs';

const RUNNER = path.join(EXTENSION, 'dist', 'test', 'integration', 'index.js');
const OUTPUT = path.join(REPO, '.test-output');
const RESULT_FILE = path.join(OUTPUT, 'integration-result.json');
const LOGS = path.join(OUTPUT, 'integration-logs');
const TIMEOUT = timeoutMs('RESISTANCE_ATLAS_INTEGRATION_TIMEOUT', 180);
// Printed by test/integration/index.ts when mocha starts.
const START_MARKER = 'Resistance Atlas integration tests:';

async function main() {
  if (!fs.existsSync(RUNNER)) throw new Error(`${RUNNER} is missing; run: npm run build`);
  fs.mkdirSync(OUTPUT, { recursive: true });
  for (const stale of [RESULT_FILE, LOGS]) fs.rmSync(stale, { recursive: true, force: true });

  const server = await startCodeServer({
    folder: path.join(EXTENSION, 'sample'),
    copyFolder: true,
    env: { RESISTANCE_ATLAS_TEST_RESULT: RESULT_FILE, RESISTANCE_ATLAS_TIMINGS: path.join(OUTPUT, 'activation-timings.json') },
  });
  const { page } = await launchBrowser();
  let resultLine;
  const flush = relayConsole(page, (line) => {
    resultLine = /^RESULT (\d+) (\d+) (\d+)$/.exec(line) ?? resultLine;
    console.log(line);
  }, { startMarker: START_MARKER });
  let exit;
  const exited = new Promise((resolve) => { exit = resolve; });
  await page.exposeFunction('codeAutomationExit', (code, logs) => exit({ code, logs }));
  await page.goto(server.workbenchUrl([['extensionDevelopmentPath', EXTENSION], ['extensionTestsPath', RUNNER]]),
    { timeout: TIMEOUTS.workbench });

  let code, logs;
  try {
    ({ code, logs } = await withTimeout(exited, TIMEOUT, 'the workbench did not call codeAutomationExit'));
  } catch (error) {
    await page.screenshot({ path: path.join(OUTPUT, 'integration-timeout.png') }).catch(() => {});
    console.error(`${error.message}\ncode-server log (last lines):\n${server.logTail()}`);
    return 1;
  } finally {
    await flush();
  }
  if (code !== 0 && Array.isArray(logs)) {
    for (const { relativePath, contents } of logs) {
      fs.mkdirSync(path.dirname(path.join(LOGS, relativePath)), { recursive: true });
      fs.writeFileSync(path.join(LOGS, relativePath), contents);
    }
    console.error(`workbench logs written to ${path.relative(REPO, LOGS)}/`);
  }

  const totals = fs.existsSync(RESULT_FILE)
    ? JSON.parse(fs.readFileSync(RESULT_FILE, 'utf8'))
    : resultLine && { passes: +resultLine[1], failures: +resultLine[2], pending: +resultLine[3] };
  if (!totals) {
    console.error(`the in-host runner reported no totals (did ${path.relative(REPO, RUNNER)} load?)`);
    return code || 1;
  }
  const verdict = reportTotals('integration tests', totals);
  return code !== 0 ? code : verdict;
}

await runSuite('integration tests', main);
