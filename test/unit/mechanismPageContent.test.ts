import * as assert from 'node:assert/strict';
import { KnowledgeBaseIndex } from '../../src/core/knowledgeBase';
import {
  citableKeys, ENGLISH_LABELS, escapeHtml, mechanismPageBody, mechanismPageCsp, mechanismPageHtml, unavailablePageHtml,
  type MechanismPageResources,
} from '../../src/core/mechanismPageContent';
import type { Mechanism, MechanismId } from '../../src/core/model';
import { concept, knowledgeBase } from './helpers';

const RESOURCES: MechanismPageResources = {
  cspSource: 'https://*.vscode-cdn.net',
  nonce: 'AbCdEfGhIjKlMnOpQrStUvWx0123+/==',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/mechanismPage.css',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/mechanismPage.js',
};

/** The elements and attributes the page may contain; anything else came from the data. */
const ALLOWED_TAGS = new Set(['main', 'h1', 'h2', 'section', 'p', 'dl', 'dt', 'dd', 'ul', 'ol', 'li', 'span', 'strong', 'em', 'code', 'button', 'br']);
const ALLOWED_ATTRIBUTES = new Set(['class', 'id', 'aria-labelledby', 'aria-label', 'title', 'type', 'data-mechanism', 'data-cite-key']);

interface Tag {
  readonly name: string;
  readonly closing: boolean;
  readonly attributes: ReadonlyMap<string, string>;
}

/**
 * The tags of rendered HTML. Every `<` must open a well-formed tag with double-quoted attribute
 * values: text from the data is escaped, so a stray `<` means it was not.
 */
function tagsOf(html: string): Tag[] {
  const tags: Tag[] = [];
  const tagPattern = /<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z][a-z0-9-]*(?:="[^"<>]*")?)*)\s*\/?>/gy;
  for (let i = html.indexOf('<'); i >= 0; i = html.indexOf('<', i + 1)) {
    tagPattern.lastIndex = i;
    const m = tagPattern.exec(html);
    assert.ok(m, `not a well-formed tag at ${i}: ${html.slice(i, i + 80)}`);
    const attributes = new Map<string, string>();
    for (const a of m[3].matchAll(/([a-z][a-z0-9-]*)(?:="([^"]*)")?/g)) attributes.set(a[1], a[2] ?? '');
    tags.push({ name: m[2], closing: m[1] === '/', attributes });
  }
  return tags;
}

function assertOnlyAllowedMarkup(html: string): void {
  for (const tag of tagsOf(html)) {
    assert.ok(ALLOWED_TAGS.has(tag.name), `unexpected <${tag.name}>`);
    for (const name of tag.attributes.keys()) assert.ok(ALLOWED_ATTRIBUTES.has(name), `unexpected attribute ${name} on <${tag.name}>`);
  }
}

const citeKeys = (html: string) => tagsOf(html).filter((t) => t.name === 'button' && !t.closing).map((t) => t.attributes.get('data-cite-key'));

function mechanism(id: string): Mechanism {
  const m = knowledgeBase().mechanism(id);
  assert.ok(m, id);
  return m;
}

