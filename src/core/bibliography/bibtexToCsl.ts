/**
 * BibTeX/BibLaTeX entries, as @retorquere/bibtex-parser returns them (LaTeX already decoded to
 * Unicode), mapped to CSL-JSON.
 *
 * @citation-js/plugin-bibtex has such a mapping, but only behind its own input format, which
 * decodes the values as LaTeX again ("50% of" would lose its tail, "~" would become a space), and
 * its internal mapping expects its own parsed value shapes. So the mapping is a table here; the
 * type table follows citation-js's biblatexTypes.json.
 */
import type { Creator, Entry } from '@retorquere/bibtex-parser';
import type { CslDate, CslName } from '../model';

const CSL_TYPE: Readonly<Record<string, string>> = {
  article: 'article-journal',
  book: 'book',
  mvbook: 'book',
  bookinbook: 'book',
  booklet: 'pamphlet',
  collection: 'book',
  mvcollection: 'book',
  proceedings: 'book',
  mvproceedings: 'book',
  reference: 'book',
  mvreference: 'book',
  periodical: 'periodical',
  inbook: 'chapter',
  incollection: 'chapter',
  suppbook: 'chapter',
  suppcollection: 'chapter',
  inreference: 'entry-encyclopedia',
  inproceedings: 'paper-conference',
  conference: 'paper-conference',
  thesis: 'thesis',
  phdthesis: 'thesis',
  mastersthesis: 'thesis',
  report: 'report',
  techreport: 'report',
  manual: 'report',
  online: 'webpage',
  electronic: 'webpage',
  www: 'webpage',
  unpublished: 'manuscript',
  misc: 'document',
  dataset: 'dataset',
  software: 'software',
  patent: 'patent',
  standard: 'standard',
  review: 'review',
  letter: 'personal_communication',
  artwork: 'graphic',
  image: 'figure',
  audio: 'song',
  video: 'motion_picture',
  movie: 'motion_picture',
  music: 'musical_score',
  legislation: 'legislation',
  jurisdiction: 'legal_case',
};

/** Thesis kinds BibTeX encodes in the entry type; CSL puts them in `genre`. */
const GENRE_OF_TYPE: Readonly<Record<string, string>> = {
  phdthesis: 'PhD thesis',
  mastersthesis: "Master's thesis",
  techreport: 'Technical report',
};

/** Fields copied as text: BibTeX/BibLaTeX field(s), first present wins -> CSL variable. */
const TEXT_FIELDS: ReadonlyArray<readonly [readonly string[], string]> = [
  [['journaltitle', 'journal', 'booktitle', 'maintitle'], 'container-title'],
  [['shortjournal', 'journalabbreviation'], 'container-title-short'],
  [['shorttitle'], 'title-short'],
  [['series'], 'collection-title'],
  [['volume'], 'volume'],
  [['volumes'], 'number-of-volumes'],
  [['pagetotal'], 'number-of-pages'],
  [['chapter'], 'chapter-number'],
  [['edition'], 'edition'],
  [['version'], 'version'],
  [['url'], 'URL'],
  [['pmid'], 'PMID'],
  [['pmcid'], 'PMCID'],
  [['isbn'], 'ISBN'],
  [['issn'], 'ISSN'],
  [['abstract'], 'abstract'],
  [['note'], 'note'],
  [['eventtitle'], 'event-title'],
  [['venue'], 'event-place'],
  [['howpublished'], 'medium'],
];

/** Fields holding lists ("A and B"), joined with "; " -> CSL variable. */
const LIST_FIELDS: ReadonlyArray<readonly [readonly string[], string]> = [
  [['publisher', 'school', 'institution', 'organization'], 'publisher'],
  [['location', 'address'], 'publisher-place'],
];

const NAME_FIELDS: ReadonlyArray<readonly [string, string]> = [
  ['author', 'author'],
  ['editor', 'editor'],
  ['translator', 'translator'],
  ['bookauthor', 'container-author'],
];

const DATE_FIELDS: ReadonlyArray<readonly [string, string]> = [
  ['urldate', 'accessed'],
  ['origdate', 'original-date'],
  ['eventdate', 'event-date'],
];

/** `eprinttype` values whose `eprint` is a PubMed or PubMed Central id. */
const EPRINT_ID: Readonly<Record<string, string>> = { pubmed: 'PMID', pmid: 'PMID', pmc: 'PMCID', pmcid: 'PMCID' };

type Fields = Entry['fields'];

/**
 * Decoded text in composed form. "{\\'\\i}" decodes to a dotless i with a combining accent, which
 * has no composed form: it is written with a plain i so that "García" compares and sorts as typed.
 */
function clean(value: string): string {
  return value.replace(/ı(?=[\u0300-\u036f])/g, 'i').replace(/ȷ(?=[\u0300-\u036f])/g, 'j').normalize('NFC').trim();
}

