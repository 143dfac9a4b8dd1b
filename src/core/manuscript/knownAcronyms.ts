import type { KnowledgeBaseIndex } from '../knowledgeBase';
import { isAcronymLikeWord } from '../terms/formVariants';
import type { KnownAcronym } from './acronyms';

/**
 * The glossary's acronyms with their long forms: the concept's expansion, else its preferred
 * name (lower-cased first letter, as it reads in a sentence). The first concept wins for a shared
 * acronym.
 */
export function knownAcronyms(kb: KnowledgeBaseIndex): KnownAcronym[] {
  const out: KnownAcronym[] = [];
  const seen = new Set<string>();
  for (const c of kb.concepts) {
    for (const a of c.abbreviations ?? []) {
      if (seen.has(a) || !isAcronymLikeWord(a.replace(/[-/]/g, ''))) continue;
      seen.add(a);
      const label = /^[A-Z][a-z]/.test(c.label) ? c.label.charAt(0).toLowerCase() + c.label.slice(1) : c.label;
      out.push({ acronym: a, longForm: c.expansion ?? label });
    }
  }
  return out;
}
