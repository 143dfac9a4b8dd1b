// Builds the Node extension, the web-worker extension (vscode.dev), the CLI and the tests.
// Type checking is a separate step (`npm run typecheck`), as in the esbuild extension sample.
import * as esbuild from 'esbuild';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  target: 'es2022',
  legalComments: 'external',
};

const integrationTests = readdirSync('test/integration')
  .filter((f) => f.endsWith('.ts'))
  .map((f) => `test/integration/${f}`);

const builds = [
  { ...common, entryPoints: ['src/extension.node.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode'] },
  {
    ...common,
    entryPoints: ['src/extension.web.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    format: 'cjs',
    external: ['vscode'],
    define: { 'process.env.NODE_ENV': '"production"' },
  },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', banner: { js: '#!/usr/bin/env node' } },
  {
    ...common,
    entryPoints: integrationTests,
    outdir: 'dist/test/integration',
    platform: 'node',
    format: 'cjs',
    external: ['vscode', 'mocha'],
    minify: false,
  },
];

/** data/ as one file, read by the extension at activation and by the CLI (see KnowledgeBaseFiles). */
function writeKnowledgeBase() {
  const read = (path) => JSON.parse(readFileSync(path, 'utf8'));
  const glossary = readdirSync('data/glossary')
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const { area, concepts } = read(`data/glossary/${f}`);
      return { area, concepts };
    });
  const strip = ({ $schema: _schema, ...rest }) => rest;
  const kb = {
    mechanisms: strip(read('data/mechanisms.json')),
    strategies: strip(read('data/strategies.json')),
    references: strip(read('data/references.json')),
    matching: strip(read('data/matching.json')),
    glossary,
  };
  mkdirSync('dist', { recursive: true });
  writeFileSync('dist/knowledge-base.json', JSON.stringify(kb));
}

writeKnowledgeBase();

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
  console.log('esbuild: watching');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  chmodSync('dist/cli.js', 0o755);
}
