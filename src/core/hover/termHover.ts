import type { KnowledgeBaseIndex } from '../knowledgeBase';
import { authorYearLabel } from '../citations/referenceLabel';
import { commandLink, escapeMarkdown } from '../markdown';
import type { GlossaryConcept } from '../model';

/** Commands a hover may link to; the editor glue trusts exactly these. */
export const HOVER_COMMANDS = {
  insertCitation: 'resistanceAtlas.insertCitation',
  revealMechanism: 'resistanceAtlas.revealMechanism',
} as const;

export type HoverDetail = 'short' | 'full';

/**
 * The Markdown of a jargon hover for the concepts a written form denotes: every sense when the
 * form is ambiguous. All text from the knowledge base is escaped; links run only
 * {@link HOVER_COMMANDS}.
 */
export function termHoverMarkdown(kb: KnowledgeBaseIndex, conceptIds: readonly string[], writtenForm: string, detail: HoverDetail = 'full', likeliest?: string): string {
  const concepts = conceptIds.map((id) => kb.concept(id)).filter((c): c is GlossaryConcept => c !== undefined);
  if (concepts.length === 0) return '';
  const sections = concepts.map((c) => conceptSection(kb, c, detail));
  if (concepts.length === 1) return sections[0];
  const likely = concepts.find((c) => c.id === likeliest);
  const header = likely
    ? `**${escapeMarkdown(writtenForm)}** has ${concepts.length} senses in this field; here probably *${escapeMarkdown(likely.label)}*:`
    : `**${escapeMarkdown(writtenForm)}** has ${concepts.length} senses in this field:`;
  return [header, ...sections].join('\n\n---\n\n');
}

function conceptSection(kb: KnowledgeBaseIndex, c: GlossaryConcept, detail: HoverDetail): string {
  const lines: string[] = [];
  const names = [...(c.abbreviations ?? []), ...(c.synonyms ?? [])];
  let title = `**${escapeMarkdown(c.label)}**`;
  if (names.length > 0) title += ` (${names.map(escapeMarkdown).join(', ')})`;
  lines.push(`${title} · *${escapeMarkdown(c.category.replace('-', ' '))}*`);
  if (c.expansion) lines.push(`*${escapeMarkdown(c.expansion)}*`);
  lines.push(escapeMarkdown(c.definition));
  if (detail === 'full' && c.resistanceRole) lines.push(`**In resistance:** ${escapeMarkdown(c.resistanceRole)}`);
  const mechanisms = kb.mechanismsOf(c);
  if (mechanisms.length > 0) {
    lines.push(`**Mechanisms:** ${mechanisms.map((m) => commandLink(m.name, HOVER_COMMANDS.revealMechanism, [m.id])).join(' · ')}`);
  }
  const refs = kb.referencesOf(c);
  if (detail === 'full' && refs.length > 0) {
    lines.push(`**Cite:** ${refs.map((r) => commandLink(authorYearLabel(r), HOVER_COMMANDS.insertCitation, [{ keys: [r.id] }])).join(' · ')}`);
  }
  if (c.source === 'general-knowledge' && detail === 'full') lines.push('*Source: general knowledge of the field.*');
  return lines.join('\n\n');
}
