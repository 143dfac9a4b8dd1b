import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { addToClusterAt, citationContextAt, findCitedKeys, type CitedKey } from '../../src/core/citations/citationScanner';
import type { ManuscriptDialect } from '../../src/core/terms/excludedRanges';
import { withCursor } from './helpers';

/** Each key with the text of its citation, as "key <- citation". */
function cited(text: string, dialect: ManuscriptDialect): string[] {
  return findCitedKeys(text, dialect).map((k) => `${k.key} <- ${text.slice(k.clusterStart, k.clusterEnd)}`);
}

function keys(text: string, dialect: ManuscriptDialect): string[] {
  return findCitedKeys(text, dialect).map((k) => k.key);
}

function contextAt(marked: string, dialect: ManuscriptDialect) {
  const { text, offset } = withCursor(marked);
  return citationContextAt(text, offset, dialect);
}

/** The text after the insertion, with the cursor marker kept out of it. */
function afterAdding(marked: string, dialect: ManuscriptDialect, add: readonly string[]): string | undefined {
  const { text, offset } = withCursor(marked);
  const ins = addToClusterAt(text, offset, dialect, add);
  return ins === undefined ? undefined : text.slice(0, ins.offset) + ins.text + text.slice(ins.offset);
}

describe('findCitedKeys: Pandoc Markdown', () => {
  it('finds bracketed clusters with prefixes, locators and suppressed authors, and in-text keys', () => {
    const text = [
      'Drug efflux by ABC transporters remains the best-characterised mechanism',
      '[see @assaraf2023, pp. 3-5; also @robey2018, chap. 2]. Cytotoxic agents are pumped out',
      'by P-gp [@gottesman2002; -@szakacs2006], as @mao2021 noted for the stroma, and',
      '-@baylin2021 later extended to epigenetic silencing.',
    ].join('\n');
    assert.deepEqual(cited(text, 'markdown'), [
      'assaraf2023 <- [see @assaraf2023, pp. 3-5; also @robey2018, chap. 2]',
      'robey2018 <- [see @assaraf2023, pp. 3-5; also @robey2018, chap. 2]',
      'gottesman2002 <- [@gottesman2002; -@szakacs2006]',
      'szakacs2006 <- [@gottesman2002; -@szakacs2006]',
      'mao2021 <- @mao2021',
      'baylin2021 <- -@baylin2021',
    ]);
  });

  it('gives the offsets of the key text, without @ or braces', () => {
    const text = 'Persister cells [@sharma2010; @{Shen 2020.}] tolerate EGFR inhibitors.';
    for (const k of findCitedKeys(text, 'markdown')) assert.equal(text.slice(k.start, k.end), k.key);
    assert.deepEqual(keys(text, 'markdown'), ['sharma2010', 'Shen 2020.']);
  });

  it('takes the locator or cluster that follows an in-text key into its citation', () => {
    const text = 'As @mao2021 [p. 222] showed, and @lee2020 [-@kim2019; @park2018] confirmed, @x [p. 2](https://example.org) did not.';
    assert.deepEqual(cited(text, 'markdown'), [
      'mao2021 <- @mao2021 [p. 222]',
      'lee2020 <- @lee2020 [-@kim2019; @park2018]',
      'kim2019 <- @lee2020 [-@kim2019; @park2018]',
      'park2018 <- @lee2020 [-@kim2019; @park2018]',
      'x <- @x',
    ]);
  });

  it('leaves trailing punctuation out of a key, keeps internal punctuation, and reads braced keys whole', () => {
    const text = 'Reviewed by @Foo_bar.baz. Then @Foo_bar--baz, @doi:10.1038/nrc3599; @{Foo_bar.baz.} and @{weird key.} and @http://example.org/x? Also @müller2019: @x.y-z.';
    assert.deepEqual(keys(text, 'markdown'), ['Foo_bar.baz', 'Foo_bar', 'doi:10.1038/nrc3599', 'Foo_bar.baz.', 'weird key.', 'http://example.org/x', 'müller2019', 'x.y-z']);
  });

  it('keeps clusters whose keys look like DOIs or URLs', () => {
    const text = 'Resistance [@10.1038/nrc3599] and [@doi:10.1038/nrc3599; @mao2021] and [@{https://example.org/bib?id=1&y=2000}, p. 33].';
    assert.deepEqual(cited(text, 'markdown'), [
      '10.1038/nrc3599 <- [@10.1038/nrc3599]',
      'doi:10.1038/nrc3599 <- [@doi:10.1038/nrc3599; @mao2021]',
      'mao2021 <- [@doi:10.1038/nrc3599; @mao2021]',
      'https://example.org/bib?id=1&y=2000 <- [@{https://example.org/bib?id=1&y=2000}, p. 33]',
    ]);
  });

  it('does not take e-mail addresses, escaped @ or a lone @ for citations', () => {
    const text = 'Correspondence: j.doe@cancer.example.org, lab_2@uni.example; \\@notakey; @ alone; 50@ once.';
    assert.deepEqual(keys(text, 'markdown'), []);
  });

  it('ignores code spans, fenced code, R chunks, math, URLs, HTML comments and link targets', () => {
    const text = [
      'Run `x@fit` or ``double `@tick` span``. The ABCB1 locus $a@b$ and $$ @displayed $$ matter.',
      '',
      '```r',
      'model@coef  # S4 slot, @notacitation',
      '```',
      '',
      '~~~',
      '@tilde',
      '~~~',
      '',
      'See https://twitter.com/@oncologist and <https://example.org/@handle> and [a link](https://example.org/@user).',
      '<!-- [@draft2024] not yet -->',
      'Kept: [@kept2022].',
    ].join('\n');
    assert.deepEqual(keys(text, 'markdown'), ['kept2022']);
  });

  it('skips Quarto cross-references, alone or inside a cluster', () => {
    const text = 'Survival (@fig-survival, @tbl-trials, @sec-methods, @eq-loglik) matches [@tbl-arms; @mao2021] and @thm-a, @lst-code, @figueroa2020.';
    assert.deepEqual(cited(text, 'markdown'), ['mao2021 <- [@tbl-arms; @mao2021]', 'figueroa2020 <- @figueroa2020']);
  });

  it('follows Pandoc on which brackets are clusters', () => {
    const text = '[p. 3; @a] [see; also @b] [@c; ] [@d;] [see [the trial](https://example.org) and @e] ^[A note citing @f.] [^1]';
    assert.deepEqual(cited(text, 'markdown'), [
      'a <- @a',
      'b <- [see; also @b]',
      'c <- @c',
      'd <- @d',
      'e <- [see [the trial](https://example.org) and @e]',
      'f <- @f',
    ]);
  });

  it('lets a cluster span lines but not paragraphs', () => {
    const text = 'Resistance [@a;\n  @b] arises.\n\n[@c;\n\n@d]';
    assert.deepEqual(cited(text, 'markdown'), ['a <- [@a;\n  @b]', 'b <- [@a;\n  @b]', 'c <- @c', 'd <- @d']);
  });

  it('does not cite example list labels or references to them', () => {
    const text = '(@good) An example of resistance.\n\nAs (@good) shows, @real2020 agrees.';
    assert.deepEqual(keys(text, 'markdown'), ['real2020']);
  });

  it('reads nocite keys in the front matter but not e-mail addresses', () => {
    const text = '---\ntitle: Resistance\nauthor:\n  - name: J. Doe\n    email: jdoe@example.org\nnocite: |\n  @holohan2013, @vasan2019\n---\n\nBody [@mao2021].\n';
    assert.deepEqual(keys(text, 'markdown'), ['holohan2013', 'vasan2019', 'mao2021']);
  });

  it('finds nothing in plain text', () => {
    assert.deepEqual(findCitedKeys('[@mao2021] \\cite{a}', 'plain'), []);
  });
});

