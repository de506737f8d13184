// SPDX-License-Identifier: Apache-2.0
// Shared by the npm-family parser tests: fixture reading and a whole-record view that adds
// what the lazy lookups return, so one deepStrictEqual covers a record end to end.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { stripBom } from '../../../server/src/core/text';
import type { PackageRecord, ParsedFile, TextRange } from '../../../server/src/core/types';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures');

/** Fixture text as the analyzer hands it to a parser: BOM stripped, line endings kept. */
export function readFixture(...parts: string[]): string {
  return stripBom(readFileSync(join(FIXTURES, ...parts), 'utf8'));
}

export type RecordView = PackageRecord & { range: TextRange; introducedBy: string[] };

export function viewOf(parsed: ParsedFile, record: PackageRecord): RecordView {
  return { ...record, range: parsed.locate(record), introducedBy: parsed.introducedBy(record) };
}

export function views(parsed: ParsedFile): RecordView[] {
  return parsed.packages.map((record) => viewOf(parsed, record));
}

/** Zero-based range on one line. */
export function span(line: number, start: number, end: number): TextRange {
  return { start: { line, character: start }, end: { line, character: end } };
}
