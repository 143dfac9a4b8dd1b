// markdown-it as a module of its own (see esbuild.mjs: lazily loaded libraries).
import markdownIt from 'markdown-it';
export default markdownIt;
