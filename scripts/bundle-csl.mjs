// Copies the bundled CSL styles and locales (data/citation-styles.json) from Debian's packages
// citation-style-language-styles and -locales into media/csl/, with their licence attribution.
// scripts/install-test-hosts.sh installs those packages; CSL_DIR points elsewhere if needed.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cslDir = process.env.CSL_DIR ?? '/usr/share/citation-style-language';
const { styles, locales } = JSON.parse(readFileSync(join(root, 'data/citation-styles.json'), 'utf8'));
const out = join(root, 'media/csl');

if (!existsSync(join(cslDir, 'styles'))) {
  console.error(`bundle-csl: no CSL styles in ${cslDir}. Install them with:\n  sudo apt-get install citation-style-language-styles citation-style-language-locales\n(or run: bash scripts/install-test-hosts.sh), or set CSL_DIR to a checkout of the CSL styles and locales.`);
  process.exit(1);
}
mkdirSync(join(out, 'styles'), { recursive: true });
mkdirSync(join(out, 'locales'), { recursive: true });
for (const { id } of styles) copyFileSync(join(cslDir, 'styles', `${id}.csl`), join(out, 'styles', `${id}.csl`));
for (const lang of locales) copyFileSync(join(cslDir, 'locales', `locales-${lang}.xml`), join(out, 'locales', `locales-${lang}.xml`));

const citeprocLicence = readFileSync(join(root, 'node_modules/citeproc/LICENSE'), 'utf8');
writeFileSync(join(out, 'LICENSES.md'), `# Third-party material bundled in media/csl and dist

## CSL styles and locales
${styles.map((s) => `- styles/${s.id}.csl: ${s.title}`).join('\n')}
${locales.map((l) => `- locales/locales-${l}.xml`).join('\n')}

From the Citation Style Language project (https://citationstyles.org/), repositories
citation-style-language/styles and citation-style-language/locales, as packaged by Debian.
Licensed under the Creative Commons Attribution-ShareAlike 3.0 Unported licence
(https://creativecommons.org/licenses/by-sa/3.0/). Each style file names its authors and
contributors in its <info> block; the files are unmodified.

## citeproc-js
The CSL processor citeproc-js (npm package "citeproc"), bundled into dist/, is dual-licensed under
the Common Public Attribution License 1.0 and the GNU Affero General Public License 1.0.

${citeprocLicence}
`);
console.log(`bundle-csl: ${styles.length} styles and ${locales.length} locales in media/csl`);
