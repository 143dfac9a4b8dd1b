import type { CslItem } from '../model';
import type { CitationFormatter, CitationOutput, CslSource } from './citationFormatter';

/**
 * Hands out one citeproc engine per style and output, created on first use. The CSL processor
 * itself is loaded only then, never at activation.
 */
export class CitationService {
  private readonly formatters = new Map<string, Promise<CitationFormatter>>();
  private readonly built = new Map<string, CitationFormatter>();

  constructor(
    private readonly source: CslSource,
    private readonly items: () => readonly CslItem[],
  ) {}

  formatter(style: string, output: CitationOutput = 'text'): Promise<CitationFormatter> {
    const key = `${output}\u0000${style}`;
    let pending = this.formatters.get(key);
    if (pending === undefined) {
      pending = import('./citationFormatter')
        .then(({ CitationFormatter }) => CitationFormatter.create(this.source, style, this.items(), output))
        .then((f) => {
          if (this.formatters.get(key) === pending) this.built.set(key, f);
          return f;
        });
      // A failed style (missing file, bad XML) is not cached: fixing the file and retrying works.
      pending.catch(() => this.formatters.delete(key));
      this.formatters.set(key, pending);
    }
    return pending;
  }

  /**
   * The engine for `style` if it is already built (for synchronous callers such as the Markdown
   * preview); otherwise starts building it and returns undefined.
   */
  ready(style: string, output: CitationOutput = 'text'): CitationFormatter | undefined {
    const f = this.built.get(`${output}\u0000${style}`);
    if (!f) void this.formatter(style, output).catch(() => undefined);
    return f;
  }

  /**
   * Builds the engines of `styles` one after another, `pause` between them, so that the first
   * citation in any of them is immediate. Failures are left for the real request to report.
   */
  async warm(styles: readonly string[], pause: () => Promise<void>): Promise<void> {
    for (const style of styles) {
      await this.formatter(style).catch(() => undefined);
      await pause();
    }
  }

  /** Drops every engine, e.g. after the items or a style file changed. */
  reset(): void {
    this.formatters.clear();
    this.built.clear();
  }
}
