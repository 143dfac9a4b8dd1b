import CSL from 'citeproc';
import type { CslItem } from '../model';
import { authorsInText } from './referenceLabel';

/** Where CSL style and locale XML comes from: the extension's files, the CLI's, or a test's. */
export interface CslSource {
  /** The XML of a bundled style by id, or of a user's `.csl` file by path. */
  readStyle(styleIdOrPath: string): Promise<string>;
  /** The XML of a locale such as "en-US", or undefined when it is not bundled. */
  readLocale(lang: string): Promise<string | undefined>;
}

export type CitationOutput = 'text' | 'html';

/**
 * One cited item with what Pandoc's citation syntax adds to it: `[see @doe, p. 3, note]` is a
 * prefix ("see"), a locator (page 3) and a suffix (", note"); `[-@doe]` suppresses the author;
 * `@doe` in running text is the author in the text ("Doe (2020)").
 */
export interface CiteItem {
  readonly id: string;
  readonly prefix?: string;
  readonly suffix?: string;
  readonly locator?: string;
  /** A CSL locator label: "page", "chapter", "section", "figure"... */
  readonly label?: string;
  readonly suppressAuthor?: boolean;
  readonly authorInText?: boolean;
}

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
    return this.formatCiteItems(keys.map((id) => ({ id })), citedInOrder);
  }

  /**
   * The citation of `items` with their prefixes, locators and suffixes, as Pandoc renders them:
   * an author-in-text first item reads "Author (Year, p. 3)" (or "Author [1]" in a numeric
   * style), any further items inside its parentheses.
   */
  formatCiteItems(items: readonly CiteItem[], citedInOrder: readonly string[] = items.map((i) => i.id)): string {
    this.requireKnown(items.map((i) => i.id));
    this.requireKnown(citedInOrder);
    this.engine.updateItems(citedInOrder);
    const cslItem = (i: CiteItem, extra: Record<string, unknown> = {}) => ({
      id: i.id,
      ...(i.prefix ? { prefix: i.prefix } : {}),
      ...(i.suffix ? { suffix: i.suffix } : {}),
      ...(i.locator ? { locator: i.locator, label: i.label ?? 'page' } : {}),
      ...(i.suppressAuthor ? { 'suppress-author': true } : {}),
      ...extra,
    });
    const inText = items[0]?.authorInText ? items[0] : undefined;
    if (inText === undefined) return this.engine.makeCitationCluster(items.map((i) => cslItem(i)));
    // Numeric styles print no author in citations (citeproc-js then gives a placeholder): the
    // names as running text has them, as Pandoc does.
    let author = this.engine.makeCitationCluster([{ id: inText.id, 'author-only': true }]);
    if (author.includes('NO_PRINTED_FORM') || author.trim() === '') author = authorsInText(this.items.get(inText.id)!);
    // "Doe (2005, p. 30; see also Roe 2007)": the rest of the items follow in the parentheses.
    const rest = this.engine.makeCitationCluster([cslItem({ ...inText, prefix: undefined }, { 'suppress-author': true }), ...items.slice(1).map((i) => cslItem(i))]);
    return `${inText.prefix ?? ''}${author} ${rest}`;
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
