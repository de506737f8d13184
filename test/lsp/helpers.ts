// SPDX-License-Identifier: Apache-2.0
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const EXAMPLE = resolve(__dirname, '../../examples/npm-demo');

/** A private copy of the npm demo, so tests may edit its files. */
export function copyExample(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sscs-lsp-'));
  cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}

export function fileUri(path: string): string {
  return `file://${path}`;
}

export function read(path: string): string {
  return readFileSync(path, 'utf8');
}

/** Zero-based range of the first occurrence of `needle` in `text`. */
export function rangeOf(text: string, needle: string, from = 0) {
  const offset = text.indexOf(needle, from);
  if (offset < 0) throw new Error(`${needle} not found`);
  const before = text.slice(0, offset).split('\n');
  const line = before.length - 1;
  const character = before[before.length - 1].length;
  return { start: { line, character }, end: { line, character: character + needle.length } };
}
