import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  checkAcronyms,
  expandAtFirstUse,
  properNounsOf,
  findAcronymDefinitions,
  knownAcronymsOf,
  type AcronymCheckOptions,
  type AcronymFinding,
  type KnownAcronym,
} from '../../src/core/manuscript/acronyms';
import type { ManuscriptDialect } from '../../src/core/terms/excludedRanges';
import { concept, knowledgeBase } from './helpers';

const known: KnownAcronym[] = [
  { acronym: 'TME', longForm: 'Tumour microenvironment' },
  { acronym: 'CAF', longForm: 'Cancer-associated fibroblast' },
  { acronym: 'PD-L1', longForm: 'Programmed death-ligand 1' },
  { acronym: 'PD-1', longForm: 'Programmed cell death protein 1' },
  { acronym: 'HIF-1α', longForm: 'Hypoxia-inducible factor 1α' },
  { acronym: 'ECM', longForm: 'Extracellular matrix' },
  { acronym: 'EMT', longForm: 'Epithelial-mesenchymal transition' },
];

const NONE: AcronymCheckOptions = { separateScopes: [], ignored: [] };
const SEPARATE: AcronymCheckOptions = { separateScopes: ['abstract', 'figureLegends'], ignored: [] };

function check(text: string, options: AcronymCheckOptions = NONE, dialect: ManuscriptDialect = 'markdown', knownAcronyms = known): AcronymFinding[] {
  return checkAcronyms(text, dialect, knownAcronyms, options);
}

/** Findings as "code acronym «covered text» scope", easy to compare. */
function summary(text: string, findings: readonly AcronymFinding[]): string[] {
  return findings.map((f) => `${f.code} ${f.acronym} «${text.slice(f.start, f.end)}» ${f.scope}`);
}

function definitions(text: string, dialect: ManuscriptDialect = 'markdown'): string[] {
  return findAcronymDefinitions(text, dialect).map((d) => `${d.acronym} = ${d.longForm}`);
}

function apply(text: string, edit: { start: number; end: number; text: string } | undefined): string {
  assert.ok(edit, 'an edit');
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}

