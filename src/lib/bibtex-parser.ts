// The Better BibTeX parser as a module of its own (see esbuild.mjs: lazily loaded libraries).
export * from '@retorquere/bibtex-parser';