describe('mechanism page content', () => {
  it('shows the summary, key terms with definitions, strategies and references with Cite buttons', () => {
    const kb = knowledgeBase();
    const efflux = mechanism('drug-transport-efflux');
    const html = mechanismPageBody(efflux, kb);
    assert.match(html, /^<main class="mechanism-page" data-mechanism="drug-transport-efflux">/);
    assert.match(html, /<h1>Altered drug transport and efflux<\/h1>/);
    const headings = [...html.matchAll(/<h2 [^>]*>([^<]*)<\/h2>/g)].map((m) => m[1]);
    assert.deepEqual(headings, ['Summary', 'Key terms', 'Strategies to overcome it', 'References']);
    assert.ok(html.includes(`<p>${escapeHtml(efflux.summary)}</p>`), 'the summary');
    const pgp = kb.concept('p-glycoprotein')!;
    assert.ok(html.includes(`<span class="term-label">P-glycoprotein</span> <span class="abbreviations">(${pgp.abbreviations!.join(', ')})</span>`), 'P-glycoprotein and its abbreviations');
    assert.ok(pgp.abbreviations!.includes('P-gp'));
    assert.ok(html.includes(escapeHtml(pgp.definition)), 'the definition of P-glycoprotein');
    assert.ok(html.includes(escapeHtml(pgp.resistanceRole!)), 'its role in resistance');
    for (const id of efflux.keyTerms) assert.ok(html.includes(`<span class="term-label">${escapeHtml(kb.concept(id)!.label)}</span>`), id);
    assert.match(html, /<strong>Efflux transporter inhibitors<\/strong>/);
    assert.ok(html.includes(escapeHtml(kb.strategy('transporter-inhibitors')!.description)));
    // The seed prints journal names in Markdown italics.
    assert.match(html, /<strong>Assaraf et al\. 2023<\/strong>/);
    assert.match(html, /Drug efflux transporters in multidrug resistance: Mechanisms and therapeutic strategies\.&quot; <em>Drug Resist Updat<\/em> 67 \(2023\):100910\./);
    assert.match(html, /<code class="citation-key">@assaraf2023<\/code> <button type="button" class="cite" data-cite-key="assaraf2023" title="Insert \[@assaraf2023\] \(Assaraf et al\. 2023\) into the manuscript" aria-label="[^"]+">Cite<\/button>/);
    assert.deepEqual(citeKeys(html), ['assaraf2023']);
    assertOnlyAllowedMarkup(html);
  });

  it('renders every mechanism of the knowledge base with nothing but the page markup', () => {
    const kb = knowledgeBase();
    assert.equal(kb.mechanisms.length, 10);
    for (const m of kb.mechanisms) {
      const html = mechanismPageBody(m, kb);
      assertOnlyAllowedMarkup(html);
      assert.deepEqual(citeKeys(html), [...citableKeys(m, kb)], m.id);
      assert.deepEqual([...citableKeys(m, kb)], m.references.map((r) => r.key), m.id);
    }
  });

  it('says so when the seed review gives a mechanism no references, and explains title-only references', () => {
    const kb = knowledgeBase();
    const targets = mechanismPageBody(mechanism('target-mutations'), kb);
    assert.match(targets, /<h2 id="references-heading">References<\/h2>\n<p class="none">None in the seed review\.<\/p>/);
    assert.deepEqual(citeKeys(targets), []);
    const heterogeneity = mechanismPageBody(mechanism('tumour-heterogeneity'), kb);
    assert.match(heterogeneity, /<p class="basis">Listed in the seed review but not cited in its text/);
    assert.doesNotMatch(mechanismPageBody(mechanism('drug-transport-efflux'), kb), /class="basis"/);
  });

  it('uses the labels it is given (translations)', () => {
    const html = mechanismPageBody(mechanism('drug-transport-efflux'), knowledgeBase(), {
      ...ENGLISH_LABELS,
      references: 'Références',
      cite: 'Citer',
      citeTitle: (citation) => `Insérer ${citation} <ici>`,
    });
    assert.match(html, /<h2 id="references-heading">Références<\/h2>/);
    assert.match(html, /title="Insérer \[@assaraf2023\] &lt;ici&gt;"[^>]*>Citer<\/button>/);
  });
});

