// npm run bench: runs bench/bench.ts in a fresh Node process with GC exposed.
import { spawnSync } from 'node:child_process';

const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/bench.ts'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
