/**
 * RIS records mapped to CSL-JSON, after the RIS specification's tags and the conventions of
 * Zotero's and Citation.js's RIS translators.
 */
import type { CslDate, CslItem, CslName } from '../model';

/** Tag -> values in file order ("AU" may appear many times). */
export type RisTags = ReadonlyMap<string, readonly string[]>;

const CSL_TYPE: Readonly<Record<string, string>> = {
  JOUR: 'article-journal',
  JFULL: 'article-journal',
  EJOUR: 'article-journal',
  ABST: 'article-journal',
  INPR: 'article-journal',
  MGZN: 'article-magazine',
  NEWS: 'article-newspaper',
  BOOK: 'book',
  EBOOK: 'book',
  EDBOOK: 'book',
  SER: 'book',
  CTLG: 'book',
  CHAP: 'chapter',
  ECHAP: 'chapter',
  CONF: 'paper-conference',
  CPAPER: 'paper-conference',
  THES: 'thesis',
  RPRT: 'report',
  GOVDOC: 'report',
  ELEC: 'webpage',
  WEB: 'webpage',
  BLOG: 'post-weblog',
  UNPB: 'manuscript',
  MANSCPT: 'manuscript',
  PAT: 'patent',
  DATA: 'dataset',
  DBASE: 'dataset',
  COMP: 'software',
  STAND: 'standard',
  MAP: 'map',
  ENCYC: 'entry-encyclopedia',
  DICT: 'entry-dictionary',
  CASE: 'legal_case',
  STAT: 'legislation',
  BILL: 'bill',
  HEAR: 'hearing',
  PCOMM: 'personal_communication',
  SOUND: 'song',
  MUSIC: 'musical_score',
  VIDEO: 'motion_picture',
  MPCT: 'motion_picture',
  FIGURE: 'figure',
  ART: 'graphic',
  PAMP: 'pamphlet',
};

/** Types whose SN is an ISBN; for the others it is an ISSN. */
const BOOK_TYPES = new Set(['book', 'chapter', 'report', 'thesis', 'entry-encyclopedia', 'entry-dictionary', 'paper-conference']);

/** CSL variable <- RIS tags, first present wins. */
const TEXT_TAGS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['title', ['TI', 'T1', 'CT']],
  ['title-short', ['ST']],
  ['container-title', ['T2', 'JF', 'JO', 'BT']],
  ['container-title-short', ['J2', 'JA', 'J1']],
  ['collection-title', ['T3']],
  ['volume', ['VL']],
  ['issue', ['IS']],
  ['number-of-volumes', ['NV']],
  ['edition', ['ET']],
  ['publisher', ['PB']],
  ['publisher-place', ['CY', 'PP']],
  ['abstract', ['AB', 'N2']],
  ['note', ['N1']],
  ['URL', ['UR']],
  ['language', ['LA']],
  ['medium', ['M3']],
  ['call-number', ['CN']],
  ['section', ['SE']],
  ['source', ['DP', 'DB']],
];

const NAME_TAGS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['author', ['AU', 'A1']],
  ['editor', ['A2', 'ED']],
  ['collection-editor', ['A3']],
  ['translator', ['A4', 'TA']],
];

function values(tags: RisTags, names: readonly string[]): string[] {
  return names.flatMap((name) => tags.get(name) ?? []).filter((v) => v !== '');
}

/** "Last, First" or "Last, First, Suffix"; a name without a comma is kept whole. */
function cslName(value: string): CslName {
  const [family, given, suffix] = value.split(',').map((part) => part.trim());
  if (given === undefined) return { literal: family };
  return { family, ...(given ? { given } : {}), ...(suffix ? { suffix } : {}) };
}

/** RIS dates: "2019", "2019/03/05/", "2019/03//Spring", "2019-03-05". */
function cslDate(value: string): CslDate | undefined {
  const m = /^\s*(\d{4})(?:[/-](\d{1,2})?(?:[/-](\d{1,2})?)?)?/.exec(value);
  if (!m) return value.trim() ? { literal: value.trim() } : undefined;
  const parts = [Number(m[1])];
  if (m[2] && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    parts.push(Number(m[2]));
    if (m[3] && Number(m[3]) >= 1 && Number(m[3]) <= 31) parts.push(Number(m[3]));
  }
  return { 'date-parts': [parts] };
}

/** The CSL-JSON item of one record; `id` is left for the caller to set. */
export function risRecordToCsl(tags: RisTags): CslItem {
  const type = CSL_TYPE[(tags.get('TY')?.[0] ?? '').toUpperCase()] ?? 'document';
  const item: Record<string, unknown> = { id: '', type };
  for (const [variable, names] of NAME_TAGS) {
    const list = values(tags, names);
    if (list.length > 0) item[variable] = list.map(cslName);
  }
  for (const [variable, names] of TEXT_TAGS) {
    const [first] = values(tags, names);
    if (first) item[variable] = first;
  }
  const date = [...values(tags, ['DA']), ...values(tags, ['PY', 'Y1'])].map(cslDate).find((d) => d?.['date-parts']);
  const anyDate = date ?? values(tags, ['PY', 'Y1', 'DA']).map(cslDate).find(Boolean);
  if (anyDate) item.issued = anyDate;
  const [start] = values(tags, ['SP']);
  const [end] = values(tags, ['EP']);
  if (start) item.page = (end && end !== start ? `${start}-${end}` : start).replace(/\s*[-‐‑‒–—]+\s*/g, '-');
  const [doi] = values(tags, ['DO']);
  if (doi) item.DOI = doi.replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, '');
  const [serial] = values(tags, ['SN']);
  if (serial) item[BOOK_TYPES.has(type) ? 'ISBN' : 'ISSN'] = serial;
  const keywords = values(tags, ['KW']);
  if (keywords.length > 0) item.keyword = keywords.join(', ');
  return item as CslItem;
}
