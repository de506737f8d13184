// SPDX-License-Identifier: Apache-2.0
// Guards shared by the manifest and lockfile parsers: input size and file naming in messages.
import { ParseError } from '../errors';

/** 64 MiB; a lockfile this large is generated garbage or an attack, not a project. */
export const MAX_INPUT_CHARS = 64 * 1024 * 1024;

/** Last path segment, for one-sentence messages that name the file. */
export function baseName(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut === -1 ? path : path.slice(cut + 1);
}

/** Rejects inputs above MAX_INPUT_CHARS before any parser allocates for them. */
export function checkInputSize(text: string, path: string): void {
  if (text.length <= MAX_INPUT_CHARS) return;
  throw new ParseError(
    path,
    `${baseName(path)} is too large to analyze: ${text.length} characters, the limit is 64 MiB`,
    undefined,
    'INPUT_TOO_LARGE',
  );
}

/** Plain-object check that also narrows for indexing. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** String-valued entries of a `name: spec` map; other values are skipped. */
export function stringEntries(value: unknown): Array<[string, string]> {
  if (!isObject(value)) return [];
  const out: Array<[string, string]> = [];
  for (const key of Object.keys(value)) {
    const spec = value[key];
    if (typeof spec === 'string') out.push([key, spec]);
  }
  return out;
}
