// Builds the Node extension, the web-worker extension (vscode.dev), the CLI and the tests.
// Type checking is a separate step (`npm run typecheck`), as in the esbuild extension sample.
import * as esbuild from 'esbuild';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Libraries' network modules, replaced by a stub that refuses: the extension makes no network calls. */
const noNetwork = { 'node-fetch': './src/stubs/noNetwork.ts', 'sync-fetch': './src/stubs/noNetwork.ts' };

const common = {
  alias: noNetwork,
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  target: 'es2022',
  legalComments: 'external',
};

/**
 * In the Node extension, large libraries are files of their own in dist/lib/, required only when
 * first used (the core imports them with import()): V8 compiles the extension bundle at
 * activation, and its size is what activation costs. The web build keeps them inline.
 */
const LAZY_LIBRARIES = {
  citeproc: 'citeproc',
  '@retorquere/bibtex-parser': 'bibtex-parser',
  'js-yaml': 'js-yaml',
  'markdown-it': 'markdown-it',
  '@citation-js/core': 'citation-js',
  '@citation-js/plugin-bibtex': 'citation-js',
  '@citation-js/plugin-ris': 'citation-js',
};
const lazyLibraries = {
  name: 'lazy-libraries',
  setup(build) {
    const filter = new RegExp(`^(${Object.keys(LAZY_LIBRARIES).map((k) => k.replace(/[/.@-]/g, '\\$&')).join('|')})$`);
    build.onResolve({ filter }, (args) => ({ path: `./lib/${LAZY_LIBRARIES[args.path]}.js`, external: true }));
  },
};
const libraryBuilds = [...new Set(Object.values(LAZY_LIBRARIES))].map((name) => ({
  ...common,
  entryPoints: [`src/lib/${name}.ts`],
  outfile: `dist/lib/${name}.js`,
  platform: 'node',
  format: 'cjs',
}));

const integrationTests = readdirSync('test/integration')
  .filter((f) => f.endsWith('.ts'))
  .map((f) => `test/integration/${f}`);

const builds = [
  { ...common, entryPoints: ['src/extension.node.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode'], plugins: [lazyLibraries] },
  ...libraryBuilds,
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
  {
    // The web-worker tests (test/hosts/run-web.mjs): mocha's browser build and the `assert`
    // package bundled in, `process` provided by a shim.
    ...common,
    entryPoints: ['test/web/index.ts'],
    outfile: 'dist/test/web/index.js',
    platform: 'browser',
    format: 'cjs',
    external: ['vscode'],
    inject: ['test/web/processShim.ts'],
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

/** dist/THIRD_PARTY_NOTICES.md: every npm package bundled into what the VSIX ships, with its licence. */
function writeThirdPartyNotices(results) {
  const packages = new Set();
  for (const { metafile } of results) {
    for (const input of Object.keys(metafile.inputs)) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (m) packages.add(m[1]);
    }
  }
  const sections = [...packages].sort().map((name) => {
    const dir = `node_modules/${name}`;
    const { version, license } = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const text = file && existsSync(`${dir}/${file}`) ? readFileSync(`${dir}/${file}`, 'utf8').trim() : `(no licence file in the package; its package.json says: ${license})`;
    return `## ${name} ${version} (${typeof license === 'string' ? license : JSON.stringify(license)})\n\n\`\`\`\n${text}\n\`\`\`\n`;
  });
  writeFileSync('dist/THIRD_PARTY_NOTICES.md', `# Third-party software in Resistance Atlas\n\nBundled into dist/ by esbuild. The CSL styles and locales are listed in media/csl/LICENSES.md.\n\n${sections.join('\n')}`);
}

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
  console.log('esbuild: watching');
} else {
  const results = await Promise.all(builds.map((options) => esbuild.build({ ...options, metafile: true })));
  chmodSync('dist/cli.js', 0o755);
  writeThirdPartyNotices(results.slice(0, 2 + libraryBuilds.length));
}
