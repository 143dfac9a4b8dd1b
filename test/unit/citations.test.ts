import * as assert from 'node:assert/strict';
import { CitationFormatter, UnknownKeyError } from '../../src/core/citations/citationFormatter';
import { CitationService } from '../../src/core/citations/citationService';
import { citationSyntaxOf, latexCitation, pandocCitation } from '../../src/core/citations/citationSyntax';
import { authorYearLabel, searchText } from '../../src/core/citations/referenceLabel';
import { knowledgeBase, mediaCslSource, readJson } from './helpers';

const refs = () => knowledgeBase().references;

describe('citation syntax', () => {
  it('uses Pandoc in Markdown, Quarto and R Markdown, \\cite in LaTeX, formatted text elsewhere', () => {
    assert.equal(citationSyntaxOf('markdown'), 'pandoc');
    assert.equal(citationSyntaxOf('quarto'), 'pandoc');
    assert.equal(citationSyntaxOf('rmd'), 'pandoc');
    assert.equal(citationSyntaxOf('latex'), 'latex');
    assert.equal(citationSyntaxOf('plaintext'), 'formatted');
  });

  it('writes Pandoc clusters, bracing keys Pandoc would misread', () => {
    assert.equal(pandocCitation(['assaraf2023']), '[@assaraf2023]');
    assert.equal(pandocCitation(['assaraf2023', 'mao2021']), '[@assaraf2023; @mao2021]');
    assert.equal(pandocCitation(['key.', 'a b']), '[@{key.}; @{a b}]');
  });

  it('writes LaTeX citations with the configured command', () => {
    assert.equal(latexCitation(['assaraf2023', 'mao2021']), '\\cite{assaraf2023,mao2021}');
    assert.equal(latexCitation(['mao2021'], 'parencite'), '\\parencite{mao2021}');
  });
});

describe('reference labels', () => {
  it('names references the way writers do', () => {
    const kb = knowledgeBase();
    assert.equal(authorYearLabel(kb.reference('assaraf2023')!), 'Assaraf et al. 2023');
    assert.equal(authorYearLabel(kb.reference('almutairi2025')!), 'Al-Mutairi 2025');
    assert.match(searchText(kb.reference('baylin2021')!), /Jänne PA.*2021.*Epigenetic mechanisms.*Nature Reviews Cancer.*Nat Rev Cancer/);
  });
});

