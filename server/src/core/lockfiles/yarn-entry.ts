// SPDX-License-Identifier: Apache-2.0
// The shape both yarn lockfile readers (classic v1 and berry) reduce their blocks to.
import { EMPTY_RANGE } from '../text';
import type { LineIndex } from '../text';
import type { PackageSource, TextRange } from '../types';

/** One lockfile block: the descriptors it answers and the package they resolve to. */
export interface YarnEntry {
  /** Record key: the header line number (v1) or the header text (berry). */
  key: string;
  /** `name@range` descriptors from the block header. */
  descriptors: string[];
  name: string;
  version: string;
  source: PackageSource;
  resolved?: string;
  integrity?: string;
  /** Berry `conditions` (os/cpu): installed on some platforms only. */
  platformSpecific?: boolean;
  /** `[name, range]` pairs this package depends on (regular and optional). */
  dependencies: Array<[string, string]>;
  /** A berry workspace: the lockfile's own record of a project and its dependencies. */
  isWorkspace: boolean;
}

export interface YarnProblem {
  key: string;
  message: string;
}

export interface YarnDocument {
  entries: YarnEntry[];
  problems: YarnProblem[];
  /** Dependency names whose packages run build scripts (berry `dependenciesMeta.built`). */
  builtDescriptors: Set<string>;
  /** Range of the block header named by `key`, without its trailing colon. */
  locateKey(key: string): TextRange;
}

/** Range of the header on `line` without its trailing colon. */
export function headerRange(lines: LineIndex, line: number): TextRange {
  if (!Number.isInteger(line) || line < 0) return EMPTY_RANGE;
  const range = lines.lineRange(line);
  const end = Math.max(0, range.end.character - 1);
  return { start: range.start, end: { line: range.end.line, character: end } };
}
