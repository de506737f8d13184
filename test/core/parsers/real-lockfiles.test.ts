// SPDX-License-Identifier: Apache-2.0
// The real lockfiles under test/fixtures/lockfiles/real, checked against the counts their
// SOURCE.md files give (computed upstream as the top-level SOURCE.md describes), and every
// record located on the line that declares it.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { parserFor } from '../../../server/src/core/parsers';
import { readFixture } from './helpers';
import type { PackageRecord, ParsedFile } from '../../../server/src/core/types';

function parseReal(...parts: string[]): { parsed: ParsedFile; lines: string[] } {
  const text = readFixture('lockfiles', 'real', ...parts);
  const path = parts.join('/');
  const parser = parserFor(path, text);
  assert.ok(parser, `no parser for ${path}`);
  return { parsed: parser.parse(text, path), lines: text.split('\n') };
}

function count(records: PackageRecord[], keep: (record: PackageRecord) => boolean): number {
  return records.filter(keep).length;
}

// The text each record's range covers, so the test can check it names the record.
function locatedText(parsed: ParsedFile, lines: string[], record: PackageRecord): string {
  const range = parsed.locate(record);
  assert.equal(range.start.line, range.end.line);
  return lines[range.start.line].slice(range.start.character, range.end.character);
}

const npmRows = [
  { name: 'insomnia', want: { entries: 1829, installed: 1819, unique: 1614, dev: 1062, links: 5 } },
  {
    name: 'sigstore-js',
    want: { entries: 1062, installed: 1034, unique: 852, dev: 796, links: 14 },
  },
];

for (const row of npmRows) {
  test(`real npm lockfile ${row.name}: counts from SOURCE.md`, () => {
    const { parsed, lines } = parseReal('npm', row.name, 'package-lock.json');
    const records = parsed.packages;
    const installed = records.filter((r) => r.key.includes('node_modules/') && r.source !== 'link');
    const unique = new Set(
      installed.map((r) => `${r.key.split('node_modules/').pop()}@${r.version}`),
    );
    assert.deepEqual(
      {
        format: parsed.format,
        problems: parsed.problems,
        entries: records.length,
        installed: installed.length,
        unique: unique.size,
        dev: count(records, (r) => r.dev === true),
        links: count(records, (r) => r.source === 'link'),
        misplaced: count(records, (r) => locatedText(parsed, lines, r) !== JSON.stringify(r.key)),
      },
      { ...row.want, format: 'package-lock', problems: [], misplaced: 0 },
    );
  });
}

test('real yarn v1 lockfile excalidraw: counts from SOURCE.md', () => {
  const { parsed, lines } = parseReal('yarn-v1', 'excalidraw', 'yarn.lock');
  const records = parsed.packages;
  let specifiers = 0;
  const unique = new Set<string>();
  for (const record of records) {
    const headers = locatedText(parsed, lines, record).split(', ');
    specifiers += headers.length;
    // SOURCE.md counts header names; records name the real package behind `npm:` aliases.
    unique.add(`${headers[0].replace(/^"/, '').replace(/(.)@.*$/, '$1')}@${record.version}`);
  }
  assert.deepEqual(
    {
      format: parsed.format,
      problems: parsed.problems,
      entries: records.length,
      specifiers,
      unique: unique.size,
      direct: count(records, (r) => r.direct),
    },
    // Limit pin: without roots from package.json, yarn v1 records are never direct.
    {
      format: 'yarn-lock-v1',
      problems: [],
      entries: 1444,
      specifiers: 1752,
      unique: 1444,
      direct: 0,
    },
  );
});

test('real yarn berry lockfile babel: counts from SOURCE.md', () => {
  const { parsed, lines } = parseReal('yarn-berry', 'babel', 'yarn.lock');
  const records = parsed.packages;
  const soft = (r: PackageRecord): boolean => r.source === 'workspace' || r.source === 'link';
  const header = (r: PackageRecord): string => JSON.stringify(r.key).slice(1, -1);
  assert.deepEqual(
    {
      format: parsed.format,
      problems: parsed.problems,
      entries: records.length,
      hard: count(records, (r) => !soft(r)),
      soft: count(records, soft),
      workspaces: count(records, (r) => r.source === 'workspace'),
      misplaced: count(records, (r) => !locatedText(parsed, lines, r).includes(header(r))),
    },
    {
      format: 'yarn-lock-berry',
      problems: [],
      entries: 1749,
      hard: 1582,
      soft: 167,
      workspaces: 163,
      misplaced: 0,
    },
  );
});

// SOURCE.md also gives 85 importers and 880 snapshots: those are the entries with a non-empty
// value (the file has 279 importer and 1406 snapshot keys). Records are the `packages` entries.
test('real pnpm lockfile vite: counts from SOURCE.md', () => {
  const { parsed, lines } = parseReal('pnpm', 'vite', 'pnpm-lock.yaml');
  const records = parsed.packages;
  assert.deepEqual(
    {
      format: parsed.format,
      problems: parsed.problems,
      entries: records.length,
      misplaced: count(records, (r) => !locatedText(parsed, lines, r).includes(r.key)),
    },
    { format: 'pnpm-lock', problems: [], entries: 1405, misplaced: 0 },
  );
});
