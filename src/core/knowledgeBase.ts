import type { CslItem, GlossaryConcept, KnowledgeBase, Mechanism, MechanismId, Strategy } from './model';
import { TermMatcher } from './terms/termMatcher';

/** The files of `data/` as parsed JSON, before indexing. */
export interface KnowledgeBaseFiles {
  readonly mechanisms: { readonly mechanisms: readonly Mechanism[] };
  readonly strategies: { readonly strategies: readonly Strategy[] };
  readonly references: { readonly references: readonly CslItem[] };
  readonly glossary: ReadonlyArray<{ readonly area: string; readonly concepts: readonly GlossaryConcept[] }>;
  readonly matching?: { readonly caseSensitiveForms?: readonly string[]; readonly ambiguousForms?: readonly string[] };
}

/** The knowledge base with lookups by id; the term matcher is built on first use. */
export class KnowledgeBaseIndex implements KnowledgeBase {
  readonly mechanisms: readonly Mechanism[];
  readonly strategies: readonly Strategy[];
  readonly concepts: readonly GlossaryConcept[];
  readonly references: readonly CslItem[];
  private readonly mechanismById = new Map<string, Mechanism>();
  private readonly strategyById = new Map<string, Strategy>();
  private readonly conceptById = new Map<string, GlossaryConcept>();
  private readonly referenceById = new Map<string, CslItem>();
  private readonly caseSensitiveForms: readonly string[];
  /** Forms that several concepts share on purpose (data/matching.json). */
  readonly ambiguousForms: readonly string[];
  private matcher: TermMatcher | undefined;

  constructor(files: KnowledgeBaseFiles) {
    this.mechanisms = files.mechanisms.mechanisms;
    this.strategies = files.strategies.strategies;
    this.concepts = files.glossary.flatMap((g) => g.concepts);
    this.references = files.references.references;
    this.caseSensitiveForms = files.matching?.caseSensitiveForms ?? [];
    this.ambiguousForms = files.matching?.ambiguousForms ?? [];
    for (const m of this.mechanisms) this.mechanismById.set(m.id, m);
    for (const s of this.strategies) this.strategyById.set(s.id, s);
    for (const c of this.concepts) this.conceptById.set(c.id, c);
    for (const r of this.references) this.referenceById.set(r.id, r);
  }

  mechanism(id: string): Mechanism | undefined {
    return this.mechanismById.get(id);
  }

  strategy(id: string): Strategy | undefined {
    return this.strategyById.get(id);
  }

  concept(id: string): GlossaryConcept | undefined {
    return this.conceptById.get(id);
  }

  reference(key: string): CslItem | undefined {
    return this.referenceById.get(key);
  }

  /** The mechanisms a concept belongs to, in the knowledge base's order. */
  mechanismsOf(concept: GlossaryConcept): Mechanism[] {
    return concept.mechanisms.map((id) => this.mechanismById.get(id)).filter((m): m is Mechanism => m !== undefined);
  }

  /** The concept's supporting references from the bundled list. */
  referencesOf(concept: GlossaryConcept): CslItem[] {
    return (concept.references ?? []).map((k) => this.referenceById.get(k)).filter((r): r is CslItem => r !== undefined);
  }

  /** The term matcher over every form of every concept, built once on first use. */
  get termMatcher(): TermMatcher {
    this.matcher ??= TermMatcher.fromConcepts(this.concepts, { caseSensitiveForms: this.caseSensitiveForms });
    return this.matcher;
  }

  /** Ids of the mechanisms, in order. */
  get mechanismIds(): MechanismId[] {
    return this.mechanisms.map((m) => m.id);
  }
}

/**
 * Integrity problems the JSON Schemas cannot see: duplicate ids, dangling cross-references,
 * forms claimed by two concepts without being declared ambiguous. Empty when all is well.
 */
export function checkKnowledgeBase(kb: KnowledgeBaseIndex): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const checkUnique = (kind: string, ids: readonly string[]) => {
    for (const id of ids) {
      const key = `${kind}:${id}`;
      if (seen.has(key)) problems.push(`duplicate ${kind} id "${id}"`);
      seen.set(key, id);
    }
  };
  checkUnique('mechanism', kb.mechanisms.map((m) => m.id));
  checkUnique('strategy', kb.strategies.map((s) => s.id));
  checkUnique('concept', kb.concepts.map((c) => c.id));
  checkUnique('reference', kb.references.map((r) => r.id));

  for (const m of kb.mechanisms) {
    for (const t of m.keyTerms) if (!kb.concept(t)) problems.push(`mechanism ${m.id}: unknown key term "${t}"`);
    for (const s of m.strategies) if (!kb.strategy(s)) problems.push(`mechanism ${m.id}: unknown strategy "${s}"`);
    for (const r of m.references) if (!kb.reference(r.key)) problems.push(`mechanism ${m.id}: unknown reference "${r.key}"`);
  }
  for (const c of kb.concepts) {
    for (const id of c.mechanisms) if (!kb.mechanism(id)) problems.push(`concept ${c.id}: unknown mechanism "${id}"`);
    for (const id of c.related ?? []) if (!kb.concept(id)) problems.push(`concept ${c.id}: unknown related concept "${id}"`);
    for (const key of c.references ?? []) if (!kb.reference(key)) problems.push(`concept ${c.id}: unknown reference "${key}"`);
    if (c.references?.length && c.source !== 'seed') problems.push(`concept ${c.id}: cites the seed's references but is not marked source "seed"`);
  }

  const allowed = new Set(kb.ambiguousForms.map(normaliseForm));
  const owners = new Map<string, string[]>();
  for (const c of kb.concepts) {
    const forms = new Set([c.label, ...(c.abbreviations ?? []), ...(c.synonyms ?? [])].map((f) => normaliseForm(f)));
    for (const f of forms) {
      const list = owners.get(f) ?? [];
      list.push(c.id);
      owners.set(f, list);
    }
  }
  for (const [form, ids] of owners) {
    if (ids.length > 1 && !allowed.has(form)) problems.push(`form "${form}" belongs to ${ids.join(', ')} but is not declared ambiguous`);
  }
  return problems;
}

/** A form as the duplicate check compares it: acronyms keep their case, phrases are lower-cased. */
export function normaliseForm(form: string): string {
  const compact = form.replace(/[\s\u2010-\u2014-]+/g, ' ').trim();
  return /[A-Z].*[A-Z]|.[A-Z]/.test(compact) ? compact : compact.toLowerCase();
}
