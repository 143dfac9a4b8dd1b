import CSL from 'citeproc';
import type { CslItem } from '../model';

/** Where CSL style and locale XML comes from: the extension's files, the CLI's, or a test's. */
export interface CslSource {
  /** The XML of a bundled style by id, or of a user's `.csl` file by path. */
  readStyle(styleIdOrPath: string): Promise<string>;
  /** The XML of a locale such as "en-US", or undefined when it is not bundled. */
  readLocale(lang: string): Promise<string | undefined>;
}

export type CitationOutput = 'text' | 'html';

const FALLBACK_LOCALE = 'en-US';

/**
 * Formats citations and bibliographies with citeproc-js, the CSL processor of Zotero and
 * Mendeley. One instance holds one engine for one style and a set of items.
 */
export class CitationFormatter {
  private readonly engine: InstanceType<typeof CSL.Engine>;
  private readonly items = new Map<string, CslItem>();
  private readonly format: string;

  private constructor(styleXml: string, locales: ReadonlyMap<string, string>, items: readonly CslItem[], output: CitationOutput) {
    for (const item of items) this.items.set(item.id, item);
    this.format = /citation-format="([^"]+)"/.exec(styleXml)?.[1] ?? 'unknown';
    const sys = {
      retrieveLocale: (lang: string) => locales.get(lang) ?? locales.get(FALLBACK_LOCALE),
      retrieveItem: (id: string) => this.items.get(id),
    };
    this.engine = new CSL.Engine(sys, styleXml);
    this.engine.setOutputFormat(output);
  }

  /** Builds an engine; the style's default locale and en-US are read first, since citeproc asks for them synchronously. */
  static async create(source: CslSource, styleIdOrPath: string, items: readonly CslItem[], output: CitationOutput = 'text'): Promise<CitationFormatter> {
    const styleXml = await source.readStyle(styleIdOrPath);
    if (!/<style[\s>]/.test(styleXml)) throw new Error(`"${styleIdOrPath}" is not a CSL style (no <style> element).`);
    const locales = new Map<string, string>();
    const wanted = new Set([FALLBACK_LOCALE, /default-locale="([^"]+)"/.exec(styleXml)?.[1] ?? FALLBACK_LOCALE]);
    for (const lang of wanted) {
      const xml = await source.readLocale(lang);
      if (xml !== undefined) locales.set(lang, xml);
    }
    if (!locales.has(FALLBACK_LOCALE)) throw new Error('The CSL locale en-US is missing.');
    return new CitationFormatter(styleXml, locales, items, output);
  }

  /** The style's declared citation format: "numeric" (Vancouver, AMA, Nature), "author-date" (APA, Harvard), ... */
  get citationFormat(): string {
    return this.format;
  }

  /** Makes `items` known (or replaces them by id), e.g. the writer's own references. */
  addItems(items: readonly CslItem[]): void {
    for (const item of items) this.items.set(item.id, item);
  }

  /** The bibliography entries of these items, in the style's order. */
  formatBibliographyOf(items: readonly CslItem[]): string[] {
    this.addItems(items);
    return this.formatBibliography(items.map((i) => i.id));
  }

  /** The in-text citation of these items. */
  formatCitationOf(items: readonly CslItem[]): string {
    this.addItems(items);
    return this.formatCitation(items.map((i) => i.id));
  }

  /** Keys that this formatter does not know. */
  unknownKeys(keys: readonly string[]): string[] {
    return keys.filter((k) => !this.items.has(k));
  }

  /**
   * The in-text citation of `keys`, e.g. "(Assaraf et al., 2023)" or "[1,2]". Numeric styles
   * number by `citedInOrder`, the document's references in order of first citation (by default
   * `keys` themselves, as if they were the first citations).
   */
  formatCitation(keys: readonly string[], citedInOrder: readonly string[] = keys): string {
    this.requireKnown(keys);
    this.requireKnown(citedInOrder);
    this.engine.updateItems(citedInOrder);
    return this.engine.makeCitationCluster(keys.map((id) => ({ id })));
  }

  /** The bibliography entries of `keys`, in the style's order, one string each. */
  formatBibliography(keys: readonly string[]): string[] {
    this.requireKnown(keys);
    this.engine.updateItems(keys);
    const result = this.engine.makeBibliography();
    if (result === false) return [];
    return result[1].map((entry) => entry.trim());
  }

  private requireKnown(keys: readonly string[]): void {
    const unknown = this.unknownKeys(keys);
    if (unknown.length > 0) throw new UnknownKeyError(unknown);
  }
}

/** Raised when asked to format a key that is in no loaded bibliography. */
export class UnknownKeyError extends Error {
  constructor(readonly keys: readonly string[]) {
    super(`Unknown citation key${keys.length > 1 ? 's' : ''}: ${keys.join(', ')}`);
  }
}