describe('findCitedKeys: LaTeX', () => {
  it('reads natbib and biblatex commands, starred forms and optional arguments', () => {
    const text = String.raw`Efflux \cite{assaraf2023}, \citep[see][p.~3]{robey2018,gottesman2002}, \citet*{mao2021},
\citealp{a1} \citeauthor{a2} \citeyear{a3} \parencite[42]{a4} \textcite{a5} \autocite{a6} \footcite{a7}
\smartcite{a8} \supercite{a9} \Textcite{a10} \citep [p.~1] {a11}.`;
    assert.deepEqual(keys(text, 'latex'), ['assaraf2023', 'robey2018', 'gottesman2002', 'mao2021', ...Array.from({ length: 11 }, (_, i) => `a${i + 1}`)]);
    const [first, second] = findCitedKeys(text, 'latex');
    assert.equal(text.slice(first.clusterStart, first.clusterEnd), String.raw`\cite{assaraf2023}`);
    assert.equal(text.slice(second.clusterStart, second.clusterEnd), String.raw`\citep[see][p.~3]{robey2018,gottesman2002}`);
  });

  it('splits keys at commas with spaces, line breaks and comments', () => {
    const text = 'Stroma \\cite{mao2021,\n    baylin2021 , % the epigenetics review\n    holohan2013}.';
    const found = findCitedKeys(text, 'latex');
    assert.deepEqual(found.map((k) => k.key), ['mao2021', 'baylin2021', 'holohan2013']);
    for (const k of found) assert.equal(text.slice(k.start, k.end), k.key);
  });

  it('skips comments, verbatim environments, \\verb and \\nocite{*}, but not \\%', () => {
    const text = String.raw`% \cite{commented}
50\% of tumours \cite{real1} % \cite{trailing}
\begin{verbatim}
\cite{verbatim}
\end{verbatim}
\begin{lstlisting}[language=R]
\cite{listing}
\end{lstlisting}
\verb|\cite{verb}| \nocite{*} \nocite{extra2020}
\newcommand{\mycite}[1]{\cite{#1}}
\\% \cite{afterlinebreak}
\cite{real2}`;
    assert.deepEqual(keys(text, 'latex'), ['real1', 'extra2020', 'real2']);
  });

  it('reads multicite commands as one citation', () => {
    const text = String.raw`\parencites(see)(and others)[p.~1]{mao2021}[][p.~2]{baylin2021} \cites{a}{b} then {not a key}`;
    assert.deepEqual(cited(text, 'latex'), [
      String.raw`mao2021 <- \parencites(see)(and others)[p.~1]{mao2021}[][p.~2]{baylin2021}`,
      String.raw`baylin2021 <- \parencites(see)(and others)[p.~1]{mao2021}[][p.~2]{baylin2021}`,
      String.raw`a <- \cites{a}{b}`,
      String.raw`b <- \cites{a}{b}`,
    ]);
  });

  it('ignores a citation whose braces are never closed, and other commands', () => {
    assert.deepEqual(keys(String.raw`\cite{open, \ref{fig:a} \citation{x} \cite \cite{ok}`, 'latex'), ['ok']);
  });
});

