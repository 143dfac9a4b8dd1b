// `npm run test:electron`: the same integration tests in desktop VS Code, through
// @vscode/test-electron, on machines that can download VS Code (these cannot: use
// `npm run test:integration`, which runs them in code-server's extension host).
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const workspace = mkdtempSync(path.join(tmpdir(), 'resistance-atlas-electron-'));
cpSync(path.join(repo, 'sample'), workspace, { recursive: true });

try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: repo,
    extensionTestsPath: path.join(repo, 'dist', 'test', 'integration', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { RESISTANCE_ATLAS_TEST_RESULT: path.join(repo, '.test-output', 'electron-result.json') },
  });
} catch (error) {
  console.error(`desktop VS Code integration tests failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
