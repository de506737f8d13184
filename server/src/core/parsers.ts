// SPDX-License-Identifier: Apache-2.0
// The explicit list of manifest and lockfile parsers. A format is supported when it is listed
// here; nothing registers itself by being imported.
import type { FileParser } from './types';

export const parsers: FileParser[] = [];

/** The parser for `path`, or undefined when sscs does not read that file. */
export function parserFor(path: string, text?: string): FileParser | undefined {
  return parsers.find((parser) => parser.matches(path, text));
}
