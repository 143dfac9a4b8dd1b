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

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ra-cli-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const BIB = '@article{weinberg2013, author = {Weinberg, Robert A.}, title = {The Biology of Cancer}, journal = {Garland}, year = {2013}}\n\n@article{broken, title = {Never closed,\n\n@article{mao2021x, author = {Mao, Xiaojun}, title = {TME and resistance}, journal = {Cells}, year = {2021}, volume = {10}, pages = {222}}\n';

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
      [['cite', 'mao2021', '--format', 'pdf'], /--format must be one of text, html, bibtex, csl-json, ris, not pdf/],
      [['check'], /check takes exactly one MANUSCRIPT/],
      [['bib', 'a.md', 'b.md'], /bib takes exactly one MANUSCRIPT/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['terms'], /terms takes exactly one FILE/],
    ] as const) {
      const r = run(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
    }
  });

  it('cite reads --bib files and exports BibTeX, CSL-JSON or RIS', () => {
    const dir = project({ 'refs.bib': BIB });
    const text = run('cite', 'weinberg2013', '--bib', join(dir, 'refs.bib'), '--style', 'apa');
    assert.equal(text.code, 0, text.stderr);
    assert.equal(text.stdout.trim(), 'Weinberg, R. A. (2013). The Biology of Cancer. Garland.');
    const bibtex = run('cite', 'weinberg2013', 'assaraf2023', '--bib', join(dir, 'refs.bib'), '--format', 'bibtex');
    assert.match(bibtex.stdout, /@article\{weinberg2013,[\s\S]*@article\{assaraf2023,/);
    const json = JSON.parse(run('cite', 'mao2021x', '--bib', join(dir, 'refs.bib'), '--format', 'csl-json').stdout);
    assert.equal(json[0].title, 'TME and resistance');
    assert.match(run('cite', 'mao2021', '--format', 'ris').stdout, /^ID {2}- mao2021$/m);
  });

  it('bib prints the bibliography of what a manuscript cites, found through its front matter', () => {
    const dir = project({ 'refs.bib': BIB, 'draft.md': '---\nbibliography: refs.bib\n---\n\nFirst [@mao2021x], then [@weinberg2013; @mao2021x].\n' });
    const r = run('bib', join(dir, 'draft.md'));
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n'), ['1. Mao X. TME and resistance. Cells. 2021;10:222.', '2. Weinberg RA. The Biology of Cancer. Garland. 2013;']);
  });

  it('check reports citation and bibliography problems as JSON, exit 1 on errors and 0 without', () => {
    const dir = project({ 'refs.bib': BIB, 'draft.md': '---\nbibliography: refs.bib\n---\n\nSee [@weinberg2031] and [@assaraf2023].\n', 'ok.md': '---\nbibliography: refs.bib\n---\n\nSee [@weinberg2013].\n' });
    const r = run('check', join(dir, 'draft.md'), '--json');
    assert.equal(r.code, 1);
    const findings = JSON.parse(r.stdout) as Array<{ file: string; line: number; column: number; severity: string; code: string; message: string }>;
    const summary = findings.map((f) => [f.file.endsWith('refs.bib') ? 'refs.bib' : 'draft.md', f.line, f.severity, f.code]);
    assert.deepEqual(summary, [
      ['refs.bib', 3, 'error', 'bib-syntax'],
      ['draft.md', 5, 'error', 'unknown-citation-key'],
      ['draft.md', 5, 'warning', 'citation-not-in-bibliography'],
    ]);
    assert.equal(findings[1].column, 7);
    assert.match(findings[1].message, /Unknown citation key "weinberg2031"\. Did you mean "weinberg2013"\?/);
    const ok = run('check', join(dir, 'ok.md'));
    assert.equal(ok.code, 1, 'the .bib still has its broken entry');
    const clean = project({ 'refs.bib': '@book{a2020, title = {A}, year = {2020}}\n', 'm.md': '---\nbibliography: refs.bib\n---\n[@a2020]\n' });
    const good = run('check', join(clean, 'm.md'));
    assert.equal(good.code, 0, good.stdout + good.stderr);
    assert.equal(good.stdout, '');
  });

  it('check reports acronyms used before their definition, with scopes, and only errors fail it', () => {
    const dir = project({
      'paper.md': '# Abstract\n\nThe tumour microenvironment (TME) protects cells.\n\n# Introduction\n\nThe TME matters.\n',
      'late.md': 'BCRP exports drugs. Later: breast cancer resistance protein (BCRP) again, and BCRP.\n',
    });
    const late = run('check', join(dir, 'late.md'), '--json');
    assert.equal(late.code, 0, 'acronym findings are warnings');
    assert.deepEqual(
      (JSON.parse(late.stdout) as Array<{ line: number; column: number; code: string }>).map((f) => [f.line, f.column, f.code]),
      [[1, 1, 'acronym-used-before-definition']],
    );
    assert.equal(JSON.parse(run('check', join(dir, 'paper.md'), '--json').stdout).length, 0, 'defined in the abstract, used after it');
    const scoped = JSON.parse(run('check', join(dir, 'paper.md'), '--json', '--scope', 'abstract').stdout) as Array<{ line: number; code: string }>;
    assert.deepEqual(scoped.map((f) => [f.line, f.code]), [[3, 'acronym-defined-not-used'], [7, 'acronym-not-defined']]);
    assert.equal(JSON.parse(run('check', join(dir, 'late.md'), '--json', '--no-acronyms').stdout).length, 0);
  });
});
