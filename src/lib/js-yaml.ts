// js-yaml as a module of its own (see esbuild.mjs: lazily loaded libraries).
export * from 'js-yaml';