describe('acronym definitions', () => {
  it('recognises "long form (ACR)" and gives its exact ranges', () => {
    const text = 'Resistance in the tumour microenvironment (TME) is common.';
    const [d] = findAcronymDefinitions(text, 'markdown');
    assert.equal(d.acronym, 'TME');
    assert.equal(d.longForm, 'tumour microenvironment');
    assert.equal(text.slice(d.start, d.end), 'tumour microenvironment (TME)');
    assert.equal(text.slice(d.acronymStart, d.acronymStart + 3), 'TME');
    assert.equal(d.scope, 'main');
  });

  it('matches the long form in any case', () => {
    assert.deepEqual(definitions('The Tumour Microenvironment (TME) and the TUMOUR MICROENVIRONMENT (TME).'), ['TME = Tumour Microenvironment', 'TME = TUMOUR MICROENVIRONMENT']);
  });

  it('reads a plural acronym as a definition of the singular, with a singular long form', () => {
    assert.deepEqual(definitions('Cancer-associated fibroblasts (CAFs) secrete HGF.'), ['CAF = Cancer-associated fibroblast']);
    assert.deepEqual(definitions('Receptor tyrosine kinases (RTKs), histone deacetylases (HDACs), therapies (THs) and monoclonal antibodies (mAbs).'), [
      'RTK = Receptor tyrosine kinase',
      'HDAC = histone deacetylase',
      'TH = therapy',
      'mAb = monoclonal antibody',
    ]);
  });

  it('is tolerant: hyphenated parts, skipped small words, letters inside words, digits and Greek letters', () => {
    assert.deepEqual(
      definitions(
        'In non-small cell lung cancer (NSCLC), the mechanistic target of rapamycin (mTOR), 5-fluorouracil (5-FU), ' +
          'a monoclonal antibody (mAb), non-coding RNA (ncRNA), programmed death-ligand 1 (PD-L1), the DNA damage response (DDR) ' +
          'and poly(ADP-ribose) polymerase (PARP) matter.',
      ),
      [
        'NSCLC = non-small cell lung cancer',
        'mTOR = mechanistic target of rapamycin',
        '5-FU = 5-fluorouracil',
        'mAb = monoclonal antibody',
        'ncRNA = non-coding RNA',
        'PD-L1 = programmed death-ligand 1',
        'DDR = DNA damage response',
        'PARP = poly(ADP-ribose) polymerase',
      ],
    );
  });

  it('takes the shortest long form that spells the acronym', () => {
    assert.deepEqual(definitions('Drug resistance shaped by cancer-associated fibroblasts (CAFs) is common.'), ['CAF = cancer-associated fibroblast']);
  });

  it('recognises "ACR (long form)", with digits, Greek letters and plurals', () => {
    const text = 'HIF-1α (hypoxia-inducible factor 1α) induces ABCB1. CAFs (cancer-associated fibroblasts) secrete IL-6.';
    const defs = findAcronymDefinitions(text, 'markdown');
    assert.deepEqual(defs.map((d) => `${d.acronym} = ${d.longForm}`), ['HIF-1α = hypoxia-inducible factor 1α', 'CAF = cancer-associated fibroblast']);
    assert.deepEqual(definitions('ADCs (antibody–drug conjugates) and antibody–drug conjugates (ADCs).'), ['ADC = antibody–drug conjugate', 'ADC = antibody–drug conjugate']);
    assert.equal(text.slice(defs[0].start, defs[0].end), 'HIF-1α (hypoxia-inducible factor 1α)');
    assert.equal(defs[0].acronymStart, defs[0].start);
  });

  it('does not mistake figure references, years, statistics, numerals, units or synonyms for definitions', () => {
    const text =
      'Resistance rose (see Fig. 2) as reported (2021) and as Smith (2021) found (p < 0.05), in phase (II) and stage (IV) ' +
      'trials at 5 millimolar (mM), with P-glycoprotein (ABCB1) and EGFR (exon 19 deletion), as shown in a (2A).';
    assert.deepEqual(definitions(text), []);
  });

  it('reads through Markdown emphasis and LaTeX markup around the long form', () => {
    assert.deepEqual(definitions('The **tumour microenvironment** (**TME**) matters.'), ['TME = tumour microenvironment']);
    assert.deepEqual(definitions('The \\emph{tumour microenvironment}~(TME) matters.', 'latex'), ['TME = tumour microenvironment']);
  });

  it('stops the long form at the end of the clause', () => {
    assert.deepEqual(definitions('Matrix stiffness matters. Extracellular matrix (ECM) remodelling follows.'), ['ECM = Extracellular matrix']);
    assert.deepEqual(definitions('It changes the tumour. Microenvironment (TME) is a word.'), []);
  });

  it('gives the structural scope of each definition', () => {
    const text = '# Abstract\n\nTumour microenvironment (TME).\n\n# Introduction\n\nTumour microenvironment (TME).\n\n![Tumour microenvironment (TME) and TME](f.png)\n';
    assert.deepEqual(findAcronymDefinitions(text, 'markdown').map((d) => d.scope), ['abstract', 'main', 'figureLegends']);
  });
});

