declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown, options?: Record<string, unknown>);
    format(format: string, options?: Record<string, unknown>): unknown;
    data: unknown[];
  }
  export const plugins: { input: { chain(input: unknown, options?: Record<string, unknown>): unknown } };
  export const logger: { level: string };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
