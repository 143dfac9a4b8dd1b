import { lineStarts, positionOf } from '../textPosition';
import type { CslItem } from '../model';
import type { BibliographyProblem } from './parseBibliography';

/** An entry as a format reader finds it, placed by offsets; `parseBibliography` turns offsets into lines. */
export interface FoundEntry {
  readonly key: string;
  readonly item: CslItem;
  /** UTF-16 offset of the entry's first character. */
  readonly offset: number;
  readonly keyOffset: number;
}

/** What one format reader returns. */
export interface FormatResult {
  readonly entries: FoundEntry[];
  readonly problems: BibliographyProblem[];
}

/** The text of one bibliography file, with offset-to-position conversion built on first use. */
export class SourceText {
  private starts: number[] | undefined;

  constructor(readonly text: string) {}

  position(offset: number): { line: number; column: number } {
    this.starts ??= lineStarts(this.text);
    const { line, character } = positionOf(this.starts, Math.max(0, Math.min(offset, this.text.length)));
    return { line, column: character };
  }

  /** Offset of a 0-based line and column (clamped to the text). */
  offsetAt(line: number, column: number): number {
    this.starts ??= lineStarts(this.text);
    if (line >= this.starts.length) return this.text.length;
    return Math.min(this.starts[Math.max(0, line)] + Math.max(0, column), this.text.length);
  }

  /** Offset of the end of the line holding `offset`, before any "\r\n" or "\n". */
  lineEnd(offset: number): number {
    let end = this.text.indexOf('\n', offset);
    if (end < 0) end = this.text.length;
    if (end > offset && this.text[end - 1] === '\r') end--;
    return end;
  }

  /** A problem from `start` to `end`, and at least to the end of the line where it starts. */
  problem(
    code: BibliographyProblem['code'],
    severity: BibliographyProblem['severity'],
    message: string,
    start: number,
    end = start,
  ): BibliographyProblem {
    const from = this.position(start);
    const to = this.position(Math.max(end, this.lineEnd(start)));
    return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column, severity, code, message };
  }
}

/** A value quoted for a message, shortened when long. */
export function quoted(value: string, max = 40): string {
  const oneLine = value.replace(/\s+/g, ' ').trim();
  return JSON.stringify(oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine);
}
