import { Buffer } from 'node:buffer';
import { useUtf16Copy, type Utf16Copy } from '../core/terms/wasm/scanner';

/**
 * Node's fast UTF-16 copy for the term scanner (see Utf16Copy): Buffer writes a string's code
 * units as they are (lone surrogates too) at memory speed, some seven times faster than
 * TextEncoder's UTF-8 on these machines.
 */
export const nodeUtf16Copy: Utf16Copy = (text, from, to, buffer, byteOffset) => {
  Buffer.from(buffer, byteOffset, (to - from) * 2).write(from === 0 && to === text.length ? text : text.slice(from, to), 0, 'utf16le');
};

/** Called once by each Node entry point (extension host, CLI, bench). */
export function installNodeTextCopy(): void {
  useUtf16Copy(nodeUtf16Copy);
}
