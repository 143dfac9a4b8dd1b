// The test runner of the web-worker extension host (@vscode/test-web with VS Code for the web):
// the host loads this module (bundled for the browser to dist/test/web/index.js) and awaits
// run(). Test files are imported here: a worker cannot list folders.
import 'mocha/mocha.js';

export async function run(): Promise<void> {
  mocha.setup({ ui: 'bdd', reporter: 'spec', color: false, timeout: 20000 });
  await import('./activation.test');
  await import('./hover.test');
  await import('./insertCitation.test');
  const { passes, failures } = await new Promise<{ passes: number; failures: number }>((resolve) => {
    const runner = mocha.run(() => resolve({ passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0 }));
  });
  // test/hosts/run-web.mjs reads the totals from this line.
  console.log(`RESULT ${passes} ${failures} 0`);
  if (failures > 0) throw new Error(`${failures} web test(s) failed`);
}