describe('citationContextAt: Pandoc', () => {
  it('offers completion right after @ where a citation can start', () => {
    for (const marked of ['$$CURSOR$$'.replace('', '@'), 'Efflux @$$CURSOR$$', 'Efflux [@$$CURSOR$$', 'Efflux [@a; @$$CURSOR$$]', 'Efflux [-@$$CURSOR$$]', 'Efflux (@$$CURSOR$$', 'line\n@$$CURSOR$$']) {
      const c = contextAt(marked, 'markdown');
      assert.ok(c, marked);
      assert.equal(c.syntax, 'pandoc');
      assert.equal(c.prefix, '');
    }
  });

  it('gives the typed prefix, the whole key to replace and the other keys of the cluster', () => {
    const { text, offset } = withCursor('Efflux [@assaraf2023; see @ro$$CURSOR$$bey2018, p. 3; @assaraf2023; @mao2021] matters.');
    const c = citationContextAt(text, offset, 'markdown')!;
    assert.equal(c.prefix, 'ro');
    assert.equal(text.slice(c.replaceStart, c.replaceEnd), 'robey2018');
    assert.deepEqual(c.keysInCluster, ['assaraf2023', 'mao2021']);
  });

  it('counts the in-text key of "@a [see @b]" in the cluster, and only keys before the cursor of an unclosed one', () => {
    assert.deepEqual(contextAt('@mao2021 [see @$$CURSOR$$]', 'markdown')?.keysInCluster, ['mao2021']);
    assert.deepEqual(contextAt('[@a; @$$CURSOR$$ and later @b', 'markdown')?.keysInCluster, ['a']);
    assert.deepEqual(contextAt('@a and @$$CURSOR$$', 'markdown')?.keysInCluster, []);
  });

  it('keeps trailing punctuation typed so far in the prefix but not in the key to replace after the cursor', () => {
    const { text, offset } = withCursor('See @smith.$$CURSOR$$ Then');
    const c = citationContextAt(text, offset, 'markdown')!;
    assert.equal(c.prefix, 'smith.');
    assert.equal(c.replaceEnd, offset);
  });

  it('completes braced keys', () => {
    const { text, offset } = withCursor('See @{weird ke$$CURSOR$$y.} now');
    const c = citationContextAt(text, offset, 'markdown')!;
    assert.equal(c.prefix, 'weird ke');
    assert.equal(text.slice(c.replaceStart, c.replaceEnd), 'weird key.');
    assert.equal(contextAt('See @{done}$$CURSOR$$', 'markdown'), undefined);
  });

  it('offers nothing in e-mails, code, math, URLs, after a letter or symbol, or for cross-references', () => {
    for (const marked of [
      'Write to jdoe@$$CURSOR$$',
      'Write to jdoe@exam$$CURSOR$$',
      'Run `obj@$$CURSOR$$`',
      '```\n@$$CURSOR$$\n```',
      'The $x @$$CURSOR$$ y$ term',
      'See https://twitter.com/@$$CURSOR$$',
      'Cost:@$$CURSOR$$',
      'word-@$$CURSOR$$',
      'See @fig-$$CURSOR$$',
      'See [@tbl-surv$$CURSOR$$]',
      'See @.$$CURSOR$$',
      'No at sign $$CURSOR$$here',
    ]) {
      assert.equal(contextAt(marked, 'markdown'), undefined, marked);
    }
    assert.equal(contextAt('See @fig$$CURSOR$$', 'markdown')?.prefix, 'fig', 'a key may start with "fig"');
  });
});

