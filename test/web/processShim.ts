// The web worker has no `process`; the `assert` package reads it to build failure messages.
// esbuild injects this into the browser test bundle (see esbuild.mjs).
import process from 'process/browser.js';

export { process };
