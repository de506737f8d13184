// SPDX-License-Identifier: Apache-2.0
// Shared by the npm-family parser tests: fixture reading and a whole-record view that adds
// what the lazy lookups return, so one deepStrictEqual covers a record end to end.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { ParseError } from '../../../server/src/core/errors';
import { stripBom } from '../../../server/src/core/text';
import type { ParseErrorCode } from '../../../server/src/core/errors';
import type {
  FileParser,
  FileProblem,
  PackageRecord,
  ParsedFile,
  TextRange,
} from '../../../server/src/core/types';

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

/** Two distinct 40-hex commit ids for git fixtures. */
export const SHA = '0123456789abcdef'.repeat(2) + '01234567';
export const SHA2 = '89abcdef' + '0123456789abcdef'.repeat(2);

/** One fixture and the whole result its parser must return. */
export interface ParserRow {
  name: string;
  fixture: string;
  want: { records: RecordView[]; problems: FileProblem[] };
}

/** One `test` per row: format, kind, problems and every record with its range, compared whole. */
export function testParserRows(
  label: string,
  parser: FileParser,
  folder: string[],
  rows: ParserRow[],
): void {
  for (const row of rows) {
    test(`${label}: ${row.name}`, () => {
      const parsed = parser.parse(readFixture(...folder, row.fixture), row.fixture);
      const { format, kind, problems } = parsed;
      assert.deepEqual(
        { format, kind, problems, records: views(parsed) },
        { format: parser.format, kind: parser.kind, ...row.want },
      );
    });
  }
}

/** A fixture the parser must refuse as a whole. */
export interface ParseErrorRow {
  name: string;
  fixture: string;
  message: string;
  /** Defaults to PARSE_ERROR. */
  code?: ParseErrorCode;
}

/**
 * One `test` per row: parsing as `path` throws ParseError with that code, message and path.
 * `quick` also requires the refusal within a second (alias bombs must not be expanded).
 */
export function testParseErrors(
  label: string,
  parser: FileParser,
  folder: string[],
  path: string,
  rows: ParseErrorRow[],
  options: { quick?: boolean } = {},
): void {
  for (const row of rows) {
    test(`${label}: ${row.name} throws ParseError`, () => {
      const text = readFixture(...folder, row.fixture);
      const started = performance.now();
      assert.throws(
        () => parser.parse(text, path),
        (err: unknown) => {
          assert.ok(err instanceof ParseError);
          assert.deepEqual(
            { code: err.code, message: err.message, path: err.path },
            { code: row.code ?? 'PARSE_ERROR', message: row.message, path },
          );
          return true;
        },
      );
      if (options.quick) assert.ok(performance.now() - started < 1000, 'rejected quickly');
    });
  }
}