describe('citationContextAt: LaTeX', () => {
  it('offers completion after {, after a comma, and within a key, across lines', () => {
    assert.deepEqual(contextAt('Efflux \\cite{$$CURSOR$$}', 'latex'), { syntax: 'latex', prefix: '', replaceStart: 13, replaceEnd: 13, keysInCluster: [] });
    assert.deepEqual(contextAt('\\citep[see][p.~3]{mao2021, $$CURSOR$$}', 'latex')?.keysInCluster, ['mao2021']);
    assert.deepEqual(contextAt('\\cite{mao2021,\n  baylin2021,\n  $$CURSOR$$', 'latex')?.keysInCluster, ['mao2021', 'baylin2021']);
    const { text, offset } = withCursor('\\parencite{mao2021,ba$$CURSOR$$ylin2021,holohan2013} text');
    const c = citationContextAt(text, offset, 'latex')!;
    assert.equal(c.prefix, 'ba');
    assert.equal(text.slice(c.replaceStart, c.replaceEnd), 'baylin2021');
    assert.deepEqual(c.keysInCluster, ['mao2021', 'holohan2013']);
  });

  it('offers completion in each group of a multicite and while the braces are still open', () => {
    assert.deepEqual(contextAt('\\textcites[p.~1]{mao2021}{bay$$CURSOR$$}', 'latex')?.keysInCluster, ['mao2021']);
    assert.equal(contextAt('\\cite{mao2021, b$$CURSOR$$', 'latex')?.prefix, 'b');
    assert.equal(contextAt('\\cite{a, $$CURSOR$$ \\ref{x}', 'latex')?.prefix, '');
  });

  it('offers nothing outside the key braces, in comments or verbatim', () => {
    for (const marked of [
      '\\cite[$$CURSOR$$]{a}',
      '\\cite{a}$$CURSOR$$',
      '\\ref{$$CURSOR$$}',
      '% \\cite{$$CURSOR$$}',
      '\\cite{a, % $$CURSOR$$\n b}',
      '\\begin{verbatim}\n\\cite{$$CURSOR$$}\n\\end{verbatim}',
      '\\cite{a}\n\n{$$CURSOR$$}',
    ]) {
      assert.equal(contextAt(marked, 'latex'), undefined, marked);
    }
    assert.equal(contextAt('@$$CURSOR$$', 'plain'), undefined);
  });
});

