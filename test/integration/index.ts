// The in-host test runner: VS Code's extension host loads this module (the extensionTestsPath of
// test/hosts/run-integration.mjs) and awaits run(). Bundled to dist/test/integration/index.js.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

// test/hosts/run-integration.mjs relays the extension host's INFO lines from this line on.
const START_MARKER = 'Resistance Atlas integration tests:';

export async function run(): Promise<void> {
  const files = fs
    .readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .sort()
    .map((file) => path.join(__dirname, file));
  console.log(`${START_MARKER} ${files.length} test files`);

  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20000 });
  for (const file of files) mocha.addFile(file);
  const stats = await new Promise<Mocha.Stats>((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve(runner.stats as Mocha.Stats));
    } catch (error) {
      reject(error);
    }
  });

  const { passes, failures, pending } = stats;
  // The host runner reads the totals from this file (its path is passed through the environment)
  // or, failing that, from this line.
  console.log(`RESULT ${passes} ${failures} ${pending}`);
  const resultFile = process.env.RESISTANCE_ATLAS_TEST_RESULT;
  if (resultFile) fs.writeFileSync(resultFile, JSON.stringify({ passes, failures, pending }));
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
