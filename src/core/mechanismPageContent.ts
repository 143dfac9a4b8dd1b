import markdownIt, { type MarkdownIt } from 'markdown-it';
import { authorList, authorYearLabel, yearOf } from './citations/referenceLabel';
import type { KnowledgeBaseIndex } from './knowledgeBase';
import { escapeMarkdown } from './markdown';
import type { CslItem, GlossaryConcept, Mechanism, MechanismReference, Strategy } from './model';

/**
 * The words of the page, so that the editor glue can pass them through its translation
 * (`vscode.l10n.t`); {@link ENGLISH_LABELS} are the defaults.
 */
export interface MechanismPageLabels {
  readonly pageTitle: (mechanismName: string) => string;
  readonly summary: string;
  readonly keyTerms: string;
  readonly strategies: string;
  readonly references: string;
  /** Shown in a section the seed review leaves empty. */
  readonly none: string;
  readonly inResistance: string;
  readonly generalStrategy: string;
  /** Note on a reference attached only because its title names the topic. */
  readonly titleTopic: string;
  readonly cite: string;
  /** The Cite button's tooltip and accessible name, e.g. for "[@assaraf2023]". */
  readonly citeTitle: (citation: string, referenceLabel: string) => string;
}

export const ENGLISH_LABELS: MechanismPageLabels = {
  pageTitle: (name) => `Mechanism: ${name}`,
  summary: 'Summary',
  keyTerms: 'Key terms',
  strategies: 'Strategies to overcome it',
  references: 'References',
  none: 'None in the seed review.',
  inResistance: 'In resistance:',
  generalStrategy: 'general strategy',
  titleTopic: 'Listed in the seed review but not cited in its text; attached because its title names the topic.',
  cite: 'Cite',
  citeTitle: (citation, label) => `Insert ${citation} (${label}) into the manuscript`,
};

/** What the page document needs from the webview besides the data: all values from VS Code. */
export interface MechanismPageResources {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** A fresh random nonce per render: letters, digits, `+`, `/`, `=`. */
  readonly nonce: string;
  /** `webview.asWebviewUri(...)` of media/mechanismPage.css and media/mechanismPage.js, as strings. */
  readonly styleUri: string;
  readonly scriptUri: string;
  readonly labels?: MechanismPageLabels;
}

// One restricted renderer for every string from the data: paragraphs, emphasis (the seed prints
// journal names in *italics*), code spans, backslash escapes and entities. No raw HTML, no links,
// no images, no autolinks: a `[x](command:...)` in the data stays text.
let renderer: MarkdownIt | undefined;
function restrictedMarkdown(): MarkdownIt {
  if (!renderer) {
    renderer = markdownIt('zero', { html: false, linkify: false, typographer: false });
    renderer.enable(['escape', 'backticks', 'emphasis', 'entity', 'newline']);
    renderer.validateLink = () => false;
  }
  return renderer;
}

/** Plain text from the data, shown literally: Markdown syntax in it is escaped, then rendered. */
function plainInline(text: string): string {
  return restrictedMarkdown().renderInline(escapeMarkdown(text));
}

function plainBlock(text: string): string {
  return restrictedMarkdown().render(escapeMarkdown(text));
}

/** Text that is Markdown on purpose (the seed's printed reference), restricted as above. */
function markdownInline(text: string): string {
  return restrictedMarkdown().renderInline(text);
}

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** The references a mechanism's page lists, each with a Cite button: only those the knowledge base holds. */
export function mechanismPageReferences(mechanism: Mechanism, kb: KnowledgeBaseIndex): Array<{ readonly reference: CslItem; readonly basis: MechanismReference['basis'] }> {
  return mechanism.references.flatMap(({ key, basis }) => {
    const reference = kb.reference(key);
    return reference ? [{ reference, basis }] : [];
  });
}

