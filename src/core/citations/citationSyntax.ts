/** How a document writes citations. */
export type CitationSyntax = 'pandoc' | 'latex' | 'formatted';

/** The citation syntax of a VS Code language id. */
export function citationSyntaxOf(languageId: string): CitationSyntax {
  switch (languageId) {
    case 'markdown':
    case 'quarto':
    case 'rmd':
    case 'rmarkdown':
      return 'pandoc';
    case 'latex':
    case 'tex':
      return 'latex';
    default:
      return 'formatted';
  }
}

/** Pandoc's rule for a key that needs no braces: letters, digits, _ and internal :.#$%&-+?<>~/. */
const PANDOC_BARE_KEY = /^[\p{L}\p{N}_](?:[\p{L}\p{N}_:.#$%&+?<>~/-]*[\p{L}\p{N}_])?$/u;

/** `[@a; @b]`, with braces around keys Pandoc would otherwise misread. */
export function pandocCitation(keys: readonly string[]): string {
  return `[${keys.map((k) => (PANDOC_BARE_KEY.test(k) ? `@${k}` : `@{${k}}`)).join('; ')}]`;
}

/** `\cite{a,b}`, or another citation command such as `\parencite`. */
export function latexCitation(keys: readonly string[], command = 'cite'): string {
  return `\\${command}{${keys.join(',')}}`;
}