describe('acronym checks', () => {
  it('reports a use before the definition, with the line of the definition', () => {
    const text = 'The TME protects tumours.\n\nThe TME again.\n\nThe tumour microenvironment (TME) is complex, and the TME is targetable.\n';
    const findings = check(text);
    assert.deepEqual(summary(text, findings), [
      'acronym-used-before-definition TME «TME» main',
      'acronym-used-before-definition TME «TME» main',
    ]);
    assert.equal(findings[0].message, 'TME is used before it is defined (defined on line 5)');
    assert.equal(findings[0].longForm, 'tumour microenvironment');
    assert.equal(findings[0].start, 4);
  });

  it('reports a second definition in the same scope', () => {
    const text = 'The tumour microenvironment (TME) matters. The TME is complex.\nIn the tumour microenvironment (TME), CAFs thrive.\n';
    const findings = check(text, NONE, 'markdown', [{ acronym: 'TME', longForm: 'Tumour microenvironment' }]);
    assert.deepEqual(summary(text, findings), ['acronym-defined-twice TME «tumour microenvironment (TME)» main']);
    assert.equal(findings[0].message, 'TME is defined twice (first defined on line 1)');
    assert.ok(findings[0].start > 40);
  });

  it('reports a definition never used again, also for acronyms the glossary does not know', () => {
    const text = 'We used patient-derived organoids (PDOs) and the tumour microenvironment (TME). Nothing else.\n';
    const findings = check(text);
    assert.deepEqual(summary(text, findings), [
      'acronym-defined-not-used PDO «patient-derived organoids (PDOs)» main',
      'acronym-defined-not-used TME «tumour microenvironment (TME)» main',
    ]);
    assert.equal(findings[0].message, 'PDO is defined but not used again');
    assert.equal(findings[0].longForm, 'patient-derived organoid');
  });

  it('reports a known acronym never defined, once per scope, at its first use', () => {
    const text = 'CAFs remodel the ECM. The ECM stiffens, and CAFs multiply.\n';
    const findings = check(text);
    assert.deepEqual(summary(text, findings), ['acronym-not-defined CAF «CAFs» main', 'acronym-not-defined ECM «ECM» main']);
    assert.equal(findings[0].longForm, 'Cancer-associated fibroblast');
    assert.match(findings[0].message, /^CAF is used but not defined; define it at first use as "Cancer-associated fibroblasts \(CAFs\)"$/);
  });

  it('is quiet about a document that defines each acronym at first use and uses it again', () => {
    const text = '# The tumour microenvironment (TME)\n\nThe TME, cancer-associated fibroblasts (CAFs) and the CAF secretome.\n';
    assert.deepEqual(check(text), []);
  });

  it('counts uses in headings', () => {
    const text = '# The TME\n\nThe tumour microenvironment (TME) and the TME.\n';
    assert.deepEqual(summary(text, check(text)), ['acronym-used-before-definition TME «TME» main']);
  });

  it('counts plurals, hyphenated symbols and prefixed uses, but not parts of longer symbols', () => {
    const text =
      'The programmed death-ligand 1 (PD-L1) axis: anti-PD-L1 antibodies, PD-L1-positive cells and PD-L1s. ' +
      'Hypoxia-inducible factor 1α (HIF-1α) and HIF-1α. Progressive disease (PD) under PD-1 blockade.\n';
    const findings = check(text);
    assert.deepEqual(summary(text, findings), ['acronym-defined-not-used PD «Progressive disease (PD)» main', 'acronym-not-defined PD-1 «PD-1» main']);
  });

  it('ignores ordinary capitalised words, Roman numerals, units, single letters and unknown capitals', () => {
    const noisy: KnownAcronym[] = [...known, { acronym: 'II', longForm: 'Second' }, { acronym: 'mM', longForm: 'Millimolar' }, { acronym: 'T', longForm: 'Thymine' }];
    const text = 'Phase II and III trials (IV) at 5 mM in T cells. Autophagy and Resistance. XYZ and ABC are unknown.\n';
    assert.deepEqual(check(text, NONE, 'markdown', noisy), []);
  });

  it('never looks in code, math, URLs, citation keys, HTML comments, attributes or front matter (Markdown)', () => {
    const text = [
      '---',
      'title: The TME and CAFs',
      'keywords: [TME]',
      '---',
      '',
      'Code `TME` and $\\mathrm{TME}$ and $$TME$$ and https://example.org/TME and [@TME2020] and @CAF2019.',
      '',
      '```',
      'TME CAFs',
      '```',
      '',
      '<!-- TME -->',
      '',
      '![](fig.png){#fig-TME}',
      '',
      '<span class="TME">text</span>',
    ].join('\n');
    assert.deepEqual(check(text), []);
  });

  it('never looks in LaTeX comments, command names, key arguments or math', () => {
    const text = [
      '\\documentclass{article}',
      '\\begin{document}',
      '% The TME',
      'Text \\cite{TME2020} \\ref{fig:TME} \\label{sec:CAF} \\includegraphics{TME.pdf} \\url{https://x.org/TME} $\\mathrm{TME}$.',
      '\\begin{equation} TME \\end{equation}',
      '\\newacronym{caf}{CAF}{cancer-associated fibroblast} \\gls{TME} \\acrshort{CAF} \\bibitem{Mao_TME} Mao.',
      '\\end{document}',
    ].join('\n');
    assert.deepEqual(check(text, NONE, 'latex'), []);
  });

  it('skips the acronyms the writer ignores, singular or plural', () => {
    const text = 'CAFs remodel the ECM. The ECM stiffens.\n';
    assert.deepEqual(check(text, { separateScopes: [], ignored: ['CAFs', 'ECM'] }), []);
    assert.deepEqual(summary(text, check(text, { separateScopes: [], ignored: ['CAF'] })), ['acronym-not-defined ECM «ECM» main']);
  });

  it('skips the abbreviations block and the bibliography block', () => {
    const text = [
      'The tumour microenvironment (TME) and the TME.',
      '',
      '<!-- resistance-atlas:abbreviations -->',
      '',
      '| Abbreviation | Meaning |',
      '| --- | --- |',
      '| CAF | cancer-associated fibroblast (CAF) |',
      '| TME | tumour microenvironment (TME) |',
      '',
      '<!-- /resistance-atlas:abbreviations -->',
      '',
      '<!-- resistance-atlas:bibliography -->',
      '',
      '1. Mao X. Extracellular matrix (ECM) and CAFs in the TME. 2021.',
      '',
      '<!-- /resistance-atlas:bibliography -->',
      '',
    ].join('\n');
    assert.deepEqual(check(text), []);
  });

  it('ignores known acronyms whose long form cannot expand them', () => {
    const text = 'T790M, PARP, ABCB1 and JAK/STAT are common.\n';
    const odd: KnownAcronym[] = [
      { acronym: 'T790M', longForm: 'EGFR T790M' },
      { acronym: 'PARP', longForm: 'PARP1' },
      { acronym: 'JAK/STAT', longForm: 'JAK/STAT pathway' },
      { acronym: 'ABCB1', longForm: 'P-glycoprotein' },
    ];
    assert.deepEqual(check(text, NONE, 'markdown', odd), []);
  });
});

