import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import type { CslItem } from '../model';

/**
 * BibTeX or RIS from CSL items, by citation-js. Imported only through import() (see
 * exportReferences), so that citation-js loads when first needed.
 */
export function formatWithCitationJs(items: readonly CslItem[], format: 'bibtex' | 'ris'): string {
  const cite = new Cite(items.map((item) => ({ ...item, 'citation-key': item.id })));
  return String(cite.format(format, { format: 'text' }));
}
