// citeproc-js as a module of its own (see esbuild.mjs: lazily loaded libraries).
import CSL from 'citeproc';
export default CSL;