describe('acronym scopes', () => {
  const markdown = [
    '# Abstract',
    '',
    'The TME shields tumours; CAFs too.',
    '',
    '# Introduction',
    '',
    'The tumour microenvironment (TME) and cancer-associated fibroblasts (CAFs): the TME and CAFs.',
    '',
    '![The TME and CAFs in a tumour](fig1.png)',
    '',
    '![Cancer-associated fibroblasts (CAFs): CAFs and the TME](fig2.png)',
    '',
  ].join('\n');

  it('puts everything in the main text when no scope is separate', () => {
    assert.deepEqual(summary(markdown, check(markdown)), [
      'acronym-used-before-definition TME «TME» main',
      'acronym-used-before-definition CAF «CAFs» main',
      'acronym-defined-twice CAF «Cancer-associated fibroblasts (CAFs)» main',
    ]);
  });

  it('checks the abstract against its own definitions only, and the main text against its own', () => {
    const findings = check(markdown, { separateScopes: ['abstract'], ignored: [] });
    assert.deepEqual(summary(markdown, findings), [
      'acronym-not-defined TME «TME» abstract',
      'acronym-not-defined CAF «CAFs» abstract',
      'acronym-defined-twice CAF «Cancer-associated fibroblasts (CAFs)» main',
    ]);
    assert.equal(findings[0].message, 'TME is used but not defined in the abstract; define it at first use as "tumour microenvironment (TME)"');
    assert.equal(findings[0].longForm, 'tumour microenvironment', 'the document\'s own long form');
  });

  it('checks each figure legend on its own', () => {
    const findings = check(markdown, { separateScopes: ['figureLegends'], ignored: [] });
    assert.deepEqual(summary(markdown, findings), [
      'acronym-used-before-definition TME «TME» main',
      'acronym-used-before-definition CAF «CAFs» main',
      'acronym-not-defined TME «TME» figureLegends',
      'acronym-not-defined CAF «CAFs» figureLegends',
      'acronym-not-defined TME «TME» figureLegends',
    ]);
    assert.match(findings[2].message, /in this figure legend/);
  });

  it('reads a Quarto abstract from the front matter', () => {
    const text = '---\ntitle: "A review"\nabstract: |\n  The tumour microenvironment (TME) and the TME.\n  CAFs matter.\nbibliography: refs.bib\n---\n\nThe TME.\n';
    assert.deepEqual(summary(text, check(text, SEPARATE)), ['acronym-not-defined CAF «CAFs» abstract', 'acronym-not-defined TME «TME» main']);
    assert.deepEqual(summary(text, check(text)), ['acronym-not-defined CAF «CAFs» main']);
  });

  it('ends a Markdown abstract at the next heading of its level, and reads setext headings', () => {
    const text = 'Abstract\n========\n\n## Background\n\nThe TME.\n\nIntroduction\n============\n\nThe TME.\n';
    assert.deepEqual(summary(text, check(text, SEPARATE)), ['acronym-not-defined TME «TME» abstract', 'acronym-not-defined TME «TME» main']);
  });

  it('reads Pandoc figure divs, whose last paragraph is the caption, and "Figure 1." legend paragraphs', () => {
    const text = [
      'The tumour microenvironment (TME) and the TME.',
      '',
      '::: {#fig-tme}',
      '![](tme.png)',
      '',
      'The TME of a tumour.',
      ':::',
      '',
      '**Figure 2.** The TME again.',
      '',
      'Back in the TME.',
    ].join('\n');
    assert.deepEqual(summary(text, check(text, SEPARATE)), ['acronym-not-defined TME «TME» figureLegends', 'acronym-not-defined TME «TME» figureLegends']);
  });

  it('reads several acronyms defined in one parenthesis, each with its own long form', () => {
    const text = [
      'Tumour-associated macrophages and myeloid-derived suppressor cells (TAMs and MDSCs) suppress T cells.',
      'Cancer-associated fibroblasts, regulatory T cells, and natural killer cells (CAFs, Tregs, and NK cells) differ.',
      'Later, TAMs, MDSCs and CAFs recur.',
    ].join(' ');
    assert.deepEqual(definitions(text), [
      'TAM = Tumour-associated macrophage',
      'MDSC = myeloid-derived suppressor cell',
    ]);
    const tight = 'In the tumour microenvironment and extracellular matrix (TME, ECM), the TME and ECM change.';
    assert.deepEqual(definitions(tight), ['TME = tumour microenvironment', 'ECM = extracellular matrix']);
    assert.deepEqual(summary(tight, check(tight)), []);
    // Ordinary words joined by "and" define nothing; "ACR (long form)" still works beside a list.
    assert.deepEqual(definitions('Cells of the niche (stromal and immune) infiltrate.'), []);
    assert.deepEqual(definitions('The TME (tumour microenvironment) and the CAFs and TAMs (fibroblasts and macrophages).'), ['TME = tumour microenvironment']);
  });

  it('reads Quarto cell captions (#| fig-cap, tbl-cap) as figure legends, and nothing else in code cells', () => {
    const text = [
      'The tumour microenvironment (TME) and the TME.',
      '',
      '```{r}',
      '#| label: fig-tme',
      '#| fig-cap: "Immune cells of the TME"',
      'plot(TME)',
      '```',
      '',
      '```{python}',
      "#| tbl-cap: Cancer-associated fibroblasts (CAFs) and CAFs in the TME",
      'CAF = 1',
      '```',
    ].join('\n');
    assert.deepEqual(summary(text, check(text, SEPARATE)), [
      'acronym-not-defined TME «TME» figureLegends',
      'acronym-not-defined TME «TME» figureLegends',
    ]);
    assert.deepEqual(findAcronymDefinitions(text, 'markdown').map((d) => `${d.acronym} ${d.scope}`), ['TME main', 'CAF figureLegends']);
    const fixed = apply(text, expandAtFirstUse(text, 'markdown', 'TME', 'tumour microenvironment', 'figureLegends'));
    assert.match(fixed, /#\| fig-cap: "Immune cells of the tumour microenvironment \(TME\)"/);
  });

  it('reads the LaTeX abstract environment and captions', () => {
    const text = [
      '\\begin{document}',
      '\\begin{abstract}',
      'The tumour microenvironment (TME) shapes resistance; the TME is targetable.',
      '\\end{abstract}',
      'The TME and \\emph{cancer-associated fibroblasts} (CAFs) and CAFs.',
      '\\begin{figure}',
      '\\caption[The TME]{The tumour microenvironment (TME): the TME and CAFs.}',
      '\\label{fig:TME}',
      '\\end{figure}',
      '\\end{document}',
    ].join('\n');
    assert.deepEqual(summary(text, check(text, SEPARATE, 'latex')), [
      'acronym-not-defined TME «TME» main',
      'acronym-used-before-definition TME «TME» figureLegends',
      'acronym-not-defined CAF «CAFs» figureLegends',
    ]);
    assert.deepEqual(summary(text, check(text, NONE, 'latex')), ['acronym-defined-twice TME «tumour microenvironment (TME)» main']);
  });

  it('reads an "Abstract" line and "Figure 1." paragraphs in plain text', () => {
    const text = 'A review\n\nAbstract\n\nThe TME matters.\n\nIntroduction\n\nThe tumour microenvironment (TME) and the TME.\n\nFigure 1. The TME.\n';
    assert.deepEqual(summary(text, check(text, SEPARATE, 'plain')), ['acronym-not-defined TME «TME» abstract', 'acronym-not-defined TME «TME» figureLegends']);
  });
});

describe('expand at first use', () => {
  it('rewrites the first use before the definition, which then becomes a second definition', () => {
    const text = 'The TME protects tumours. The tumour microenvironment (TME) is complex; the TME is targetable.\n';
    const out = apply(text, expandAtFirstUse(text, 'markdown', 'TME', 'tumour microenvironment'));
    assert.equal(out, 'The tumour microenvironment (TME) protects tumours. The tumour microenvironment (TME) is complex; the TME is targetable.\n');
    assert.deepEqual(summary(out, check(out)), ['acronym-defined-twice TME «tumour microenvironment (TME)» main']);
  });

  it('keeps a plural, and fits the case of the long form to its place in the sentence', () => {
    const text = 'CAFs remodel tissue, and CAFs secrete IL-6.\n';
    assert.equal(apply(text, expandAtFirstUse(text, 'markdown', 'CAF', 'Cancer-associated fibroblast')), 'Cancer-associated fibroblasts (CAFs) remodel tissue, and CAFs secrete IL-6.\n');
    const mid = 'Fibrosis follows when the ECM stiffens.\n';
    assert.equal(apply(mid, expandAtFirstUse(mid, 'markdown', 'ECM', 'Extracellular matrix')), 'Fibrosis follows when the extracellular matrix (ECM) stiffens.\n');
    const therapy = 'We review ADTs.\n';
    assert.equal(apply(therapy, expandAtFirstUse(therapy, 'markdown', 'ADT', 'androgen deprivation therapy')), 'We review androgen deprivation therapies (ADTs).\n');
    const acronymFirst = 'Damage triggers the DDR.\n';
    assert.equal(apply(acronymFirst, expandAtFirstUse(acronymFirst, 'markdown', 'DDR', 'DNA damage response')), 'Damage triggers the DNA damage response (DDR).\n');
  });

  it('keeps proper nouns and names in title case capitalised mid-sentence', () => {
    const properNouns = properNounsOf(knowledgeBase().concepts);
    assert.ok(properNouns.has('janus') && properNouns.has('fanconi'), 'eponyms of the glossary');
    assert.ok(!properNouns.has('tumour') && !properNouns.has('extracellular') && !properNouns.has('non'), 'common words');
    const jak = 'Ruxolitinib inhibits JAK signalling.\n';
    assert.equal(apply(jak, expandAtFirstUse(jak, 'markdown', 'JAK', 'Janus kinases', 'main', [], properNouns)), 'Ruxolitinib inhibits Janus kinases (JAK) signalling.\n');
    const fa = 'Loss of the FA pathway sensitises cells.\n';
    assert.equal(apply(fa, expandAtFirstUse(fa, 'markdown', 'FA', 'Fanconi anemia', 'main', [], properNouns)), 'Loss of the Fanconi anemia (FA) pathway sensitises cells.\n');
    const recist = 'Responses were read by RECIST.\n';
    assert.equal(
      apply(recist, expandAtFirstUse(recist, 'markdown', 'RECIST', 'Response Evaluation Criteria in Solid Tumours', 'main', [], properNouns)),
      'Responses were read by Response Evaluation Criteria in Solid Tumours (RECIST).\n',
    );
    const nhej = 'Cells fall back on NHEJ.\n';
    assert.equal(apply(nhej, expandAtFirstUse(nhej, 'markdown', 'NHEJ', 'Non-homologous end joining', 'main', [], properNouns)), 'Cells fall back on non-homologous end joining (NHEJ).\n');
  });

  it('works in the scope it is asked for, skipping instances that define the acronym', () => {
    const text = '# Abstract\n\nThe TME.\n\n# Main\n\nThe TME.\n\n![Tumour microenvironment (TME) and TME](a.png)\n\n![A TME](b.png)\n';
    const abstract = apply(text, expandAtFirstUse(text, 'markdown', 'TME', 'tumour microenvironment', 'abstract'));
    assert.match(abstract, /# Abstract\n\nThe tumour microenvironment \(TME\)\.\n\n# Main\n\nThe TME\./);
    const main = apply(text, expandAtFirstUse(text, 'markdown', 'TME', 'tumour microenvironment', 'main', ['abstract']));
    assert.match(main, /# Abstract\n\nThe TME\.\n\n# Main\n\nThe tumour microenvironment \(TME\)\./);
    const legend = apply(text, expandAtFirstUse(text, 'markdown', 'TME', 'tumour microenvironment', 'figureLegends'));
    assert.match(legend, /!\[A tumour microenvironment \(TME\)\]\(b\.png\)/);
    const legendFindings = check(legend, { separateScopes: ['figureLegends'], ignored: [] }).filter((f) => f.scope === 'figureLegends');
    assert.deepEqual(summary(legend, legendFindings), ['acronym-defined-not-used TME «tumour microenvironment (TME)» figureLegends']);
  });

  it('escapes LaTeX specials, and gives undefined when there is nothing to expand', () => {
    const text = 'The MMEJ pathway.\n';
    assert.equal(apply(text, expandAtFirstUse(text, 'latex', 'MMEJ', 'microhomology & end joining')), 'The microhomology \\& end joining (MMEJ) pathway.\n');
    assert.equal(expandAtFirstUse('The tumour microenvironment (TME) and the TME.', 'markdown', 'TME', 'tumour microenvironment'), undefined);
    assert.equal(expandAtFirstUse('No acronym here.', 'markdown', 'TME', 'tumour microenvironment'), undefined);
    assert.equal(expandAtFirstUse('Code `TME`.', 'markdown', 'TME', 'tumour microenvironment'), undefined);
  });
});

describe('known acronyms from the glossary', () => {
  it('keeps abbreviations their long form spells, and leaves out gene symbols and self-references', () => {
    const concepts = [
      concept('p-gp', 'P-glycoprotein', { abbreviations: ['P-gp', 'ABCB1', 'MDR1'] }),
      concept('t790m', 'EGFR T790M', { abbreviations: ['T790M'] }),
      concept('parp1', 'PARP1', { abbreviations: ['PARP1', 'PARP'] }),
      concept('her2', 'HER2', { abbreviations: ['HER2'], expansion: 'human epidermal growth factor receptor 2' }),
      concept('tme-surgery', 'Total mesorectal excision', { abbreviations: ['TME'] }),
      concept('tme', 'Tumour microenvironment', { abbreviations: ['TME'], mechanisms: ['tumour-microenvironment'] }),
    ];
    assert.deepEqual(knownAcronymsOf(concepts), [
      { acronym: 'P-gp', longForm: 'P-glycoprotein' },
      { acronym: 'HER2', longForm: 'human epidermal growth factor receptor 2' },
      { acronym: 'TME', longForm: 'Tumour microenvironment' },
    ]);
  });

  it('checks the bundled review excerpt without noise from symbols it cannot expand', () => {
    const glossary = knownAcronymsOf(knowledgeBase().concepts);
    assert.ok(glossary.length > 100);
    assert.ok(glossary.some((k) => k.acronym === 'NSCLC' && k.longForm === 'Non-small cell lung cancer'));
    assert.ok(!glossary.some((k) => k.acronym === 'ABCB1' || k.acronym === 'T790M'));
    const text = 'In EGFR-mutant NSCLC, T790M and ABCB1 matter. Non-small cell lung cancer (NSCLC) again; NSCLC.\n';
    assert.deepEqual(summary(text, check(text, NONE, 'markdown', glossary)), ['acronym-not-defined EGFR «EGFR» main', 'acronym-used-before-definition NSCLC «NSCLC» main']);
  });
});

describe('acronym properties', () => {
  const pieces = [
    'TME', 'CAFs', 'CAF', 'PD-L1', 'HIF-1α', ' ', ' ', '\n', '\n\n', '(', ')', '(TME)', '(CAFs)', 'tumour microenvironment', 'cancer-associated',
    'fibroblasts', '# Abstract\n', '## ', '![', '](x.png)', '[@key]', '`', '$', '\\caption{', '}', '\\begin{abstract}', '\\end{abstract}', '%', '---\n',
    'abstract: |\n  ', '::: {#fig-a}\n', ':::\n', 'Figure 1. ', '<!-- ', ' -->', '**', '~', 'α', '-', 's', '.', 'poly(ADP-ribose) ', 'http://x.org/',
    '<!-- resistance-atlas:abbreviations -->\n', '<!-- /resistance-atlas:abbreviations -->\n', 'e\u0301', '\ud83d\ude00', '\r\n',
  ];
  const text = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 4 })), { maxLength: 80 }).map((a) => a.join(''));
  const dialect = fc.constantFrom<ManuscriptDialect>('markdown', 'latex', 'plain');
  const scopes = fc.subarray<'abstract' | 'figureLegends'>(['abstract', 'figureLegends']);

  it('never throws, and every range lies inside the text', () => {
    fc.assert(
      fc.property(text, dialect, scopes, (t, d, separateScopes) => {
        for (const f of checkAcronyms(t, d, known, { separateScopes, ignored: [] })) {
          assert.ok(f.start >= 0 && f.start <= f.end && f.end <= t.length, `${f.code} ${f.start}-${f.end} in ${t.length}`);
          assert.ok(f.message.length > 0);
        }
        for (const def of findAcronymDefinitions(t, d)) {
          assert.ok(def.start >= 0 && def.start <= def.acronymStart && def.acronymStart < def.end && def.end <= t.length);
        }
        for (const scope of ['main', ...separateScopes] as const) {
          const edit = expandAtFirstUse(t, d, 'TME', 'tumour microenvironment', scope, separateScopes);
          if (edit) assert.ok(edit.start >= 0 && edit.start < edit.end && edit.end <= t.length);
        }
      }),
      { numRuns: 400 },
    );
  });
});
