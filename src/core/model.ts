/**
 * The knowledge base's domain types. They mirror the JSON files in `data/` and their JSON Schemas
 * in `data/schemas/`; `test/unit/data.test.ts` keeps the two in step.
 */

/** Where a knowledge-base record comes from. */
export type Provenance =
  /** Stated in, or printed by, the seed review (Al-Mutairi, J Biomed Pharm Sci 2025). */
  | 'seed'
  /** Standard knowledge of the field, written for this project; not taken from the seed. */
  | 'general-knowledge';

/** Stable identifiers of the ten resistance mechanisms the seed review describes. */
export type MechanismId =
  | 'drug-transport-efflux'
  | 'drug-metabolism'
  | 'target-mutations'
  | 'bypass-signalling'
  | 'tumour-microenvironment'
  | 'immune-interplay'
  | 'epigenetics'
  | 'dna-repair'
  | 'autophagy'
  | 'tumour-heterogeneity';

/** Why a reference is attached to a mechanism. */
export type ReferenceBasis =
  /** The seed cites it, by number, in its paragraph on the mechanism. */
  | 'cited-in-text'
  /** Listed in the seed but never cited in its text; attached because its title names the topic. */
  | 'title-topic';

export interface MechanismReference {
  readonly key: string;
  readonly basis: ReferenceBasis;
}

export interface Mechanism {
  readonly id: MechanismId;
  /** Display name, e.g. "Altered drug transport and efflux". */
  readonly name: string;
  /** Two to four sentences in the project's own words. */
  readonly summary: string;
  /** Concept ids (see {@link GlossaryConcept}) that characterise the mechanism. */
  readonly keyTerms: readonly string[];
  /** Strategy ids (see {@link Strategy}). */
  readonly strategies: readonly string[];
  readonly references: readonly MechanismReference[];
  readonly source: Provenance;
}

export interface Strategy {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** `specific`: the seed names it for particular mechanisms; `general`: for resistance at large. */
  readonly scope: 'specific' | 'general';
  readonly source: Provenance;
}

/** Broad kind of a glossary concept; used to group and to pick an icon. */
export type ConceptCategory =
  | 'transporter'
  | 'enzyme'
  | 'gene'
  | 'protein'
  | 'pathway'
  | 'process'
  | 'cell-type'
  | 'structure'
  | 'drug'
  | 'drug-class'
  | 'mutation'
  | 'disease'
  | 'biomarker'
  | 'concept'
  | 'method';

/**
 * One concept of the field, with every written form a manuscript may use for it.
 *
 * Matching rules derive from the forms: a form with two or more capitals, or a capital after
 * its first character, or a digit (an acronym or gene symbol: "P-gp", "ABCB1", "CAFs") matches
 * case-sensitively; any other form ("efflux pump") matches case-insensitively. Plurals of the
 * last word are recognised automatically.
 */
export interface GlossaryConcept {
  /** kebab-case, unique across the glossary. */
  readonly id: string;
  /** Preferred name, e.g. "P-glycoprotein". */
  readonly label: string;
  /** Abbreviations and symbols, preferred first, e.g. ["P-gp", "ABCB1", "MDR1"]. */
  readonly abbreviations?: readonly string[];
  /** Other names and spellings, e.g. ["multidrug resistance protein 1"]. */
  readonly synonyms?: readonly string[];
  /** What the main abbreviation stands for, when that differs from the label. */
  readonly expansion?: string;
  readonly category: ConceptCategory;
  /** One to three sentences in the project's own words. */
  readonly definition: string;
  /** How the concept bears on drug resistance, one or two sentences. */
  readonly resistanceRole?: string;
  readonly mechanisms: readonly MechanismId[];
  /** Ids of related concepts. */
  readonly related?: readonly string[];
  /** Citation keys of supporting references in `data/references.json`. */
  readonly references?: readonly string[];
  readonly source: Provenance;
}

/** CSL-JSON name (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html#name-fields). */
export interface CslName {
  readonly family?: string;
  readonly given?: string;
  readonly literal?: string;
  readonly 'non-dropping-particle'?: string;
  readonly 'dropping-particle'?: string;
  readonly suffix?: string;
}

export interface CslDate {
  readonly 'date-parts'?: ReadonlyArray<ReadonlyArray<number | string>>;
  readonly literal?: string;
  readonly raw?: string;
}

/** A bibliographic record in CSL-JSON, the input format of citeproc-js. */
export interface CslItem {
  readonly id: string;
  readonly type: string;
  readonly title?: string;
  readonly author?: readonly CslName[];
  readonly editor?: readonly CslName[];
  readonly 'container-title'?: string;
  readonly 'container-title-short'?: string;
  readonly volume?: string | number;
  readonly issue?: string | number;
  readonly page?: string;
  readonly issued?: CslDate;
  readonly DOI?: string;
  readonly PMID?: string;
  readonly URL?: string;
  readonly publisher?: string;
  readonly note?: string;
  readonly custom?: Readonly<Record<string, unknown>>;
  readonly [field: string]: unknown;
}

/** Provenance block every bundled reference carries in CSL-JSON's `custom` field. */
export interface ReferenceProvenance {
  readonly source: 'seed' | 'seed-article';
  /** Position in the seed's numbered reference list; absent for the seed article itself. */
  readonly seedNumber?: number;
  /** The entry exactly as the seed prints it. */
  readonly printed: string;
}

/** The whole bundled knowledge base. */
export interface KnowledgeBase {
  readonly mechanisms: readonly Mechanism[];
  readonly strategies: readonly Strategy[];
  readonly concepts: readonly GlossaryConcept[];
  readonly references: readonly CslItem[];
}
