/**
 * Expands one written form of a concept into every spelling the matcher should accept:
 * plurals of the last word, Greek letters spelled out or not, and acronyms without their hyphen.
 */

const GREEK: ReadonlyArray<readonly [string, string]> = [
  ['α', 'alpha'],
  ['β', 'beta'],
  ['γ', 'gamma'],
  ['δ', 'delta'],
  ['ε', 'epsilon'],
  ['κ', 'kappa'],
  ['λ', 'lambda'],
];

/**
 * A word is acronym-like, and so matched with its exact case, when it has two capitals or a
 * capital after its first character: "BCRP", "mTOR", "PI3K", "CAFs". "Akt" or "Autophagy" are not.
 */
export function isAcronymLikeWord(word: string): boolean {
  let capitals = 0;
  for (let i = 0; i < word.length; i++) {
    const ch = word[i];
    if (ch !== ch.toLowerCase() && ch === ch.toUpperCase()) {
      capitals++;
      if (i > 0 || capitals > 1) return true;
    }
  }
  return false;
}

function pluralOfWord(word: string, acronym: boolean): string | undefined {
  const last = word[word.length - 1];
  if (!last || !/\p{L}/u.test(last)) return undefined;
  if (acronym) return last === 's' ? undefined : `${word}s`;
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(word)) return `${word}es`;
  return `${word}s`;
}

/** The plural of a form: its last word pluralised ("efflux pumps", "PARP inhibitors", "CAFs"). */
export function pluralOf(form: string): string | undefined {
  const m = /^(.*?)([^\s\-‐‑‒–—/]+)$/u.exec(form);
  if (!m) return undefined;
  const plural = pluralOfWord(m[2], isAcronymLikeWord(m[2]));
  return plural === undefined ? undefined : m[1] + plural;
}

function greekVariants(form: string): string[] {
  let results = [form];
  for (const [letter, name] of GREEK) {
    const next: string[] = [];
    for (const f of results) {
      next.push(f);
      if (f.includes(letter)) {
        next.push(f.split(letter).join(name));
        // LaTeX writes "NF-$\kappa$B"; a spelling cannot start with "$", so only inside a form.
        if (f.indexOf(letter) > 0) next.push(f.split(letter).join(`$\\${name}$`));
        // "HIF-1α" is also written "HIF-1 alpha"; "NF-κB" also "NF-kappa B".
        next.push(f.replace(new RegExp(`(?<=[\\p{L}\\p{N}])${letter}|${letter}(?=[\\p{L}\\p{N}])`, 'gu'), (m, offset: number) => {
          const before = offset > 0 && /[\p{L}\p{N}]/u.test(f[offset - 1]) ? ' ' : '';
          const after = /[\p{L}\p{N}]/u.test(f[offset + m.length] ?? '') ? ' ' : '';
          return before + name + after;
        }));
      }
      const spelled = new RegExp(`(?<![\\p{L}])${name}(?![a-z])`, 'giu');
      if (spelled.test(f)) next.push(f.replace(spelled, letter));
    }
    results = next;
  }
  return results;
}

/**
 * "P-gp" is also written "Pgp", "PD-L1" "PDL1", "5-FU" "5FU": a one-word form with a capital or a
 * digit is accepted without its hyphens.
 */
function hyphenlessVariant(form: string): string | undefined {
  if (!form.includes('-') || /\s/.test(form) || !/[\p{Lu}\p{N}]/u.test(form)) return undefined;
  const joined = form.replace(/-/g, '');
  return joined.length >= 3 ? joined : undefined;
}

/** Every spelling of a form the matcher accepts, the form itself first, without duplicates. */
export function formVariants(form: string): string[] {
  const out = new Set<string>();
  for (const base of [form, hyphenlessVariant(form)]) {
    if (base === undefined) continue;
    for (const g of greekVariants(base)) {
      out.add(g);
      const plural = pluralOf(g);
      if (plural !== undefined) out.add(plural);
    }
  }
  return [...out];
}
