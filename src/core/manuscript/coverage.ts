import type { KnowledgeBaseIndex } from '../knowledgeBase';
import type { MechanismId } from '../model';
import type { TermOccurrenceList } from '../terms/occurrenceList';
import { lastAtOrBefore } from '../textPosition';

/** How a manuscript covers one mechanism. */
export interface MechanismCoverage {
  readonly mechanismId: MechanismId;
  /** Occurrences of the mechanism's terms (any glossary concept that belongs to it). */
  readonly mentions: number;
  /**
   * Citations that support it: citations of the mechanism's own references anywhere, and any
   * citation in a paragraph that mentions the mechanism.
   */
  readonly citations: number;
  /** "not-discussed" when never mentioned; "not-cited" when mentioned but never with a citation. */
  readonly gap: 'not-discussed' | 'not-cited' | undefined;
}

/** A cited key and where it stands. */
export interface CitationAt {
  readonly key: string;
  readonly offset: number;
}

/** Offsets where paragraphs start (after a blank line). */
function paragraphStarts(text: string): number[] {
  const starts = [0];
  const re = /\n[ \t]*\n/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) starts.push(m.index + m[0].length);
  return starts;
}

/** The coverage of every mechanism, in the knowledge base's order; linear in the occurrences and citations. */
export function mechanismCoverage(kb: KnowledgeBaseIndex, text: string, occurrences: TermOccurrenceList, citations: readonly CitationAt[]): MechanismCoverage[] {
  const starts = paragraphStarts(text);
  const mentions = new Map<string, number>();
  const mentionedIn = new Map<string, Set<number>>();
  // The matcher shares one concept-id array among the occurrences of a spelling: one set each.
  const mechanismsOf = new Map<readonly string[], ReadonlySet<string>>();
  for (let k = 0; k < occurrences.length; k++) {
    const ids = occurrences.conceptIds(k);
    let mechanisms = mechanismsOf.get(ids);
    if (mechanisms === undefined) mechanismsOf.set(ids, (mechanisms = new Set(ids.flatMap((id) => kb.concept(id)?.mechanisms ?? []))));
    if (mechanisms.size === 0) continue;
    const paragraph = lastAtOrBefore(starts, occurrences.start(k));
    for (const m of mechanisms) {
      mentions.set(m, (mentions.get(m) ?? 0) + 1);
      let set = mentionedIn.get(m);
      if (!set) mentionedIn.set(m, (set = new Set()));
      set.add(paragraph);
    }
  }
  const citationsIn = new Map<number, number>();
  for (const c of citations) {
    const p = lastAtOrBefore(starts, c.offset);
    citationsIn.set(p, (citationsIn.get(p) ?? 0) + 1);
  }
  return kb.mechanisms.map((m) => {
    const own = new Set(m.references.map((r) => r.key));
    const paragraphs = mentionedIn.get(m.id) ?? new Set<number>();
    let cited = 0;
    for (const c of citations) if (own.has(c.key)) cited++;
    for (const p of paragraphs) cited += citationsIn.get(p) ?? 0;
    // A citation of the mechanism's own reference inside a paragraph that mentions it counts once.
    for (const c of citations) if (own.has(c.key) && paragraphs.has(lastAtOrBefore(starts, c.offset))) cited--;
    const n = mentions.get(m.id) ?? 0;
    return { mechanismId: m.id, mentions: n, citations: cited, gap: n === 0 ? 'not-discussed' : cited === 0 ? 'not-cited' : undefined };
  });
}
