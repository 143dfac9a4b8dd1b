import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repo = join(__dirname, '..', '..');
const cli = join(repo, 'dist', 'cli.js');

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: repo, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('resistance-atlas CLI (built dist/cli.js)', () => {
  it('terms --json reports every occurrence with 1-based line and column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ra-cli-'));
    const file = join(dir, 'draft.md');
    writeFileSync(file, '# Draft\n\nBCRP and `P-gp` and the TME.\nHR was 0.7.\n');
    const { code, stdout } = run('terms', file, '--json');
    assert.equal(code, 0);
    const rows = JSON.parse(stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(
      rows.map((r) => [r.line, r.column, r.offset, r.length, r.text, r.conceptId]),
      [
        [3, 1, 9, 4, 'BCRP', 'bcrp'],
        [3, 25, 33, 3, 'TME', rows[1].conceptId],
        [4, 1, 38, 2, 'HR', rows[2].conceptId],
      ],
    );
    assert.equal(rows[0].label, 'Breast cancer resistance protein');
    assert.ok((rows[2].conceptIds as string[]).length >= 2, 'HR lists every sense');
  });

  it('cite formats references in a bundled style, a .csl file, text or HTML', () => {
    const apa = run('cite', 'mao2021', '--style', 'apa');
    assert.equal(apa.code, 0);
    assert.equal(apa.stdout.trim(), 'Mao, X., Chen, J., & Chen, J. (2021). The Tumor Microenvironment and Its Role in Mediating Drug Resistance. Cells, 10, 222.');
    const html = run('cite', 'mao2021', '--style', join(repo, 'media', 'csl', 'styles', 'nature.csl'), '--format', 'html');
    assert.equal(html.code, 0);
    assert.match(html.stdout, /<div class="csl-entry">.*<i>Cells<\/i>/s);
  });

  it('refs lists the bundled references with their keys', () => {
    const { code, stdout } = run('refs');
    assert.equal(code, 0);
    assert.match(stdout, /^assaraf2023\tAssaraf et al\. 2023\tDrug efflux transporters/m);
    assert.equal(stdout.trim().split('\n').length, 11);
  });

  it('answers bad input with a message on stderr and exit code 2', () => {
    for (const [args, message] of [
      [['cite', 'nobody1999'], /unknown citation key: nobody1999/],
      [['terms', '/no/such/file.md'], /cannot read \/no\/such\/file\.md: ENOENT/],
      [['cite', 'mao2021', '--style', 'no-such-style'], /unknown citation style "no-such-style"/],
      [['cite', 'mao2021', '--format', 'pdf'], /--format must be text or html/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['terms'], /terms takes exactly one FILE/],
    ] as const) {
      const r = run(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
    }
  });
});
