// SPDX-License-Identifier: Apache-2.0
// Offset to line/character conversion. Line starts are computed once per text, on first use,
// so files without findings never pay for it.
import type { TextPosition, TextRange } from './types';

export class LineIndex {
  private starts: number[] | undefined;

  constructor(readonly text: string) {}

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    let at = this.text.indexOf('\n');
    while (at !== -1) {
      starts.push(at + 1);
      at = this.text.indexOf('\n', at + 1);
    }
    this.starts = starts;
    return starts;
  }

  positionAt(offset: number): TextPosition {
    const starts = this.lineStarts();
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - starts[low] };
  }

  rangeAt(offset: number, length: number): TextRange {
    return { start: this.positionAt(offset), end: this.positionAt(offset + length) };
  }

  /** Range of line `line` without its line break. */
  lineRange(line: number): TextRange {
    const starts = this.lineStarts();
    const start = starts[Math.min(line, starts.length - 1)] ?? 0;
    let end = this.text.indexOf('\n', start);
    if (end === -1) end = this.text.length;
    if (end > start && this.text[end - 1] === '\r') end -= 1;
    return { start: { line, character: 0 }, end: { line, character: end - start } };
  }
}

/** Removes a UTF-8 byte order mark; editors do not count it as a character. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export const EMPTY_RANGE: TextRange = {
  start: { line: 0, character: 0 },
  end: { line: 0, character: 0 },
};
