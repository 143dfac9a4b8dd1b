// Resistance Atlas makes no network calls. citation-js can fetch remote inputs (DOIs, URLs)
// through node-fetch and sync-fetch; the build replaces both with this module, so that any such
// attempt fails loudly instead of reaching the network.
function refuse(): never {
  throw new Error('Resistance Atlas makes no network calls');
}
export default refuse;
export { refuse as fetch };
/** Named imports citation-js expects next to fetch; constructing one refuses as well. */
export class Headers {
  constructor() {
    refuse();
  }
}
