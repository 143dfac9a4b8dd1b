import * as assert from 'node:assert/strict';
import markdownIt, { type MarkdownIt } from 'markdown-it';
import type { CiteItem } from '../../src/core/citations/citationFormatter';
import { findCitedKeys } from '../../src/core/citations/citationScanner';
import { resistanceAtlasPreview, type PreviewCitations, type PreviewTerms, type ResistanceAtlasPreviewOptions } from '../../src/core/preview/markdownItPlugin';

/** A small reference library: in-text label and bibliography entry (HTML, as citeproc-js writes it). */
const LIBRARY: Record<string, { cite: string; entry: string }> = {
  gottesman2002: { cite: 'Gottesman et al., 2002', entry: 'Gottesman MM, Fojo T, Bates SE. Multidrug resistance in cancer. <i>Nat Rev Cancer</i>. 2002;2:48-58.' },
  thress2015: { cite: 'Thress et al., 2015', entry: 'Thress KS, et al. Acquired EGFR C797S mutation. <i>Nat Med</i>. 2015;21:560-2.' },
  lord2017: { cite: 'Lord & Ashworth, 2017', entry: 'Lord CJ, Ashworth A. PARP inhibitors: synthetic lethality in the clinic. <i>Science</i>. 2017;355:1152-8.' },
  sharma2010: { cite: 'Sharma et al., 2010', entry: 'Sharma SV, et al. A chromatin-mediated reversible drug-tolerant state. <i>Cell</i>. 2010;141:69-80.' },
};

interface FakeCitations extends PreviewCitations {
  readonly calls: { keys: readonly string[]; citedInOrder: readonly string[] }[];
}

/** Author-date style over LIBRARY, with prefixes, locators and suffixes; unknown keys make the citation unknown. */
function authorDate(library: Record<string, { cite: string; entry: string }> = LIBRARY): FakeCitations {
  const calls: FakeCitations['calls'] = [];
  return {
    calls,
    formatCitation(items, citedInOrder) {
      const keys = items.map((i) => i.id);
      calls.push({ keys, citedInOrder: [...citedInOrder] });
      if (keys.some((k) => !(k in library))) return undefined;
      const cite = (i: CiteItem) =>
        `${i.prefix ?? ''}${i.suppressAuthor ? '-' : ''}${library[i.id].cite}${i.locator ? `, ${i.label} ${i.locator}` : ''}${i.suffix ?? ''}`;
      return items.length === 1 && items[0].authorInText ? `in text: ${cite(items[0])}` : `(${items.map(cite).join('; ')})`;
    },
    formatBibliography(keys) {
      return keys
        .filter((k) => k in library)
        .sort()
        .map((k) => `<div class="csl-entry">${library[k].entry}</div>`);
    },
  };
}

/** Numeric style: numbers by order of first citation. */
function numeric(): PreviewCitations {
  return {
    formatCitation: (items, citedInOrder) => (items.every((i) => i.id in LIBRARY) ? `[${items.map((i) => citedInOrder.indexOf(i.id) + 1).join(', ')}]` : undefined),
    formatBibliography: (keys) => keys.filter((k) => k in LIBRARY).map((k, i) => `<div class="csl-entry">${i + 1}. ${LIBRARY[k].entry}</div>`),
  };
}

const GLOSSARY: Record<string, string> = {
  'PARP inhibitors': 'Drugs that block poly(ADP-ribose) polymerase; synthetic lethal with BRCA loss.',
  'P-glycoprotein': 'ABCB1, an ATP-driven efflux pump.',
  osimertinib: 'Third-generation EGFR inhibitor.',
};

/** Terms by plain search, as the knowledge base's matcher would find them. */
function glossary(entries: Record<string, string> = GLOSSARY): PreviewTerms {
  return {
    find(text) {
      const found: { start: number; end: number; tooltip: string }[] = [];
      for (const [term, tooltip] of Object.entries(entries)) {
        for (let i = text.indexOf(term); i !== -1; i = text.indexOf(term, i + term.length)) found.push({ start: i, end: i + term.length, tooltip });
      }
      return found.sort((a, b) => a.start - b.start);
    },
  };
}

function preview(options: Partial<ResistanceAtlasPreviewOptions>, html = true): MarkdownIt {
  const md = markdownIt({ html, linkify: true });
  return md.use(resistanceAtlasPreview, { citations: () => undefined, terms: () => undefined, ...options });
}

/** The citation spans of rendered HTML, as "keys => text". */
function citationSpans(html: string): string[] {
  return [...html.matchAll(/<span class="ra-citation" data-keys="([^"]*)">([^<]*)<\/span>/g)].map((m) => `${m[1]} => ${m[2]}`);
}