describe('CitationFormatter (citeproc-js with the bundled CSL styles)', () => {
  it('formats Vancouver: numbered in citation order, initials without periods, abbreviated journal', async () => {
    const f = await CitationFormatter.create(mediaCslSource, 'vancouver', refs());
    assert.equal(f.citationFormat, 'numeric');
    assert.equal(f.formatCitation(['assaraf2023', 'mao2021']), '(1,2)');
    assert.deepEqual(f.formatBibliography(['assaraf2023', 'baylin2021']), [
      '1. Assaraf YG, Bouchard G, Wang S. Drug efflux transporters in multidrug resistance: Mechanisms and therapeutic strategies. Drug Resist Updat. 2023;67:100910.',
      '2. Baylin SB, Herman JG, Jänne PA. Epigenetic mechanisms of chemoresistance in cancer. Nat Rev Cancer. 2021;21:764–77.',
    ]);
  });

  it('renders Pandoc prefixes, locators, suffixes, suppressed and in-text authors through citeproc-js', async () => {
    const apa = await CitationFormatter.create(mediaCslSource, 'apa', refs());
    assert.equal(
      apa.formatCiteItems([
        { id: 'assaraf2023', prefix: 'see ', locator: '33-35', label: 'page', suffix: ', for a review' },
        { id: 'mao2021', locator: '2', label: 'chapter' },
      ]),
      '(see Assaraf et al., 2023, pp. 33–35, for a review; Mao et al., 2021, Chapter 2)',
    );
    assert.equal(apa.formatCiteItems([{ id: 'mao2021', suppressAuthor: true }]), '(2021)');
    assert.equal(apa.formatCiteItems([{ id: 'assaraf2023', authorInText: true, locator: '30', label: 'page' }]), 'Assaraf et al. (2023, p. 30)');
    assert.equal(
      apa.formatCiteItems([{ id: 'assaraf2023', authorInText: true, locator: '30', label: 'page' }, { id: 'mao2021', prefix: 'see also ' }]),
      'Assaraf et al. (2023, p. 30; see also Mao et al., 2021)',
    );
    // A numeric style prints no author in its citations: the names come from the item.
    const vancouver = await CitationFormatter.create(mediaCslSource, 'vancouver', refs());
    assert.equal(vancouver.formatCiteItems([{ id: 'mao2021', authorInText: true }], ['assaraf2023', 'mao2021']), 'Mao et al. (2)');
  });

  it('formats APA 7: author-date citations, alphabetical bibliography, full journal titles, DOI as URL', async () => {
    const f = await CitationFormatter.create(mediaCslSource, 'apa', refs());
    assert.equal(f.formatCitation(['mao2021', 'assaraf2023']), '(Assaraf et al., 2023; Mao et al., 2021)');
    const bib = f.formatBibliography(['mao2021', 'almutairi2025']);
    assert.deepEqual(bib, [
      'Al-Mutairi, F. A. (2025). Mechanisms of Cancer Drug Resistance and Overcoming Them. J Biomed Pharm Sci, 8, 557. https://doi.org/10.37421/2952-8100.2025.8.557',
      'Mao, X., Chen, J., & Chen, J. (2021). The Tumor Microenvironment and Its Role in Mediating Drug Resistance. Cells, 10, 222.',
    ]);
  });

  it('formats AMA, Nature, Harvard and Chicago according to their rules', async () => {
    const ama = await CitationFormatter.create(mediaCslSource, 'american-medical-association', refs());
    assert.equal(ama.formatBibliography(['helleday2022'])[0], '1. Helleday T, Scaglione G, Pellegrino A. The Role of DNA Repair Pathways in Mediating Chemoresistance. Cancer Res. 2022;82:541-556.');
    const nature = await CitationFormatter.create(mediaCslSource, 'nature', refs());
    assert.equal(nature.formatBibliography(['helleday2022'])[0], '1. Helleday, T., Scaglione, G. & Pellegrino, A. The Role of DNA Repair Pathways in Mediating Chemoresistance. Cancer Res 82, 541–556 (2022).');
    const harvard = await CitationFormatter.create(mediaCslSource, 'harvard-cite-them-right', refs());
    assert.equal(harvard.formatCitation(['levine2021']), '(Levine, Kimmelman and White, 2021)');
    const chicago = await CitationFormatter.create(mediaCslSource, 'chicago-author-date', refs());
    assert.equal(chicago.formatCitation(['galluzzi2022']), '(Galluzzi, Chakrabarti, and Vergnes 2022)');
  });

  it('formats every bundled style', async () => {
    const { styles } = readJson<{ styles: Array<{ id: string; format: string }> }>('data/citation-styles.json');
    for (const style of styles) {
      const f = await CitationFormatter.create(mediaCslSource, style.id, refs());
      assert.equal(f.citationFormat, style.format, style.id);
      const [entry] = f.formatBibliography(['marusyk2021']);
      assert.match(entry, /Marusyk/, style.id);
      assert.match(entry, /2021/, style.id);
      assert.ok(f.formatCitation(['marusyk2021']).length > 0, style.id);
    }
  });

  it('produces HTML output with the markup escaped', async () => {
    const f = await CitationFormatter.create(mediaCslSource, 'nature', refs(), 'html');
    assert.match(f.formatBibliography(['galluzzi2022'])[0], /<div class="csl-entry">.*<i>Cancer Cell<\/i>/s);
  });

  it('refuses unknown keys and files that are not CSL styles', async () => {
    const f = await CitationFormatter.create(mediaCslSource, 'vancouver', refs());
    assert.throws(() => f.formatCitation(['nope2020']), (e: unknown) => e instanceof UnknownKeyError && /nope2020/.test(e.message));
    await assert.rejects(CitationFormatter.create({ ...mediaCslSource, readStyle: async () => '<html></html>' }, 'x', refs()), /not a CSL style/);
  });
});

describe('CitationService', () => {
  it('creates one engine per style on first use and retries a style that failed', async () => {
    let reads = 0;
    let broken = true;
    const service = new CitationService(
      {
        readStyle: async (id) => {
          reads++;
          if (broken) throw new Error('missing');
          return mediaCslSource.readStyle(id);
        },
        readLocale: mediaCslSource.readLocale,
      },
      refs,
    );
    await assert.rejects(service.formatter('vancouver'), /missing/);
    broken = false;
    const a = await service.formatter('vancouver');
    const b = await service.formatter('vancouver');
    assert.equal(a, b);
    assert.equal(reads, 2);
  });
});

describe('numbering against the document', () => {
  it('numbers a numeric citation by the document\'s order of first citation', async () => {
    const f = await CitationFormatter.create(mediaCslSource, 'vancouver', refs());
    assert.equal(f.formatCitation(['mao2021'], ['assaraf2023', 'baylin2021', 'mao2021']), '(3)');
    assert.equal(f.formatCitation(['assaraf2023', 'mao2021'], ['assaraf2023', 'baylin2021', 'mao2021']), '(1,3)');
  });
});
