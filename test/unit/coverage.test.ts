import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../src/core/terms/documentAnalysis';
import { knowledgeBase } from './helpers';

/** Jargon a pharmacologist would expect a glossary of the field to explain in each excerpt. */
const EXPECTED: Record<string, string[]> = {
  'review-excerpt.md': [
    'EGFR', 'NSCLC', 'TKIs', 'gefitinib', 'erlotinib', 'gatekeeper mutation', 'EGFR T790M', 'osimertinib', 'EGFR C797S', 'MET',
    'HER2', 'SCLC', 'CML', 'BCR-ABL T315I', 'imatinib', 'dasatinib', 'nilotinib', 'ponatinib', 'asciminib', 'KRAS G12C', 'sotorasib',
    'adagrasib', 'KRAS', 'MAPK', 'HGSOC', 'homologous recombination', 'BRCA1', 'BRCA2', 'PARP inhibitors', 'olaparib', '53BP1',
    'shieldin', 'GBM', 'MGMT', 'temozolomide', 'MMR', 'Hypomethylating agents', 'azacitidine', 'decitabine', 'HDAC inhibitors',
    'EZH2 inhibitors', 'PRC2', 'BCL-2', 'MCL-1', 'apoptosis', 'venetoclax', 'BH3 mimetic', 'CLL', 'AML', 'autophagy', 'LC3-II',
    'p62', 'SQSTM1', 'hydroxychloroquine', 'CAFs', 'HGF', 'IL-6', 'STAT3', 'ECM', 'interstitial fluid pressure', 'Hypoxia',
    'HIF-1α', 'ABCB1', 'ABCG2', 'TAMs', 'MDSCs', 'Tregs', 'MHC class I', 'β2-microglobulin', 'PD-1', 'TMB', 'neoantigens',
    'immune checkpoint inhibitors', 'Exosomes', 'P-gp', 'Intratumoral heterogeneity', 'cancer stem cells',
    'drug-tolerant persister cells', 'EMT', 'CYP3A4', 'docetaxel', 'SN-38', 'irinotecan', 'UGT1A1',
  ],
  'review-excerpt.tex': [
    'ABCB1', 'P-glycoprotein', 'ABCG2', 'BCRP', 'anthracyclines', 'taxanes', 'vinca alkaloids', 'tariquidar', 'zosuquidar', 'P-gp',
    'MRP1', 'glutathione', 'CYP3A4', 'CYP2C8', 'paclitaxel', 'DPD', '5-fluorouracil', 'capecitabine', 'TPMT', 'PI3K/AKT/mTOR',
    'PIK3CA', 'PTEN', 'endocrine therapy', 'alpelisib', 'everolimus', 'mTORC1', 'S6K', 'AKT', 'RAS/RAF/MEK/ERK', 'PI3K', 'Notch',
    'Hedgehog', 'cancer stem cells', 'JAK/STAT', 'p53', 'apoptosis', 'DNA damage', 'Wnt/$\\beta$-catenin', 'NF-$\\kappa$B',
  ],
};

describe('glossary coverage of review prose', () => {
  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`explains at least 95% of the jargon in ${file}`, () => {
      const kb = knowledgeBase();
      const text = readFileSync(join(__dirname, 'fixtures', file), 'utf8');
      const analysis = DocumentAnalysis.analyse(text, file.endsWith('.tex') ? 'latex' : 'markdown', kb.termMatcher);
      // A term counts as explained when an occurrence covers its first appearance (possibly as part of a longer term).
      const missing = expected.filter((term) => {
        const m = new RegExp(term.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '\\s+')).exec(text);
        assert.ok(m, `${term} is not in ${file}`);
        return !analysis.occurrences.toArray().some((o) => o.start <= m.index && o.end >= m.index + m[0].length);
      });
      assert.ok(missing.length <= expected.length * 0.05, `not explained: ${missing.join(', ')}`);
    });
  }
});