describe('addToClusterAt', () => {
  it('adds Pandoc keys with the right separators wherever the cursor is in the cluster', () => {
    assert.equal(afterAdding('Efflux [@a; $$CURSOR$$].', 'markdown', ['b']), 'Efflux [@a; @b].');
    assert.equal(afterAdding('Efflux [@a$$CURSOR$$].', 'markdown', ['b']), 'Efflux [@a; @b].');
    assert.equal(afterAdding('Efflux [@a;$$CURSOR$$].', 'markdown', ['b']), 'Efflux [@a; @b].');
    assert.equal(afterAdding('Efflux [$$CURSOR$$@a].', 'markdown', ['b']), 'Efflux [@b; @a].');
    assert.equal(afterAdding('Efflux [@a; $$CURSOR$$@c].', 'markdown', ['b']), 'Efflux [@a; @b; @c].');
    assert.equal(afterAdding('Efflux [@as$$CURSOR$$saraf2023; @c].', 'markdown', ['b']), 'Efflux [@assaraf2023; @b; @c].');
    assert.equal(afterAdding('Efflux [see @a, p. 3$$CURSOR$$].', 'markdown', ['b', 'c']), 'Efflux [see @a, p. 3; @b; @c].');
    assert.equal(afterAdding('Efflux [@a; @$$CURSOR$$].', 'markdown', ['b']), 'Efflux [@a; @b].');
    assert.equal(afterAdding('As @mao2021 [p. 3$$CURSOR$$] showed', 'markdown', ['b']), 'As @mao2021 [p. 3; @b] showed');
  });

  it('braces Pandoc keys that need it and never adds a key twice', () => {
    assert.equal(afterAdding('[@a$$CURSOR$$]', 'markdown', ['a', 'b', 'weird key.', 'b']), '[@a; @b; @{weird key.}]');
    assert.deepEqual(addToClusterAt(...withCursorArgs('[@a; @b$$CURSOR$$]'), 'markdown', ['b', 'a']), { offset: 7, text: '' });
  });

  it('adds LaTeX keys', () => {
    assert.equal(afterAdding('\\cite{a,$$CURSOR$$}', 'latex', ['b']), '\\cite{a,b}');
    assert.equal(afterAdding('\\cite{a$$CURSOR$$}', 'latex', ['b']), '\\cite{a,b}');
    assert.equal(afterAdding('\\cite{$$CURSOR$$a}', 'latex', ['b']), '\\cite{b,a}');
    assert.equal(afterAdding('\\citep[p.~3]{ma$$CURSOR$$o2021, lee2020}', 'latex', ['b', 'c']), '\\citep[p.~3]{mao2021,b,c, lee2020}');
    assert.equal(afterAdding('\\cite{a,\n  $$CURSOR$$c}', 'latex', ['b', 'a']), '\\cite{a,\n  b,c}');
    assert.equal(afterAdding('\\cites{a}{b$$CURSOR$$}', 'latex', ['a', 'c']), '\\cites{a}{b,c}');
  });

  it('is undefined outside a cluster', () => {
    for (const [marked, dialect] of [
      ['Efflux $$CURSOR$$matters', 'markdown'],
      ['In-text @a$$CURSOR$$ only', 'markdown'],
      ['[a plain bracket$$CURSOR$$]', 'markdown'],
      ['[@a]$$CURSOR$$', 'markdown'],
      ['[@fig-a$$CURSOR$$]', 'markdown'],
      ['`[@a$$CURSOR$$]`', 'markdown'],
      ['\\cite{a}$$CURSOR$$', 'latex'],
      ['\\cite[p.~3$$CURSOR$$]{a}', 'latex'],
      ['% \\cite{a$$CURSOR$$}', 'latex'],
      ['[@a$$CURSOR$$]', 'plain'],
    ] as const) {
      assert.equal(addToClusterAt(...withCursorArgs(marked), dialect, ['b']), undefined, marked);
    }
  });
});

