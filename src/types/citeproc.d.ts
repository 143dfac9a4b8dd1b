declare module 'citeproc' {
  /** The part of citeproc-js's API that Resistance Atlas uses. */
  interface CiteprocSys {
    retrieveLocale(lang: string): string | undefined;
    retrieveItem(id: string): unknown;
  }
  interface CiteprocBibliographyMeta {
    readonly maxoffset: number;
    readonly entryspacing: number;
    readonly linespacing: number;
    readonly hangingindent: number;
    readonly 'second-field-align': boolean | string;
    readonly bibstart: string;
    readonly bibend: string;
    readonly entry_ids: string[][];
  }
  class Engine {
    constructor(sys: CiteprocSys, style: string, lang?: string, forceLang?: boolean);
    opt: { xclass: string; 'default-locale'?: string[] };
    setOutputFormat(format: 'text' | 'html' | 'rtf'): void;
    updateItems(ids: readonly string[]): void;
    makeBibliography(): [CiteprocBibliographyMeta, string[]] | false;
    /** Cite items as in https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html#cite-items */
    makeCitationCluster(
      items: ReadonlyArray<{ id: string; locator?: string; label?: string; prefix?: string; suffix?: string; 'suppress-author'?: boolean; 'author-only'?: boolean }>,
    ): string;
  }
  const CSL: { Engine: typeof Engine };
  export default CSL;
}