const REVIEW = `# Mechanisms of resistance

## Drug efflux

Overexpression of P-glycoprotein exports taxanes and anthracyclines
[see @gottesman2002, pp. 50-52; @sharma2010]. As @gottesman2002 [p. 49] argued, efflux
alone rarely explains clinical resistance.

## Target alteration

Resistance to osimertinib often involves EGFR C797S [-@thress2015], and PARP inhibitors
select for *BRCA1* reversions [@lord2017].
`;

describe('resistanceAtlasPreview: citations', () => {
  it('renders Pandoc clusters and in-text citations in the style, with their keys, prefixes, locators and suppressed authors', () => {
    const html = preview({ citations: () => authorDate() }).render(REVIEW);
    assert.deepEqual(citationSpans(html), [
      'gottesman2002 sharma2010 => (see Gottesman et al., 2002, page 50-52; Sharma et al., 2010)',
      'gottesman2002 => in text: Gottesman et al., 2002, page 49',
      'thress2015 => (-Thress et al., 2015)',
      'lord2017 => (Lord &amp; Ashworth, 2017)',
    ]);
    // Locators and prefixes are not shown in this version; the text around citations is kept.
    assert.match(html, /anthracyclines\n<span class="ra-citation"[^>]*>[^<]*<\/span>\. As <span/);
    assert.doesNotMatch(html, /@|pp\. 50/);
  });

  it('gives the formatter every cited key in order of first citation (numeric styles)', () => {
    const citations = authorDate();
    preview({ citations: () => citations }).render(REVIEW);
    const order = ['gottesman2002', 'sharma2010', 'thress2015', 'lord2017'];
    assert.ok(citations.calls.length > 0);
    for (const call of citations.calls) assert.deepEqual(call.citedInOrder, order);
    const html = preview({ citations: numeric }).render(REVIEW);
    assert.deepEqual(
      citationSpans(html).map((s) => s.split(' => ')[1]),
      ['[1, 2]', '[1]', '[3]', '[4]'],
    );
  });

  it('keeps an unknown key as written, marked as unknown', () => {
    const html = preview({ citations: () => authorDate() }).render('Tolerant persisters [@sharma2010; @nobody2099, p. 3] and @ghost.\n');
    assert.match(html, /<span class="ra-citation ra-unknown" title="Unknown citation key">\[@sharma2010; @nobody2099, p\. 3\]<\/span>/);
    assert.match(html, /<span class="ra-citation ra-unknown" title="Unknown citation key">@ghost<\/span>\./);
    assert.deepEqual(citationSpans(html), []);
  });

  it('replaces no citation in code, math, link destinations, HTML, e-mail addresses or cross-references', () => {
    const src = [
      'Write citations as `[@gottesman2002]` or',
      '',
      '```markdown',
      'See [@thress2015].',
      '```',
      '',
      '    [@lord2017] in an indented code block',
      '',
      'Contact jane.doe@example.org or <mailto:x@lord2017.org>, see $k_{@lord2017}$,',
      'the [dataset](https://example.org/@sharma2010), <span title="[@thress2015]">HTML</span>,',
      '@fig-survival and \\@gottesman2002.',
    ].join('\n');
    const html = preview({ citations: () => authorDate() }).render(src);
    assert.doesNotMatch(html, /ra-citation/);
    assert.match(html, /<code>\[@gottesman2002\]<\/code>/);
    assert.match(html, /See \[@thress2015\]\./);
    assert.match(html, /<a href="mailto:jane\.doe@example\.org">jane\.doe@example\.org<\/a>/);
    assert.match(html, /\$k_\{@lord2017\}\$/);
    assert.match(html, /href="https:\/\/example\.org\/@sharma2010"/);
    assert.match(html, /<span title="\[@thress2015\]">HTML<\/span>/);
    assert.match(html, /@fig-survival and @gottesman2002\./);
    assert.doesNotMatch(html, /ra-bibliography/);
  });

  it('agrees with findCitedKeys on which keys are cited', () => {
    const src = [
      REVIEW,
      'Both @thress2015 [p. 3; @lord2017] and -@sharma2010 agree; mail lord@sharma2010.org.',
      'See also [@{gottesman2002}], `[@ignored]`, $x@y$, @tbl-trials and [one; @lord2017] [-@thress2015, fig. 2].',
      '',
      '| Drug | Evidence |',
      '|------|----------|',
      '| olaparib | [@lord2017] |',
      '',
      '> As reviewed [@sharma2010;',
      '> @gottesman2002].',
      '',
      '- a list item citing @thress2015',
      '',
      '(@resistant) An example list item, which Pandoc numbers, not cites.',
      '',
      'As example (@resistant) shows [@lord2017, and [@sharma2010] within].',
    ].join('\n');
    const everyKnown: PreviewCitations = { formatCitation: (items) => items.map((i) => i.id).join('+'), formatBibliography: () => [] };
    const html = preview({ citations: () => everyKnown }).render(src);
    const rendered = citationSpans(html).flatMap((s) => s.split(' => ')[0].split(' '));
    assert.deepEqual(
      rendered,
      findCitedKeys(src, 'markdown').map((k) => k.key),
    );
  });
});

