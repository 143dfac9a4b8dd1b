/** A half-open range of UTF-16 offsets [start, end) in a text. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}