function withCursorArgs(marked: string): [string, number] {
  const { text, offset } = withCursor(marked);
  return [text, offset];
}

const PANDOC_PIECES = ['[', ']', ';', '@', '-@', '@{', '}', 'mao2021', 'fig-a', '.', ',', ' ', '\n', '\n\n', '`', '```', '$', '$$', 'https://x.org/', 'a@b.org', '\\', 'p. 3', '^', '(', ')', 'é', '😀', '<!--', '-->', '](', '---\n'];
const LATEX_PIECES = ['\\cite', '\\citep', '\\cites', '\\nocite', '{', '}', '[', ']', '(', ')', ',', ' ', '\n', '\n\n', '%', '\\%', 'mao2021', '*', 'p.~3', '\\begin{verbatim}', '\\end{verbatim}', '\\verb|', '|', '#1', '\\\\', 'é'];

describe('citation scanning on random text', () => {
  for (const [dialect, pieces] of [['markdown', PANDOC_PIECES], ['latex', LATEX_PIECES]] as const) {
    it(`never throws, and every key lies in the text at its offsets (${dialect})`, () => {
      const textArb = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((a) => a.join(''));
      fc.assert(
        fc.property(textArb, (text) => {
          const found: CitedKey[] = findCitedKeys(text, dialect);
          let previous = -1;
          for (const k of found) {
            assert.ok(k.start >= 0 && k.start <= k.end && k.end <= text.length);
            assert.ok(k.clusterStart >= 0 && k.clusterStart <= k.start && k.end <= k.clusterEnd && k.clusterEnd <= text.length);
            assert.ok(k.start > previous, 'in order');
            previous = k.start;
            assert.equal(text.slice(k.start, k.end), k.key);
            assert.ok(k.key.length > 0);
          }
          for (let offset = 0; offset <= text.length; offset++) {
            const c = citationContextAt(text, offset, dialect);
            if (c !== undefined) {
              assert.ok(c.replaceStart <= offset && offset <= c.replaceEnd && c.replaceEnd <= text.length);
              assert.equal(text.slice(c.replaceStart, offset), c.prefix);
            }
            const ins = addToClusterAt(text, offset, dialect, ['new2024']);
            if (ins !== undefined) assert.ok(ins.offset >= 0 && ins.offset <= text.length);
          }
        }),
        { numRuns: 500 },
      );
    });
  }

  it('finds exactly the keys of a generated manuscript', () => {
    const keyArb = fc.stringMatching(/^[a-z][a-z0-9]{0,6}(?:[:.\-/][a-z0-9]{1,4})?$/).filter((k) => !/^(?:fig|tbl|sec|eq|lst|thm|lem|cor|prp|cnj|def|exm|exr)-/.test(k));
    fc.assert(
      fc.property(fc.array(fc.array(keyArb, { minLength: 1, maxLength: 4 }), { maxLength: 8 }), (clusters) => {
        const md = clusters.map((c, i) => `Sentence ${i} on resistance [${c.map((k) => `@${k}`).join('; ')}].`).join(' ');
        assert.deepEqual(keys(md, 'markdown'), clusters.flat());
        const tex = clusters.map((c, i) => `Sentence ${i} on resistance \\cite{${c.join(',\n ')}}.`).join(' ');
        assert.deepEqual(keys(tex, 'latex'), clusters.flat());
      }),
      { numRuns: 300 },
    );
  });
});

