import type { MarkdownIt, StateBlock, StateInline, Token } from 'markdown-it';
import type { CiteItem } from '../citations/citationFormatter';
import { findCitedKeys, type CitedKey } from '../citations/citationScanner';
import { pandocCiteItems } from '../citations/pandocCiteItems';

type RuleBlock = (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;

/** What the preview needs from the citation engine, for the current style and bibliography. */
export interface PreviewCitations {
  /**
   * The in-text citation of these items (keys with their prefixes, locators and suffixes, in
   * cluster order) in the current style (plain text), or undefined when a key is unknown;
   * `citedInOrder` is every key of the document in order of first citation (numeric styles
   * number by it), unknown keys included.
   */
  formatCitation(items: readonly CiteItem[], citedInOrder: readonly string[]): string | undefined;
  /** The bibliography entries (HTML from citeproc-js, trusted: citeproc escapes its input) of these keys, in the style's order. */
  formatBibliography(keys: readonly string[]): readonly string[];
}

/** Glossary terms for tooltips. */
export interface PreviewTerms {
  /** Occurrences of glossary terms in a piece of text: [start, end) and the tooltip text (plain; the plugin escapes it). */
  find(text: string): ReadonlyArray<{ start: number; end: number; tooltip: string }>;
}

export interface ResistanceAtlasPreviewOptions {
  /** Called at each render (settings or bibliographies may have changed since the last one); undefined = leave citations as written. */
  readonly citations: () => PreviewCitations | undefined;
  /** Called at each render; undefined = no tooltips. */
  readonly terms: () => PreviewTerms | undefined;
}

/** Inline token of one Pandoc citation: `content` is its source text, `meta.items` its cite items (keys with locators...). */
const CITATION = 'ra_citation';
/** Block token where the bibliography goes: a refs div, or (`meta.appended`) the end of the document. */
const BIBLIOGRAPHY = 'ra_bibliography';

interface CitationMeta {
  readonly items: readonly CiteItem[];
}

interface BibliographyMeta {
  /** The first place of the document: the bibliography is rendered there; other refs divs render nothing. */
  primary?: boolean;
}

/** One citation in an inline text: from its start (the key in {@link clustersOf}'s map) to `end`. */
interface Cluster {
  end: number;
  readonly keys: CitedKey[];
  items?: readonly CiteItem[];
}

const NO_CLUSTERS: ReadonlyMap<number, Cluster> = new Map();

/** `::: {#refs}`, with more colons, other attributes or trailing colons: Pandoc's refs div opens. */
const REFS_FENCE_OPEN = /^:{3,}[ \t]*\{[^{}\n]*?(?<=[{\s])#refs(?=[\s}])[^{}\n]*\}[ \t]*:*[ \t]*$/;
const FENCE_CLOSE = /^:{3,}[ \t]*$/;
/** `<div id="refs">`, closed on the same line (group 1) or by a later `</div>` line. */
const REFS_DIV_OPEN = /^<div(?=[\s>])[^<>]*?\sid\s*=\s*(?:"refs"|'refs'|refs(?=[\s/>]))[^<>]*>[ \t]*(<\/div>[ \t]*)?$/i;
const DIV_CLOSE = /^<\/div>[ \t]*$/i;
/** A heading that already names the bibliography (Pandoc attributes and a colon allowed). */
const BIBLIOGRAPHY_HEADING = /^(?:references|bibliography)[ \t]*:?(?:[ \t]*\{[^{}]*\})?$/i;
/** A Pandoc example-list label at a line start, `(@good)`: references to it are not citations. */
const EXAMPLE_LABEL = /^[ \t]*\(@/m;

/**
 * A markdown-it plugin for VS Code's Markdown preview: Pandoc citations (`[see @a; @b, p. 3]`,
 * `@a`, `@a [p. 3]`, `-@a`) become `<span class="ra-citation">` with the citation in the current
 * style, a bibliography of the cited keys goes where the document has a refs div (`::: {#refs}`
 * or `<div id="refs">`) or at its end, and glossary terms get their definitions as tooltips.
 * Which keys are citations is decided by {@link findCitedKeys} on each inline text (so code,
 * math, URLs, e-mail addresses and Quarto cross-references are not), and only where markdown-it
 * reads ordinary inline text (not in code, link destinations or HTML). Prefixes, locators
 * (`p. 33`, `chap. 2`), suffixes and `-@key` render as Pandoc renders them, and an in-text
 * `@key` as "Author (Year)".
 *
 * Parsing only finds where citations are; formatting happens when rendering, so that VS Code,
 * which re-renders cached tokens when a bibliography changes, always shows the current one.
 * Everything from the document or the formatter's plain text is escaped.
 */
export function resistanceAtlasPreview(md: MarkdownIt, options: ResistanceAtlasPreviewOptions): void {
  const escapeHtml = md.utils.escapeHtml;

  // ---- Parsing -------------------------------------------------------------------------------

  /** Per parse (keyed by its env): the keys cited in the whole document, when example labels make that differ per text. */
  const documentKeys = new WeakMap<object, ReadonlySet<string>>();
  const clustersByState = new WeakMap<StateInline, ReadonlyMap<number, Cluster>>();

  md.core.ruler.after('block', 'ra_document', (state) => {
    if (isObject(state.env)) {
      // Pandoc drops references to an example label everywhere, which only the whole text shows.
      if (EXAMPLE_LABEL.test(state.src)) documentKeys.set(state.env, new Set(findCitedKeys(state.src, 'markdown').map((k) => k.key)));
      else documentKeys.delete(state.env);
    }
    if (state.inlineMode) return;
    let primary = state.tokens.find((t) => t.type === BIBLIOGRAPHY);
    if (primary === undefined) {
      primary = new state.Token(BIBLIOGRAPHY, 'div', 0);
      primary.block = true;
      state.tokens.push(primary);
    }
    primary.meta = { primary: true } satisfies BibliographyMeta;
  });

  md.inline.ruler.before('link', 'ra_citation', (state, silent) => {
    const c = state.src.charCodeAt(state.pos);
    // "[", "@" and "-": each stops markdown-it's text rule, so the rule sees every citation start.
    if (c !== 0x5b && c !== 0x40 && c !== 0x2d) return false;
    let clusters = clustersByState.get(state);
    if (clusters === undefined) {
      clusters = clustersOf(state.src, isObject(state.env) ? documentKeys.get(state.env) : undefined);
      clustersByState.set(state, clusters);
    }
    const cluster = clusters.get(state.pos);
    if (cluster === undefined || cluster.end > state.posMax) return false;
    if (!silent) {
      const token = state.push(CITATION, '', 0);
      token.content = state.src.slice(state.pos, cluster.end);
      token.meta = { items: cluster.items ?? [] } satisfies CitationMeta;
    }
    state.pos = cluster.end;
    return true;
  });

  md.block.ruler.before('fence', 'ra_refs_fence', refsDivRule(REFS_FENCE_OPEN, FENCE_CLOSE));
  // Like an HTML block, the HTML form may interrupt a paragraph.
  md.block.ruler.before('fence', 'ra_refs_div', refsDivRule(REFS_DIV_OPEN, DIV_CLOSE), { alt: ['paragraph', 'reference', 'blockquote'] });

  // ---- Rendering -----------------------------------------------------------------------------

  /** The context of the render in progress (set by the wrapped `render` and `renderInline`). */
  let current: RenderContext | undefined;
  /** Outside a render (renderInlineAsText called on its own): a context for these tokens alone. */
  const contextOf = (tokens: Token[]): RenderContext => current ?? new RenderContext(tokens, options);

  const renderer = md.renderer;
  const render = renderer.render;
  renderer.render = function (tokens, renderOptions, env) {
    // A new context even inside another render: a plugin may render a document of its own.
    const saved = current;
    current = new RenderContext(tokens, options);
    try {
      return render.call(this, tokens, renderOptions, env);
    } finally {
      current = saved;
    }
  };
  const renderInline = renderer.renderInline;
  renderer.renderInline = function (tokens, renderOptions, env) {
    // render calls it for each paragraph, in render's context; called alone, it makes its own.
    if (current !== undefined) return renderInline.call(this, tokens, renderOptions, env);
    current = new RenderContext(tokens, options);
    try {
      return renderInline.call(this, tokens, renderOptions, env);
    } finally {
      current = undefined;
    }
  };

  /** The citation as plain text: formatted, or as written when it cannot be. */
  const citationText = (ctx: RenderContext, token: Token): string => ctx.format(token) ?? token.content;

  renderer.rules[CITATION] = (tokens, idx) => {
    const token = tokens[idx];
    const ctx = contextOf(tokens);
    if (ctx.citations() === undefined) return escapeHtml(token.content);
    const text = ctx.format(token);
    if (text === undefined) return `<span class="ra-citation ra-unknown" title="Unknown citation key">${escapeHtml(token.content)}</span>`;
    const keys = keysOf(token);
    return `<span class="ra-citation" data-keys="${escapeHtml(keys.join(' '))}">${escapeHtml(text)}</span>`;
  };

  renderer.rules[BIBLIOGRAPHY] = (tokens, idx) => {
    if ((tokens[idx].meta as BibliographyMeta | null)?.primary !== true) return '';
    const ctx = contextOf(tokens);
    const citations = ctx.citations();
    const cited = ctx.citedInOrder();
    if (citations === undefined || cited.length === 0) return '';
    const entries = citations.formatBibliography(cited);
    if (entries.length === 0) return '';
    const heading = headingBefore(tokens, idx) ? '' : '<h2>References</h2>\n';
    return `<div class="ra-bibliography">\n${heading}${entries.map((e) => (e.endsWith('\n') ? e : `${e}\n`)).join('')}</div>\n`;
  };

  const textRule = renderer.rules.text ?? ((tokens: Token[], idx: number) => escapeHtml(tokens[idx].content));
  renderer.rules.text = (tokens, idx, renderOptions, env, self) => {
    const terms = contextOf(tokens).terms();
    if (terms === undefined || isLinkText(tokens, idx)) return textRule(tokens, idx, renderOptions, env, self);
    const text = tokens[idx].content;
    const found = terms.find(text);
    if (found.length === 0) return textRule(tokens, idx, renderOptions, env, self);
    let html = '';
    let at = 0;
    for (const o of found) {
      if (o.start < at || o.end <= o.start || o.end > text.length) continue;
      html += `${escapeHtml(text.slice(at, o.start))}<abbr class="ra-term" title="${escapeHtml(o.tooltip)}">${escapeHtml(text.slice(o.start, o.end))}</abbr>`;
      at = o.end;
    }
    return html + escapeHtml(text.slice(at));
  };

  // An image's alt text is its children as plain text, which would leave citations out.
  const asText = renderer.renderInlineAsText;
  renderer.renderInlineAsText = function (tokens, renderOptions, env) {
    if (!tokens.some((t) => t.type === CITATION)) return asText.call(this, tokens, renderOptions, env);
    const ctx = contextOf(tokens);
    let text = '';
    let from = 0;
    tokens.forEach((t, i) => {
      if (t.type !== CITATION) return;
      text += asText.call(this, tokens.slice(from, i), renderOptions, env) + citationText(ctx, t);
      from = i + 1;
    });
    return text + asText.call(this, tokens.slice(from), renderOptions, env);
  };
}

/** What one render needs, asked for once and only when needed. */
class RenderContext {
  private citationsAsked = false;
  private citationsValue: PreviewCitations | undefined;
  private termsAsked = false;
  private termsValue: PreviewTerms | undefined;
  private cited: string[] | undefined;
  /** Formatted citations by their items: the same cluster formats the same way within a render. */
  private readonly formatted = new Map<string, string | undefined>();

  constructor(
    private readonly tokens: readonly Token[],
    private readonly options: ResistanceAtlasPreviewOptions,
  ) {}

  citations(): PreviewCitations | undefined {
    if (!this.citationsAsked) {
      this.citationsAsked = true;
      this.citationsValue = this.options.citations();
    }
    return this.citationsValue;
  }

  terms(): PreviewTerms | undefined {
    if (!this.termsAsked) {
      this.termsAsked = true;
      this.termsValue = this.options.terms();
    }
    return this.termsValue;
  }

  /** Every cited key, in order of first citation, from one walk over the tokens. */
  citedInOrder(): readonly string[] {
    if (this.cited === undefined) {
      const seen = new Set<string>();
      const visit = (tokens: readonly Token[]) => {
        for (const t of tokens) {
          if (t.type === CITATION) for (const k of keysOf(t)) seen.add(k);
          else if (t.children !== null) visit(t.children);
        }
      };
      visit(this.tokens);
      this.cited = [...seen];
    }
    return this.cited;
  }

  /** The formatted citation of a citation token; undefined when it cannot be formatted. */
  format(token: Token): string | undefined {
    const citations = this.citations();
    if (citations === undefined) return undefined;
    const items = itemsOf(token);
    const id = JSON.stringify(items);
    if (this.formatted.has(id)) return this.formatted.get(id);
    const text = citations.formatCitation(items, this.citedInOrder());
    this.formatted.set(id, text);
    return text;
  }
}

/**
 * The citations of one inline text, by start offset. A citation nested in another's brackets
 * (`[@a, suffix [@b]]`) joins the outer one: the outer one is what the inline rule replaces.
 */
function clustersOf(src: string, citedInDocument: ReadonlySet<string> | undefined): ReadonlyMap<number, Cluster> {
  if (!src.includes('@')) return NO_CLUSTERS;
  const cited = findCitedKeys(src, 'markdown').filter((k) => citedInDocument === undefined || citedInDocument.has(k.key));
  if (cited.length === 0) return NO_CLUSTERS;
  // Outermost extents, in order; keys come in text order and lie inside their citation.
  const extents = cited.map((k) => ({ start: k.clusterStart, end: k.clusterEnd })).sort((a, b) => a.start - b.start);
  const clusters = new Map<number, Cluster>();
  const starts: number[] = [];
  let last: Cluster | undefined;
  for (const e of extents) {
    if (last !== undefined && e.start < last.end) {
      last.end = Math.max(last.end, e.end);
      continue;
    }
    last = { end: e.end, keys: [] };
    clusters.set(e.start, last);
    starts.push(e.start);
  }
  let k = 0;
  for (const key of cited) {
    while (k + 1 < starts.length && starts[k + 1] <= key.start) k++;
    clusters.get(starts[k])!.keys.push(key);
  }
  for (const [start, cluster] of clusters) cluster.items = pandocCiteItems(src, start, cluster.end, cluster.keys);
  return clusters;
}

/**
 * A block rule for a refs div: an opening line matching `open` (group 1 set: closed on the same
 * line), then lines up to the first matching `close`, becomes the bibliography's place.
 */
function refsDivRule(open: RegExp, close: RegExp): RuleBlock {
  // Where a search for the closing line failed: a later opener in the same lines fails too, so
  // a document of unclosed openers is still read in linear time.
  const failed = new WeakMap<StateBlock, { from: number; endLine: number; blkIndent: number }>();
  return (state, startLine, endLine, silent) => {
    if (state.sCount[startLine] - state.blkIndent >= 4) return false;
    const m = open.exec(lineText(state, startLine));
    if (m === null) return false;
    let next = startLine + 1;
    if (m[1] === undefined) {
      const f = failed.get(state);
      if (f !== undefined && f.endLine === endLine && f.blkIndent === state.blkIndent && f.from <= startLine) return false;
      let line = startLine + 1;
      for (; line < endLine; line++) {
        if (state.isEmpty(line)) continue;
        if (state.sCount[line] < state.blkIndent) line = endLine;
        else if (close.test(lineText(state, line))) break;
      }
      if (line >= endLine) {
        failed.set(state, { from: startLine, endLine, blkIndent: state.blkIndent });
        return false;
      }
      next = line + 1;
    }
    if (silent) return true;
    const token = state.push(BIBLIOGRAPHY, 'div', 0);
    token.map = [startLine, next];
    token.markup = m[0].startsWith(':') ? ':::' : 'div';
    state.line = next;
    return true;
  };
}

/** The keys of a citation token. */
function keysOf(token: Token): readonly string[] {
  return itemsOf(token).map((i) => i.id);
}

/** The cite items of a citation token. */
function itemsOf(token: Token): readonly CiteItem[] {
  return (token.meta as Partial<CitationMeta> | null)?.items ?? [];
}

function lineText(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]);
}

/** Whether the tokens just before `idx` are a heading "References" or "Bibliography". */
function headingBefore(tokens: readonly Token[], idx: number): boolean {
  const close = tokens[idx - 1];
  const inline = tokens[idx - 2];
  return close?.type === 'heading_close' && inline?.type === 'inline' && BIBLIOGRAPHY_HEADING.test(inline.content.trim());
}

/** Whether text `idx` is the text of an autolink or linkified URL (the URL itself, not prose). */
function isLinkText(tokens: readonly Token[], idx: number): boolean {
  const before = tokens[idx - 1];
  return before?.type === 'link_open' && before.info === 'auto';
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
