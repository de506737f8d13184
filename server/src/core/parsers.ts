// SPDX-License-Identifier: Apache-2.0
// The explicit list of manifest and lockfile parsers. A format is supported when it is listed
// here; nothing registers itself by being imported.
import { npmLockParser } from './lockfiles/npm-lock';
import { pnpmLockParser } from './lockfiles/pnpm-lock';
import { yarnLockBerryParser, yarnLockV1Parser } from './lockfiles/yarn-lock';
import { packageJsonParser } from './manifests/package-json';
import type { FileParser } from './types';

export const parsers: FileParser[] = [
  packageJsonParser,
  npmLockParser,
  // Both read yarn.lock; the berry parser first, since each peeks at the text to decide.
  yarnLockBerryParser,
  yarnLockV1Parser,
  pnpmLockParser,
];

/** The parser for `path`, or undefined when sscs does not read that file. */
export function parserFor(path: string, text?: string): FileParser | undefined {
  return parsers.find((parser) => parser.matches(path, text));
}