describe('addToClusterAt on generated clusters', () => {
  it('adds the key to the cluster wherever the cursor is inside it, breaking no key', () => {
    const keyArb = fc.stringMatching(/^[a-z][a-z0-9]{0,6}(?:[:.\-/][a-z0-9]{1,4})?$/).filter((k) => !/^(?:fig|tbl|sec|eq|lst|thm|lem|cor|prp|cnj|def|exm|exr)-/.test(k) && k !== 'new2024');
    const dialectArb = fc.constantFrom<'markdown' | 'latex'>('markdown', 'latex');
    fc.assert(
      fc.property(fc.array(keyArb, { minLength: 1, maxLength: 4 }), fc.constantFrom('; ', ';', ';\n  ', ' ; '), fc.constantFrom('', 'see '), fc.constantFrom('', ', p. 3'), fc.nat(), dialectArb, (ks, sep, pre, post, n, dialect) => {
        const cluster = dialect === 'markdown' ? `[${pre}${ks.map((k) => `@${k}`).join(sep)}${post}]` : `\\citep[see][p.~3]{${ks.join(sep.replace(';', ','))}}`;
        const text = `Resistance ${cluster} arises.`;
        const open = text.indexOf(dialect === 'markdown' ? '[' : '{');
        const close = text.lastIndexOf(dialect === 'markdown' ? ']' : '}');
        const offset = open + 1 + (n % (close - open));
        const ins = addToClusterAt(text, offset, dialect, ['new2024']);
        assert.ok(ins, `${text} at ${offset}`);
        const after = text.slice(0, ins.offset) + ins.text + text.slice(ins.offset);
        const found = findCitedKeys(after, dialect);
        assert.deepEqual(found.map((k) => k.key).filter((k) => k !== 'new2024'), ks, after);
        assert.ok(found.some((k) => k.key === 'new2024'), after);
        assert.equal(new Set(found.map((k) => k.clusterStart)).size, 1, after);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('citation scanning speed (reported, not asserted)', () => {
  /** About 10 MB of prose with 100,000 citations. */
  function manuscript(dialect: ManuscriptDialect): string {
    const prose = 'Acquired resistance to EGFR inhibitors involves MET amplification, `code` and $x_1$ terms, and https://example.org/a links; ';
    const parts: string[] = [];
    for (let i = 0; i < 50_000; i++) {
      const cite = dialect === 'markdown' ? `[see @key${i}, p. 3; @other${i % 97}]` : `\\citep[see][p.~3]{key${i},other${i % 97}}`;
      parts.push(prose.repeat(1), cite, '. ', i % 10 === 9 ? '\n\n' : '\n');
    }
    return parts.join('');
  }

  for (const dialect of ['markdown', 'latex'] as const) {
    it(`scans a 10 MB manuscript with 100,000 citations (${dialect})`, function () {
      this.timeout(60_000);
      let text = manuscript(dialect);
      while (text.length < 10_000_000) text += text.slice(0, 10_000_000 - text.length);
      findCitedKeys(text.slice(0, 100_000), dialect);
      const t0 = performance.now();
      const found = findCitedKeys(text, dialect);
      const ms = performance.now() - t0;
      const typing = text.lastIndexOf(dialect === 'markdown' ? '@' : '{') + 3;
      const t1 = performance.now();
      const context = citationContextAt(text, typing, dialect);
      const contextMs = performance.now() - t1;
      assert.ok(context);
      console.log(`      ${dialect}: ${(text.length / 1e6).toFixed(1)} MB, ${found.length} keys in ${ms.toFixed(0)} ms; citationContextAt in its last key ${contextMs.toFixed(0)} ms`);
      assert.ok(found.length >= 100_000);
    });
  }
});