function text(fields: Fields, name: string): string | undefined {
  const value = (fields as Record<string, unknown>)[name];
  if (typeof value === 'string') return clean(value) || undefined;
  if (Array.isArray(value)) return clean(value.filter((v) => typeof v === 'string').join('; ')) || undefined;
  return undefined;
}

function cslName(creator: Creator): CslName {
  if (creator.name !== undefined) return { literal: clean(creator.name) };
  const name: { -readonly [K in keyof CslName]: CslName[K] } = {};
  if (creator.lastName) name.family = clean(creator.lastName);
  if (creator.firstName) name.given = clean(creator.firstName);
  if (creator.prefix) name['non-dropping-particle'] = clean(creator.prefix);
  if (creator.suffix) name.suffix = clean(creator.suffix);
  return name;
}

/** An EDTF-like BibLaTeX date ("2021-03-15", "2021-03/2022-01", "2021/"): its start as date-parts. */
export function dateParts(value: string): number[] | undefined {
  const m = /^\s*(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?=$|[/T\s~?])/.exec(value);
  if (!m) return undefined;
  const parts = [Number(m[1])];
  if (m[2] !== undefined && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    parts.push(Number(m[2]));
    if (m[3] !== undefined && Number(m[3]) >= 1 && Number(m[3]) <= 31) parts.push(Number(m[3]));
  }
  return parts;
}

function cslDate(value: string): CslDate {
  const parts = dateParts(value);
  return parts ? { 'date-parts': [parts] } : { literal: value };
}

function issued(fields: Fields): CslDate | undefined {
  const date = text(fields, 'date');
  if (date) return cslDate(date);
  const year = text(fields, 'year');
  if (!year) return undefined;
  const parts = /^\d{1,4}$/.test(year) ? [Number(year)] : undefined;
  if (!parts) return { literal: year };
  const month = Number(text(fields, 'month'));
  if (Number.isInteger(month) && month >= 1 && month <= 12) {
    parts.push(month);
    const day = Number(text(fields, 'day'));
    if (Number.isInteger(day) && day >= 1 && day <= 31) parts.push(day);
  }
  return { 'date-parts': [parts] };
}

/** "764--777" arrives as "764–777"; CSL wants a hyphen between page numbers. */
function page(value: string): string {
  return value.replace(/\s*[-‐‑‒–—]+\s*/g, '-');
}

function doi(value: string): string {
  return value.replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, '');
}

/** The CSL-JSON item for one parsed entry; `id` is the citation key. */
export function bibtexEntryToCsl(entry: Entry, id: string): { id: string; type: string; [field: string]: unknown } {
  const fields = entry.fields;
  const type = entry.type.toLowerCase();
  let cslType = CSL_TYPE[type] ?? 'document';
  const subtype = text(fields, 'entrysubtype');
  if (cslType === 'article-journal' && (subtype === 'magazine' || subtype === 'newspaper')) cslType = `article-${subtype}`;
  const item: { id: string; type: string; [field: string]: unknown } = { id, type: cslType };

  const title = text(fields, 'title');
  if (title) {
    const subtitle = text(fields, 'subtitle');
    const addon = text(fields, 'titleaddon');
    item.title = `${title}${subtitle ? `: ${subtitle}` : ''}${addon ? `. ${addon}` : ''}`;
  }
  for (const [field, variable] of NAME_FIELDS) {
    const creators = fields[field as keyof Fields];
    if (Array.isArray(creators) && creators.length > 0 && typeof creators[0] === 'object') {
      item[variable] = (creators as Creator[]).map(cslName);
    }
  }
  for (const [names, variable] of [...TEXT_FIELDS, ...LIST_FIELDS]) {
    for (const name of names) {
      const value = text(fields, name);
      if (value) {
        item[variable] = value;
        break;
      }
    }
  }
  const number = text(fields, 'number') ?? text(fields, 'issue');
  if (number) item[cslType === 'report' || cslType === 'patent' ? 'number' : 'issue'] = number;
  const pages = text(fields, 'pages');
  if (pages) item.page = page(pages);
  const date = issued(fields);
  if (date) item.issued = date;
  for (const [field, variable] of DATE_FIELDS) {
    const value = text(fields, field);
    if (value) item[variable] = cslDate(value);
  }
  const doiValue = text(fields, 'doi');
  if (doiValue) item.DOI = doi(doiValue);
  const eprint = text(fields, 'eprint');
  const eprintVariable = EPRINT_ID[(text(fields, 'eprinttype') ?? text(fields, 'archiveprefix') ?? '').toLowerCase()];
  if (eprint && eprintVariable && !item[eprintVariable]) item[eprintVariable] = eprint;
  const genre = text(fields, 'type') ?? GENRE_OF_TYPE[type];
  if (genre) item.genre = genre;
  const keywords = fields.keywords;
  if (Array.isArray(keywords) && keywords.length > 0) item.keyword = keywords.join(', ');
  return item;
}
