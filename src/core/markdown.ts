/**
 * Escapes text from data or from the workspace so that Markdown renders it literally: inline
 * markup everywhere, and block markers (lists, headings, quotes) where a line starts.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]<>&~|]/g, (ch) => (ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '&' ? '&amp;' : `\\${ch}`))
    .replace(/^(\s*)([-+#=]|\d+[.)])/gm, (_m, space: string, marker: string) => `${space}${marker.replace(/[-+#=.)]/, (c) => `\\${c}`)}`);
}

/** A Markdown link that runs `command` with `args`; only for this extension's own commands. */
export function commandLink(label: string, command: string, args: unknown[]): string {
  return `[${escapeMarkdown(label)}](command:${command}?${encodeURIComponent(JSON.stringify(args))})`;
}