describe('mechanism page content: hostile data', () => {
  const hostile = {
    script: '<script>alert(1)</script>',
    img: '<img src=x onerror=alert(1)>',
    commandLink: '[x](command:workbench.action.terminal.new)',
    autolink: '<command:workbench.action.terminal.new>',
    javascript: '[y](javascript:alert(1)) ![z](https://evil.example/t.png)',
    quote: 'say "hi" & \'bye\'',
  };
  const all = Object.values(hostile).join(' ');
  const kb = new KnowledgeBaseIndex({
    mechanisms: {
      mechanisms: [{
        id: 'evil"><script>alert(1)</script>' as MechanismId,
        name: `Name ${hostile.script}`,
        summary: `Summary ${all}\n\n# heading\n- list`,
        keyTerms: ['hostile-term'],
        strategies: ['hostile-strategy'],
        references: [{ key: 'evil"key><img src=x onerror=alert(1)>', basis: 'cited-in-text' }, { key: 'ok2020', basis: 'title-topic' }],
        source: 'seed',
      }],
    },
    strategies: { strategies: [{ id: 'hostile-strategy', name: `Strategy ${hostile.img}`, description: `Description ${all}`, scope: 'general', source: 'seed' }] },
    references: {
      references: [
        { id: 'evil"key><img src=x onerror=alert(1)>', type: 'article-journal', title: `Title ${hostile.script}`, author: [{ family: hostile.img }], DOI: '10.1/"><script>alert(1)</script>', custom: { printed: `Printed *Journal* ${all}` } },
        { id: 'ok2020', type: 'article-journal', title: `Plain ${hostile.commandLink}`, author: [{ family: 'Ok' }], issued: { 'date-parts': [[2020]] } },
      ],
    },
    glossary: [{ area: 'test', concepts: [concept('hostile-term', `Term ${hostile.script}`, { abbreviations: [hostile.img], definition: `Definition ${all}`, resistanceRole: `Role ${all}`, expansion: hostile.commandLink })] }],
  });
  const m = kb.mechanisms[0];

  it('escapes every string: no element, attribute, link or image from the data', () => {
    const html = mechanismPageBody(m, kb);
    assertOnlyAllowedMarkup(html);
    assert.doesNotMatch(html, /<script|<img|<a[\s>]/i);
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the script shows as text');
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the image shows as text');
    assert.ok(html.includes('[x](command:workbench.action.terminal.new)'), 'the command link shows as text');
    assert.ok(html.includes('&lt;command:workbench.action.terminal.new&gt;'), 'the autolink shows as text');
    assert.ok(html.includes('[y](javascript:alert(1)) ![z](https://evil.example/t.png)'), 'links and images show as text');
    assert.ok(html.includes(`say &quot;hi&quot; &amp; 'bye'`), 'quotes and ampersands');
    assert.doesNotMatch(html, /<h1>[^<]*<\/h1>[\s\S]*<h1>|<ul>\s*<li>list/, 'no heading or list from the summary');
    assert.match(html, /Printed <em>Journal<\/em>/, 'the printed reference keeps its italics');
  });

  it('puts nothing but the escaped citation key on the Cite button', () => {
    const html = mechanismPageBody(m, kb);
    const buttons = tagsOf(html).filter((t) => t.name === 'button' && !t.closing);
    assert.deepEqual(buttons.map((b) => b.attributes.get('data-cite-key')), ['evil&quot;key&gt;&lt;img src=x onerror=alert(1)&gt;', 'ok2020']);
    for (const b of buttons) assert.deepEqual([...b.attributes.keys()], ['type', 'class', 'data-cite-key', 'title', 'aria-label']);
    assert.deepEqual([...citableKeys(m, kb)], ['evil"key><img src=x onerror=alert(1)>', 'ok2020']);
    assert.match(html, /data-mechanism="evil&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
  });
});

describe('mechanism page document', () => {
  it('has a strict Content Security Policy whose nonce only its own script carries', () => {
    const html = mechanismPageHtml(mechanism('drug-transport-efflux'), knowledgeBase(), RESOURCES);
    const csp = `default-src 'none'; style-src https://*.vscode-cdn.net; img-src https://*.vscode-cdn.net; script-src 'nonce-${RESOURCES.nonce}'; form-action 'none'; base-uri 'none';`;
    assert.equal(mechanismPageCsp(RESOURCES.cspSource, RESOURCES.nonce), csp);
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`), 'the CSP meta element');
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<link'), 'the policy comes before any resource');
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval|style=|<style/);
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((s) => s[1]);
    assert.deepEqual(scripts, [` nonce="${RESOURCES.nonce}" src="${RESOURCES.scriptUri}"`]);
    assert.ok(html.includes(`<link rel="stylesheet" href="${RESOURCES.styleUri}">`));
    assert.match(html, /<title>Mechanism: Altered drug transport and efflux<\/title>/);
    assert.ok(html.includes(mechanismPageBody(mechanism('drug-transport-efflux'), knowledgeBase())), 'the body');
  });

  it('refuses a nonce or CSP source that could break out of the policy', () => {
    const efflux = mechanism('drug-transport-efflux');
    assert.throws(() => mechanismPageHtml(efflux, knowledgeBase(), { ...RESOURCES, nonce: "x' 'unsafe-inline" }));
    assert.throws(() => mechanismPageHtml(efflux, knowledgeBase(), { ...RESOURCES, nonce: 'short' }));
    assert.throws(() => mechanismPageHtml(efflux, knowledgeBase(), { ...RESOURCES, cspSource: "https://x; script-src 'unsafe-inline'" }));
    assert.throws(() => mechanismPageHtml(efflux, knowledgeBase(), { ...RESOURCES, cspSource: '' }));
    assert.throws(() => mechanismPageHtml(efflux, knowledgeBase(), { ...RESOURCES, cspSource: "'self' 'unsafe-inline'" }));
    assert.throws(() => mechanismPageHtml(efflux, knowledgeBase(), { ...RESOURCES, cspSource: 'https://x" onload="y' }));
  });

  it('accepts the CSP sources VS Code hosts give', () => {
    const efflux = mechanism('drug-transport-efflux');
    for (const cspSource of ["'self' https://*.vscode-cdn.net", 'https://*.vscode-cdn.net', 'vscode-webview-resource:', 'https://file+.vscode-resource.vscode-cdn.net http://localhost:8080']) {
      assert.ok(mechanismPageHtml(efflux, knowledgeBase(), { ...RESOURCES, cspSource }).includes(`style-src ${escapeHtml(cspSource)};`), cspSource);
    }
  });

  it('escapes resource URIs and the notice of an unavailable page', () => {
    const html = unavailablePageHtml('Mechanism: <x>', 'Could not load: <img src=x onerror=alert(1)>', { ...RESOURCES, styleUri: 'https://a/"onload="x' });
    assert.ok(html.includes('href="https://a/&quot;onload=&quot;x"'));
    assert.ok(html.includes('<title>Mechanism: &lt;x&gt;</title>'));
    assert.ok(html.includes('<p>Could not load: &lt;img src=x onerror=alert(1)&gt;</p>'));
    assert.doesNotMatch(html, /<img/);
  });
});
