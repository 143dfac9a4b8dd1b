import type { CslItem } from '../model';

export type ExportFormat = 'bibtex' | 'csl-json' | 'ris';

/**
 * The references in BibTeX, CSL-JSON or RIS, written by citation-js (loaded on first use), with
 * the items' own keys as BibTeX keys and RIS IDs.
 */
export async function exportReferences(items: readonly CslItem[], format: ExportFormat): Promise<string> {
  if (format === 'csl-json') return `${JSON.stringify(items, null, 2)}\n`;
  const { formatWithCitationJs } = await import('./citationJs');
  return `${formatWithCitationJs(items, format).trim()}\n`;
}
