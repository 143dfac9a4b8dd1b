import type { KnowledgeBaseIndex } from '../knowledgeBase';
import type { GlossaryConcept } from '../model';
import type { TermOccurrenceList } from './occurrenceList';

/** The senses of an ambiguous occurrence, likeliest first; `likeliest` only when the context decides. */
export interface RankedSenses {
  readonly conceptIds: readonly string[];
  readonly likeliest: string | undefined;
}

/** How far the context reaches on each side of an ambiguous term, in characters. */
const CONTEXT_CHARS = 1500;

/**
 * Orders the senses of an ambiguous term by the unambiguous terms around it: a neighbour that
 * the sense lists as related (or that lists the sense) counts 3, a shared mechanism 1. So "HR"
 * near BRCA1 and PARP reads as homologous recombination, near OS and PFS as hazard ratio. Ties
 * keep the seed's sense first.
 */
export function rankSenses(kb: KnowledgeBaseIndex, occurrences: TermOccurrenceList, index: number): RankedSenses {
  const target = occurrences.get(index);
  const senses = target.conceptIds.map((id) => kb.concept(id)).filter((c): c is GlossaryConcept => c !== undefined);
  if (senses.length < 2) return { conceptIds: target.conceptIds, likeliest: undefined };

  const scores = new Map<string, number>(senses.map((s) => [s.id, 0]));
  const visit = (k: number) => {
    const ids = occurrences.conceptIds(k);
    if (ids.length !== 1) return;
    const neighbour = kb.concept(ids[0]);
    if (!neighbour) return;
    for (const s of senses) {
      let score = 0;
      if (s.related?.includes(neighbour.id) || neighbour.related?.includes(s.id)) score += 3;
      if (s.mechanisms.some((m) => neighbour.mechanisms.includes(m))) score += 1;
      scores.set(s.id, scores.get(s.id)! + score);
    }
  };
  for (let k = index - 1; k >= 0 && occurrences.end(k) >= target.start - CONTEXT_CHARS; k--) visit(k);
  for (let k = index + 1; k < occurrences.length && occurrences.start(k) <= target.end + CONTEXT_CHARS; k++) visit(k);

  const order = new Map(senses.map((s, i) => [s.id, i]));
  const ranked = [...senses].sort(
    (a, b) => scores.get(b.id)! - scores.get(a.id)! || Number(b.source === 'seed') - Number(a.source === 'seed') || order.get(a.id)! - order.get(b.id)!,
  );
  const top = scores.get(ranked[0].id)!;
  const decided = top > 0 && top > scores.get(ranked[1].id)!;
  return { conceptIds: ranked.map((s) => s.id), likeliest: decided ? ranked[0].id : undefined };
}
