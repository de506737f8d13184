// SPDX-License-Identifier: Apache-2.0
// Positions of the keys of a pnpm lockfile's `packages` section. js-yaml keeps no positions,
// and pnpm writes each package key on its own line, two spaces in, so one line scan on the
// first lookup finds them all.
import type { KeySpan } from './json-text';

/** Spans of the `packages:` keys as written, quotes included; a later section wins. */
export function indexPnpmPackageKeys(text: string): Map<string, KeySpan> {
  const spans = new Map<string, KeySpan>();
  let inPackages = false;
  let offset = 0;
  while (offset <= text.length) {
    let end = text.indexOf('\n', offset);
    if (end === -1) end = text.length;
    const row = text.slice(offset, end).replace(/\r$/, '');
    if (row !== '' && row[0] !== ' ' && row[0] !== '#') {
      inPackages = row === 'packages:';
    } else if (inPackages && row.startsWith('  ') && row[2] !== ' ' && row[2] !== '#') {
      const key = readKey(row, 2);
      if (key !== undefined) spans.set(key.text, { offset: offset + 2, length: key.length });
    }
    offset = end + 1;
  }
  return spans;
}

// A YAML mapping key: single-quoted ('' escapes a quote), double-quoted, or plain up to `:`.
function readKey(row: string, start: number): { text: string; length: number } | undefined {
  const quote = row[start];
  if (quote === "'") {
    let at = start + 1;
    for (;;) {
      at = row.indexOf("'", at);
      if (at === -1) return undefined;
      if (row[at + 1] !== "'") break;
      at += 2;
    }
    const text = row.slice(start + 1, at).replace(/''/g, "'");
    return { text, length: at + 1 - start };
  }
  if (quote === '"') {
    const close = /"(?:[^"\\]|\\.)*"/.exec(row.slice(start));
    if (close === null || close.index !== 0) return undefined;
    const value: unknown = safeJson(close[0]);
    return typeof value === 'string' ? { text: value, length: close[0].length } : undefined;
  }
  // A plain key ends at `: ` or a final `:`; `file:` inside it is part of the key.
  let colon = row.indexOf(': ', start);
  if (colon === -1 && row.endsWith(':')) colon = row.length - 1;
  if (colon === -1) return undefined;
  return { text: row.slice(start, colon), length: colon - start };
}

function safeJson(quoted: string): unknown {
  try {
    return JSON.parse(quoted);
  } catch (err) {
    // YAML escapes JSON does not know: the key is not located (empty range).
    if (err instanceof SyntaxError) return undefined;
    throw err;
  }
}