/** The citation keys the page's Cite buttons may send: what the editor glue accepts from the page. */
export function citableKeys(mechanism: Mechanism, kb: KnowledgeBaseIndex): Set<string> {
  return new Set(mechanismPageReferences(mechanism, kb).map((r) => r.reference.id));
}

function section(kind: string, heading: string, content: string): string {
  const id = `${kind}-heading`;
  return `<section class="${kind}" aria-labelledby="${id}">\n<h2 id="${id}">${escapeHtml(heading)}</h2>\n${content}</section>\n`;
}

function none(labels: MechanismPageLabels): string {
  return `<p class="none">${escapeHtml(labels.none)}</p>\n`;
}

function termEntry(concept: GlossaryConcept, labels: MechanismPageLabels): string {
  const names = [...(concept.abbreviations ?? [])];
  const abbreviations = names.length > 0 ? ` <span class="abbreviations">(${names.map(plainInline).join(', ')})</span>` : '';
  const expansion = concept.expansion ? `<p class="expansion">${plainInline(concept.expansion)}</p>\n` : '';
  const role = concept.resistanceRole ? `<p class="role"><strong>${escapeHtml(labels.inResistance)}</strong> ${plainInline(concept.resistanceRole)}</p>\n` : '';
  return `<dt><span class="term-label">${plainInline(concept.label)}</span>${abbreviations}</dt>\n<dd>\n${expansion}<p class="definition">${plainInline(concept.definition)}</p>\n${role}</dd>\n`;
}

function strategyEntry(strategy: Strategy, labels: MechanismPageLabels): string {
  const badge = strategy.scope === 'general' ? ` <span class="badge">${escapeHtml(labels.generalStrategy)}</span>` : '';
  return `<li>\n<p class="strategy-name"><strong>${plainInline(strategy.name)}</strong>${badge}</p>\n<p class="description">${plainInline(strategy.description)}</p>\n</li>\n`;
}

/** The reference as the seed prints it, or else assembled from its fields. */
function referenceText(r: CslItem): string {
  const printed = r.custom?.printed;
  if (typeof printed === 'string' && printed.trim() !== '') return markdownInline(printed);
  const parts = [authorList(r), r.title, r['container-title-short'] ?? r['container-title'], yearOf(r)].filter((p): p is string => typeof p === 'string' && p !== '');
  return plainInline(parts.join('. '));
}

function referenceEntry(r: CslItem, basis: MechanismReference['basis'], labels: MechanismPageLabels): string {
  const citation = `[@${r.id}]`;
  const label = authorYearLabel(r);
  const title = escapeHtml(labels.citeTitle(citation, label));
  const note = basis === 'title-topic' ? `<p class="basis">${escapeHtml(labels.titleTopic)}</p>\n` : '';
  const doi = typeof r.DOI === 'string' && r.DOI !== '' ? ` <span class="doi">doi:${escapeHtml(r.DOI)}</span>` : '';
  return (
    `<li class="reference">\n` +
    `<p class="reference-label"><strong>${plainInline(label)}</strong></p>\n` +
    `<p class="reference-text">${referenceText(r)}${doi}</p>\n` +
    note +
    `<p class="reference-actions"><code class="citation-key">${escapeHtml(`@${r.id}`)}</code> ` +
    `<button type="button" class="cite" data-cite-key="${escapeHtml(r.id)}" title="${title}" aria-label="${title}">${escapeHtml(labels.cite)}</button></p>\n` +
    `</li>\n`
  );
}

/**
 * The page's `<main>` element: the mechanism's summary, its key terms with their definitions, the
 * strategies to overcome it and its references with Cite buttons. Every string from the data is
 * escaped; the Cite buttons carry only the citation key, in `data-cite-key`.
 */
