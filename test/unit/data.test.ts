import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { checkKnowledgeBase } from '../../src/core/knowledgeBase';
import type { CslItem } from '../../src/core/model';
import { findExcludedRanges } from '../../src/core/terms/excludedRanges';
import { knowledgeBase, readJson, repoRoot } from './helpers';

const SCHEMAS = ['glossary', 'mechanisms', 'strategies', 'references', 'matching', 'citation-styles'];

function validator(): Ajv {
  const ajv = new Ajv({ allErrors: true });
  for (const s of SCHEMAS) ajv.addSchema(readJson(`data/schemas/${s}.schema.json`));
  return ajv;
}

function validate(ajv: Ajv, schema: string, file: string): void {
  const v = ajv.getSchema(`https://resistance-atlas.invalid/schemas/${schema}.schema.json`)!;
  const ok = v(readJson(file));
  assert.ok(ok, `${file}: ${ajv.errorsText(v.errors, { separator: '\n' })}`);
}

describe('knowledge base data', () => {
  it('every data file validates against its JSON Schema', () => {
    const ajv = validator();
    validate(ajv, 'mechanisms', 'data/mechanisms.json');
    validate(ajv, 'strategies', 'data/strategies.json');
    validate(ajv, 'references', 'data/references.json');
    validate(ajv, 'matching', 'data/matching.json');
    validate(ajv, 'citation-styles', 'data/citation-styles.json');
    const glossaryFiles = readdirSync(join(repoRoot, 'data', 'glossary')).filter((f) => f.endsWith('.json'));
    assert.ok(glossaryFiles.length > 0);
    for (const f of glossaryFiles) validate(ajv, 'glossary', `data/glossary/${f}`);
  });

  it('has no duplicate ids, dangling cross-references or undeclared shared forms', () => {
    assert.deepEqual(checkKnowledgeBase(knowledgeBase()), []);
  });

  it('describes the ten mechanisms of the seed review, each with terms, strategies and a summary', () => {
    const kb = knowledgeBase();
    assert.deepEqual(kb.mechanismIds, [
      'drug-transport-efflux',
      'drug-metabolism',
      'target-mutations',
      'bypass-signalling',
      'tumour-microenvironment',
      'immune-interplay',
      'epigenetics',
      'dna-repair',
      'autophagy',
      'tumour-heterogeneity',
    ]);
    for (const m of kb.mechanisms) {
      assert.ok(m.keyTerms.length > 0 && m.strategies.length > 0, m.id);
      for (const t of m.keyTerms) assert.ok(kb.concept(t)!.mechanisms.includes(m.id), `${t} should list mechanism ${m.id}`);
    }
  });

  it('assigns the seed references to mechanisms as the seed cites them', () => {
    const kb = knowledgeBase();
    const cited = Object.fromEntries(kb.mechanisms.map((m) => [m.id, m.references.map((r) => `${r.key}:${r.basis}`)]));
    assert.deepEqual(cited, {
      'drug-transport-efflux': ['assaraf2023:cited-in-text'],
      'drug-metabolism': ['guengerich2022:cited-in-text'],
      'target-mutations': [],
      'bypass-signalling': ['engelman2020:cited-in-text'],
      'tumour-microenvironment': ['mao2021:cited-in-text'],
      'immune-interplay': ['galluzzi2022:cited-in-text'],
      epigenetics: ['baylin2021:cited-in-text'],
      'dna-repair': ['helleday2022:cited-in-text'],
      autophagy: ['levine2021:cited-in-text'],
      'tumour-heterogeneity': ['marusyk2021:title-topic'],
    });
  });

  it('names every strategy the seed proposes', () => {
    const ids = knowledgeBase().strategies.map((s) => s.id);
    for (const id of ['transporter-inhibitors', 'pathway-inhibitors', 'epigenetic-reversal', 'autophagy-modulation', 'immunotherapy-combination', 'combination-therapy', 'novel-drug-design']) {
      assert.ok(ids.includes(id), id);
    }
  });
});

