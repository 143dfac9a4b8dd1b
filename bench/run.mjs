// npm run bench: bundles bench/bench.ts with esbuild, as the extension is bundled (module
// boundaries disappear, as they do in dist/extension.js), then runs it with GC exposed.
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';

const noNetwork = { 'node-fetch': './src/stubs/noNetwork.ts', 'sync-fetch': './src/stubs/noNetwork.ts' };
await esbuild.build({ entryPoints: ['bench/bench.ts'], outfile: 'dist/bench/bench.js', bundle: true, platform: 'node', format: 'cjs', target: 'es2022', logLevel: 'warning', alias: noNetwork });
const result = spawnSync(process.execPath, ['--expose-gc', 'dist/bench/bench.js', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
