// citation-js with the plugins Resistance Atlas uses, as one module: the plugins register
// themselves into this copy of @citation-js/core, so core and plugins must be bundled together.
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
export * from '@citation-js/core';