describe('resistanceAtlasPreview: bibliography', () => {
  const entries = (html: string) => [...html.matchAll(/<div class="csl-entry">([^<]*)/g)].map((m) => m[1].split(' ')[0]);

  it('appends the entries of the known cited keys, with a heading, at the end', () => {
    const html = preview({ citations: () => authorDate() }).render(`${REVIEW}\nAnd [@nobody2099].\n`);
    assert.ok(html.endsWith('</div>\n'));
    const bib = html.slice(html.indexOf('<div class="ra-bibliography">'));
    assert.match(bib, /^<div class="ra-bibliography">\n<h2>References<\/h2>\n<div class="csl-entry">/);
    assert.deepEqual(entries(bib), ['Gottesman', 'Lord', 'Sharma', 'Thress']);
    // citeproc's HTML is kept as it is.
    assert.match(bib, /<i>Nat Rev Cancer<\/i>/);
  });

  it('adds no heading of its own after a "References" or "Bibliography" heading', () => {
    for (const heading of ['## References', '# Bibliography', '## References {.unnumbered}']) {
      const html = preview({ citations: () => authorDate() }).render(`${REVIEW}\n${heading}\n`);
      assert.equal(html.match(/<h[1-6]>(References|Bibliography)/g)?.length, 1, heading);
      assert.match(html, /<\/h[12]>\n<div class="ra-bibliography">\n<div class="csl-entry">/, heading);
    }
  });

  it('goes in place of a Pandoc refs div, before the appendices', () => {
    const src = `${REVIEW}\n## References\n\n::: {#refs}\n:::\n\n# Appendix A: search strategy\n\nPubMed, 2000-2024, citing @thress2015 again.\n`;
    const html = preview({ citations: () => authorDate() }).render(src);
    assert.equal(html.match(/ra-bibliography/g)?.length, 1);
    assert.doesNotMatch(html, /:::|#refs/);
    assert.match(html, /<h2>References<\/h2>\n<div class="ra-bibliography">\n<div class="csl-entry">Gottesman[\s\S]*<\/div>\n<\/div>\n<h1>Appendix A/);
    assert.ok(html.endsWith('again.</p>\n'));
  });

  it('accepts the refs div with attributes, in HTML, with html on and off', () => {
    for (const div of ['::: {#refs .references}\n:::', ':::: {#refs}\n::::', '<div id="refs"></div>', '<div id="refs" class="csl-bib-body">\n</div>']) {
      for (const html of [true, false]) {
        const out = preview({ citations: () => authorDate() }, html).render(`Efflux [@gottesman2002].\n\n${div}\n\nFinal remarks.\n`);
        assert.match(out, /<p>Efflux <span[^>]*>[^<]*<\/span>\.<\/p>\n<div class="ra-bibliography">\n<h2>References<\/h2>\n<div class="csl-entry">Gottesman[^\n]*\n<\/div>\n<p>Final remarks\.<\/p>\n$/, `${div} html=${html}`);
      }
    }
  });

  it('leaves a refs div inside a code block alone', () => {
    const html = preview({ citations: () => authorDate() }).render('Efflux [@gottesman2002].\n\n```\n::: {#refs}\n:::\n```\n');
    assert.match(html, /<code>::: \{#refs\}\n:::\n<\/code>/);
    assert.ok(html.endsWith('</div>\n</div>\n'));
  });

  it('writes nothing, and removes the refs div, when nothing is cited', () => {
    const html = preview({ citations: () => authorDate() }).render('No citations here; mail jane@example.org.\n\n::: {#refs}\n:::\n');
    assert.equal(html, '<p>No citations here; mail <a href="mailto:jane@example.org">jane@example.org</a>.</p>\n');
  });
});

describe('resistanceAtlasPreview: glossary tooltips', () => {
  it('wraps terms in prose and headings, not in code, code blocks or URLs', () => {
    const src = [
      '## PARP inhibitors in ovarian cancer',
      '',
      'PARP inhibitors fail when P-glycoprotein effluxes them; `PARP inhibitors` in code,',
      'https://example.org/PARP inhibitors and [osimertinib](https://example.org/osimertinib).',
      '',
      '```',
      'PARP inhibitors',
      '```',
    ].join('\n');
    const html = preview({ terms: () => glossary() }).render(src);
    const abbr = (term: string) => `<abbr class="ra-term" title="${markdownIt().utils.escapeHtml(GLOSSARY[term])}">${term}</abbr>`;
    assert.match(html, new RegExp(`<h2>${escapeRegExp(abbr('PARP inhibitors'))} in ovarian cancer</h2>`));
    assert.ok(html.includes(`<p>${abbr('PARP inhibitors')} fail when ${abbr('P-glycoprotein')} effluxes them; <code>PARP inhibitors</code>`));
    assert.ok(html.includes(`<a href="https://example.org/osimertinib">${abbr('osimertinib')}</a>`));
    assert.ok(html.includes('<a href="https://example.org/PARP">https://example.org/PARP</a> inhibitors'));
    assert.ok(html.includes('<pre><code>PARP inhibitors\n</code></pre>'));
    assert.equal(html.match(/<abbr/g)?.length, 4);
  });

  it('keeps citations and tooltips together', () => {
    const html = preview({ citations: () => authorDate(), terms: () => glossary() }).render(REVIEW);
    assert.equal(citationSpans(html).length, 4);
    assert.equal(html.match(/<abbr class="ra-term"/g)?.length, 3);
  });
});

describe('resistanceAtlasPreview: escaping and options', () => {
  const HOSTILE = '<img src=x onerror=alert(1)>';

  it('escapes hostile keys, citation text and tooltips, with html on and off', () => {
    const library = { ...LIBRARY, 'x<y': { cite: `Evil ${HOSTILE} "quoted"`, entry: 'Evil entry' } };
    const terms = glossary({ efflux: `"><script>alert(1)</script> ${HOSTILE}`, [`${HOSTILE}`]: 'an image' });
    for (const html of [true, false]) {
      const md = preview({ citations: () => authorDate(library), terms: () => terms }, html);
      const out = md.render(`Drug efflux [@{${HOSTILE}}] and [@x<y] and text ${HOSTILE.replace('<', '\\<')}.\n`);
      assert.doesNotMatch(out, /<img|<script/, `html=${html}`);
      assert.ok(out.includes(`<span class="ra-citation ra-unknown" title="Unknown citation key">[@{&lt;img src=x onerror=alert(1)&gt;}]</span>`));
      assert.ok(out.includes('<span class="ra-citation" data-keys="x&lt;y">(Evil &lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot;)</span>'));
      assert.ok(out.includes('<abbr class="ra-term" title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;">efflux</abbr>'));
      assert.ok(out.includes('<abbr class="ra-term" title="an image">&lt;img src=x onerror=alert(1)&gt;</abbr>'));
    }
  });

  it('changes nothing when both options return undefined, and asks at each render', () => {
    let asked = 0;
    const md = preview({
      citations: () => {
        asked++;
        return undefined;
      },
      terms: () => {
        asked++;
        return undefined;
      },
    });
    const src = `${REVIEW}\n![Figure 1 after @lord2017](fig1.png)\n`;
    assert.equal(md.render(src), markdownIt({ html: true, linkify: true }).render(src));
    assert.equal(asked, 2);
    md.render(src);
    assert.equal(asked, 4);
  });

  it('formats cached tokens with the bibliography of the moment (VS Code re-renders its tokens)', () => {
    let citations: PreviewCitations | undefined;
    const md = preview({ citations: () => citations });
    const env = {};
    const tokens = md.parse(REVIEW, env);
    assert.doesNotMatch(md.renderer.render(tokens, md.options, env), /ra-citation/);
    citations = authorDate();
    assert.equal(citationSpans(md.renderer.render(tokens, md.options, env)).length, 4);
    citations = numeric();
    assert.match(md.renderer.render(tokens, md.options, env), /data-keys="thress2015">\[3\]</);
  });

  it('puts the plain citation in an image\'s alt text', () => {
    const html = preview({ citations: () => authorDate() }).render('![Olaparib response, after @lord2017](fig1.png)\n');
    assert.match(html, /<img src="fig1\.png" alt="Olaparib response, after in text: Lord &amp; Ashworth, 2017">/);
    assert.match(html, /<div class="csl-entry">Lord CJ/);
  });

  it('works through renderInline, asking at each call', () => {
    let citations: PreviewCitations | undefined = authorDate();
    const md = preview({ citations: () => citations, terms: () => glossary() });
    const html = md.renderInline('PARP inhibitors [@lord2017]');
    assert.equal(html, `<abbr class="ra-term" title="${GLOSSARY['PARP inhibitors']}">PARP inhibitors</abbr> <span class="ra-citation" data-keys="lord2017">(Lord &amp; Ashworth, 2017)</span>`);
    citations = undefined;
    assert.match(md.renderInline('PARP inhibitors [@lord2017]'), /<\/abbr> \[@lord2017\]$/);
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
