// Prints how long loading dist/extension.js takes in a fresh Node process (module parse and
// top-level evaluation, the part of activation before activate() runs). 'vscode' is stubbed:
// nothing of it is used at load time.
const Module = require('node:module');
const path = require('node:path');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'vscode') return new Proxy({}, { get: () => function () {} });
  return load.call(this, request, ...rest);
};
const t0 = performance.now();
require(path.join(__dirname, '..', 'dist', 'extension.js'));
process.stdout.write(String(performance.now() - t0));