export function mechanismPageBody(mechanism: Mechanism, kb: KnowledgeBaseIndex, labels: MechanismPageLabels = ENGLISH_LABELS): string {
  const concepts = mechanism.keyTerms.map((id) => kb.concept(id)).filter((c): c is GlossaryConcept => c !== undefined);
  const strategies = mechanism.strategies.map((id) => kb.strategy(id)).filter((s): s is Strategy => s !== undefined);
  const references = mechanismPageReferences(mechanism, kb);
  return (
    `<main class="mechanism-page" data-mechanism="${escapeHtml(mechanism.id)}">\n` +
    `<h1>${plainInline(mechanism.name)}</h1>\n` +
    section('summary', labels.summary, plainBlock(mechanism.summary)) +
    section('terms', labels.keyTerms, concepts.length > 0 ? `<dl class="terms">\n${concepts.map((c) => termEntry(c, labels)).join('')}</dl>\n` : none(labels)) +
    section('strategies', labels.strategies, strategies.length > 0 ? `<ul class="strategies">\n${strategies.map((s) => strategyEntry(s, labels)).join('')}</ul>\n` : none(labels)) +
    section('references', labels.references, references.length > 0 ? `<ol class="references">\n${references.map((r) => referenceEntry(r.reference, r.basis, labels)).join('')}</ol>\n` : none(labels)) +
    `</main>\n`
  );
}

/** The page's Content Security Policy: nothing but the extension's stylesheet and the one script carrying the nonce. */
export function mechanismPageCsp(cspSource: string, nonce: string): string {
  return `default-src 'none'; style-src ${cspSource}; img-src ${cspSource}; script-src 'nonce-${nonce}'; form-action 'none'; base-uri 'none';`;
}

/** One source expression of `webview.cspSource`: a host or scheme source, or 'self' (code-server gives "'self' https://*.vscode-cdn.net"). */
const CSP_SOURCE_EXPRESSION = /^(?:'self'|[a-z][a-z0-9+.-]*:(?:\/\/[^\s;,'"<>]+)?|[^\s;,'"<>:]+(?::\d+|:\*)?(?:\/[^\s;,'"<>]*)?)$/i;

function checkResources(resources: MechanismPageResources): void {
  if (!/^[A-Za-z0-9+/=]{16,}$/.test(resources.nonce)) throw new Error('the nonce must be at least 16 base64 characters');
  // cspSource comes from VS Code; anything that could end the policy, the attribute, or allow inline code is refused.
  const sources = resources.cspSource.trim().split(/\s+/);
  if (sources[0] === '' || !sources.every((s) => CSP_SOURCE_EXPRESSION.test(s))) throw new Error(`unexpected webview cspSource: ${resources.cspSource}`);
}

function documentHtml(title: string, body: string, resources: MechanismPageResources): string {
  checkResources(resources);
  const csp = escapeHtml(mechanismPageCsp(resources.cspSource.trim(), resources.nonce));
  return (
    `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="UTF-8">\n` +
    `<meta http-equiv="Content-Security-Policy" content="${csp}">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1.0">\n` +
    `<link rel="stylesheet" href="${escapeHtml(resources.styleUri)}">\n` +
    `<title>${escapeHtml(title)}</title>\n</head>\n<body>\n${body}` +
    `<script nonce="${escapeHtml(resources.nonce)}" src="${escapeHtml(resources.scriptUri)}"></script>\n</body>\n</html>\n`
  );
}

/** The whole webview document of a mechanism's page: {@link mechanismPageBody} under a strict CSP with a nonce. */
export function mechanismPageHtml(mechanism: Mechanism, kb: KnowledgeBaseIndex, resources: MechanismPageResources): string {
  const labels = resources.labels ?? ENGLISH_LABELS;
  return documentHtml(labels.pageTitle(mechanism.name), mechanismPageBody(mechanism, kb, labels), resources);
}

/** A page that only says why the mechanism cannot be shown (knowledge base failed, mechanism gone). */
export function unavailablePageHtml(title: string, message: string, resources: MechanismPageResources): string {
  return documentHtml(title, `<main class="mechanism-page unavailable">\n<p>${escapeHtml(message)}</p>\n</main>\n`, resources);
}
