import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CslSource } from '../../src/core/citations/citationFormatter';
import { KnowledgeBaseIndex, type KnowledgeBaseFiles } from '../../src/core/knowledgeBase';
import type { GlossaryConcept } from '../../src/core/model';

export const repoRoot = join(__dirname, '..', '..');

export function readJson<T = unknown>(relativePath: string): T {
  return JSON.parse(readFileSync(join(repoRoot, relativePath), 'utf8')) as T;
}

/** The knowledge base straight from data/, as the build bundles it. */
export function knowledgeBaseFiles(): KnowledgeBaseFiles {
  const glossary = readdirSync(join(repoRoot, 'data', 'glossary'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readJson<{ area: string; concepts: GlossaryConcept[] }>(`data/glossary/${f}`));
  return {
    mechanisms: readJson('data/mechanisms.json'),
    strategies: readJson('data/strategies.json'),
    references: readJson('data/references.json'),
    matching: readJson('data/matching.json'),
    glossary,
  };
}

let kb: KnowledgeBaseIndex | undefined;
export function knowledgeBase(): KnowledgeBaseIndex {
  kb ??= new KnowledgeBaseIndex(knowledgeBaseFiles());
  return kb;
}

/** CSL styles and locales from media/csl (written by `npm run build`). */
export const mediaCslSource: CslSource = {
  async readStyle(id) {
    return readFileSync(join(repoRoot, 'media', 'csl', 'styles', `${id}.csl`), 'utf8');
  },
  async readLocale(lang) {
    try {
      return readFileSync(join(repoRoot, 'media', 'csl', 'locales', `locales-${lang}.xml`), 'utf8');
    } catch {
      return undefined;
    }
  },
};

/** A small glossary for matcher tests, independent of the real data. */
export function concept(id: string, label: string, extra: Partial<GlossaryConcept> = {}): GlossaryConcept {
  return { id, label, category: 'concept', definition: `${label}: a test definition long enough.`, mechanisms: [], source: 'general-knowledge', ...extra };
}

/** Splits "text with $$CURSOR$$ marker" into the text and the marker's offset. */
export function withCursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('$$CURSOR$$');
  if (offset < 0) throw new Error('no $$CURSOR$$ marker');
  return { text: marked.replace('$$CURSOR$$', ''), offset };
}

/** A small glossary for matcher tests: acronyms, phrases, Greek letters, "Notch" (case-sensitive) and an ambiguous "HR". */
export function smallGlossary(): GlossaryConcept[] {
  return [
    concept('p-glycoprotein', 'P-glycoprotein', { abbreviations: ['P-gp', 'ABCB1', 'MDR1'] }),
    concept('bcrp', 'Breast cancer resistance protein', { abbreviations: ['BCRP', 'ABCG2'] }),
    concept('caf', 'Cancer-associated fibroblast', { abbreviations: ['CAF'] }),
    concept('efflux-pump', 'Efflux pump'),
    concept('egfr', 'Epidermal growth factor receptor', { abbreviations: ['EGFR'] }),
    concept('egfr-t790m', 'EGFR T790M'),
    concept('parp', 'Poly(ADP-ribose) polymerase', { abbreviations: ['PARP'] }),
    concept('parp-inhibitor', 'PARP inhibitor'),
    concept('tki', 'Tyrosine kinase inhibitor', { abbreviations: ['TKI'] }),
    concept('tnf', 'Tumour necrosis factor α', { abbreviations: ['TNF-α'] }),
    concept('beta-catenin', 'β-catenin', { abbreviations: ['CTNNB1'] }),
    concept('nf-kb', 'Nuclear factor κB', { abbreviations: ['NF-κB'] }),
    concept('pi3k-akt', 'PI3K/Akt pathway', { abbreviations: ['PI3K/Akt'] }),
    concept('pi3k', 'Phosphoinositide 3-kinase', { abbreviations: ['PI3K'] }),
    concept('homologous-recombination', 'Homologous recombination', { abbreviations: ['HR', 'HRR'] }),
    concept('hazard-ratio', 'Hazard ratio', { abbreviations: ['HR'] }),
    concept('therapy', 'Combination therapy'),
    concept('notch', 'Notch signalling', { abbreviations: ['Notch'] }),
    concept('ber', 'Base excision repair', { abbreviations: ['BER'] }),
    concept('met', 'MET receptor', { abbreviations: ['MET'] }),
  ];
}