describe('bundled references', () => {
  const refs = () => knowledgeBase().references;

  /** Re-prints a CSL record in the seed's reference format. */
  function printAsSeed(r: CslItem): string {
    const authors = (r.author ?? []).map((a) => `${a.family}, ${a.given}`).join(', ');
    return `${authors}. "${r.title}." *${r['container-title-short']}* ${r.volume} (${r.issued!['date-parts']![0][0]}):${r.page}.`;
  }

  it('holds the seed list of ten references plus the seed article', () => {
    const seedNumbers = refs().filter((r) => r.custom?.source === 'seed').map((r) => r.custom?.seedNumber);
    assert.deepEqual(seedNumbers, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.ok(refs().some((r) => r.id === 'almutairi2025' && r.custom?.source === 'seed-article'));
  });

  it('stores every seed reference field exactly as printed', () => {
    for (const r of refs().filter((x) => x.custom?.source === 'seed')) {
      assert.equal(printAsSeed(r), r.custom?.printed, r.id);
    }
  });

  it('matches the reference list printed in the seed text, where the seed is at hand', () => {
    const seedDir = process.env.RESISTANCE_ATLAS_SEED ?? join(repoRoot, '..', 'shared', 'seed');
    const printed = refs().filter((r) => r.custom?.source === 'seed').map((r) => `${r.custom?.seedNumber}. ${r.custom?.printed}`);
    if (!existsSync(seedDir)) {
      // Outside this workplace the seed text is not in the repo; the printed strings above are the record.
      assert.equal(printed.length, 10);
      return;
    }
    const seed = readdirSync(seedDir).map((f) => readFileSync(join(seedDir, f), 'utf8')).join('\n');
    for (const line of printed) assert.ok(seed.includes(line), `not in the seed: ${line}`);
    assert.ok(seed.includes('DOI: 10.37421/2952-8100.2025.8.557'));
  });

  it('invents no identifiers: only the seed article has a DOI, and none has a PMID or URL', () => {
    for (const r of refs()) {
      assert.equal(r.DOI !== undefined, r.id === 'almutairi2025', r.id);
      assert.equal(r.PMID, undefined);
      assert.equal(r.URL, undefined);
    }
  });

  it('keeps the style list and the settings enum in step', () => {
    const pkg = readJson<{ contributes: { configuration: { properties: Record<string, { enum?: string[] }> } } }>('package.json');
    const styles = readJson<{ styles: Array<{ id: string }> }>('data/citation-styles.json').styles.map((s) => s.id);
    assert.deepEqual(pkg.contributes.configuration.properties['resistanceAtlas.citations.style'].enum, styles);
  });
});

describe('glossary coverage of the seed', () => {
  /** Seed sentences in our own words, each with the seed term that must be recognised in it. */
  const SEED_TERMS: Array<[string, string]> = [
    ['Overexpression of P-gp limits uptake.', 'P-gp'],
    ['P-glycoprotein pumps drugs out.', 'P-glycoprotein'],
    ['BCRP is an efflux transporter.', 'BCRP'],
    ['Breast cancer resistance protein is also called ABCG2.', 'Breast cancer resistance protein'],
    ['Cells showing MDR resist many drugs.', 'MDR'],
    ['The TME shelters tumour cells.', 'TME'],
    ['The tumor microenvironment matters.', 'tumor microenvironment'],
    ['CAFs secrete growth factors.', 'CAFs'],
    ['Cancer-associated fibroblasts remodel tissue.', 'Cancer-associated fibroblasts'],
    ['The ECM is stiff.', 'ECM'],
    ['Cytochrome P450 oxidises many drugs.', 'Cytochrome P450'],
    ['CYP3A4 clears many kinase inhibitors.', 'CYP3A4'],
    ['PI3K/Akt signalling promotes survival.', 'PI3K/Akt'],
    ['MAPK signalling drives proliferation.', 'MAPK'],
    ['Upregulated HRR repairs breaks.', 'HRR'],
    ['BER removes damaged bases.', 'BER'],
    ['DNA methylation silences genes.', 'DNA methylation'],
    ['Histone modifications change chromatin.', 'Histone modifications'],
    ['Autophagy recycles organelles.', 'Autophagy'],
    ['Apoptosis is evaded.', 'Apoptosis'],
    ['An efflux pump lowers drug levels.', 'efflux pump'],
    ['Loss of an influx transporter reduces uptake.', 'influx transporter'],
    ['Intratumoral heterogeneity fuels relapse.', 'Intratumoral heterogeneity'],
    ['Intertumoral heterogeneity differs between patients.', 'Intertumoral heterogeneity'],
    ['A resistant subclone expands.', 'subclone'],
    ['Immune evasion protects the tumour.', 'Immune evasion'],
  ];

  it('recognises every jargon term the seed uses', () => {
    const kb = knowledgeBase();
    for (const [sentence, term] of SEED_TERMS) {
      const hits = kb.termMatcher.findAll(sentence, findExcludedRanges(sentence, 'plain')).map((o) => sentence.slice(o.start, o.end));
      assert.ok(hits.includes(term), `"${term}" not recognised in "${sentence}" (found: ${hits.join(', ')})`);
    }
  });
});
