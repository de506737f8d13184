// SPDX-License-Identifier: Apache-2.0
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { yarnLockBerryParser } from '../../../server/src/core/lockfiles/yarn-lock';
import { readFixture, SHA, span, testParseErrors, testParserRows } from './helpers';
import type { ParseErrorRow, ParserRow, RecordView } from './helpers';

const PATCHED =
  'resolve@patch:resolve@npm%3A1.22.8#optional!builtin<compat/resolve>' +
  '::version=1.22.8&hash=c3c19d';
const HELPER = 'helper@link:../helper::locator=%40acme%2Fapp%40workspace%3Apackages%2Fapp';

const WORKSPACE: RecordView[] = [
  {
    ecosystem: 'npm',
    name: '@acme/app',
    version: '0.0.0-use.local',
    exact: true,
    purl: 'pkg:npm/%40acme/app@0.0.0-use.local',
    source: 'workspace',
    direct: true,
    key: '@acme/app@workspace:packages/app',
    resolved: '@acme/app@workspace:packages/app',
    range: span(7, 0, 34),
    introducedBy: [],
  },
  {
    ecosystem: 'npm',
    name: '@acme/util',
    version: '0.0.0-use.local',
    exact: true,
    purl: 'pkg:npm/%40acme/util@0.0.0-use.local',
    source: 'workspace',
    direct: true,
    key: '@acme/util@workspace:^, @acme/util@workspace:packages/util',
    resolved: '@acme/util@workspace:packages/util',
    range: span(21, 0, 60),
    introducedBy: [],
  },
  {
    ecosystem: 'npm',
    name: 'chalk',
    version: '4.1.2',
    exact: true,
    purl: 'pkg:npm/chalk@4.1.2',
    source: 'registry',
    direct: true,
    key: 'chalk@npm:^4.1.0',
    resolved: 'chalk@npm:4.1.2',
    integrity: '10c0/4a3fef5cc34975c8',
    range: span(30, 0, 18),
    introducedBy: [],
  },
  {
    ecosystem: 'npm',
    name: 'esbuild',
    version: '0.20.2',
    exact: true,
    purl: 'pkg:npm/esbuild@0.20.2',
    source: 'registry',
    direct: true,
    key: 'esbuild@npm:^0.20.0',
    resolved: 'esbuild@npm:0.20.2',
    integrity: '10c0/66398f9fb2c65e45',
    hasInstallScript: true,
    range: span(39, 0, 21),
    introducedBy: [],
  },
  {
    ecosystem: 'npm',
    name: 'helper',
    version: '0.0.0-use.local',
    exact: true,
    purl: 'pkg:npm/helper@0.0.0-use.local',
    source: 'link',
    direct: true,
    key: HELPER,
    resolved: HELPER,
    range: span(46, 0, 75),
    introducedBy: [],
  },
  {
    ecosystem: 'npm',
    name: 'monorepo',
    version: '0.0.0-use.local',
    exact: true,
    purl: 'pkg:npm/monorepo@0.0.0-use.local',
    source: 'workspace',
    direct: true,
    key: 'monorepo@workspace:.',
    resolved: 'monorepo@workspace:.',
    range: span(52, 0, 22),
    introducedBy: [],
  },
  {
    ecosystem: 'npm',
    name: 'my-fork',
    version: '2.0.0',
    exact: true,
    purl: 'pkg:npm/my-fork@2.0.0',
    source: 'git',
    direct: true,
    key: `my-fork@https://github.com/acme/my-fork.git#commit=${SHA}`,
    resolved: `my-fork@https://github.com/acme/my-fork.git#commit=${SHA}`,
    integrity: '10c0/9f8e7d6c5b4a3921',
    range: span(60, 0, 93),
    introducedBy: [],
  },
  {
    ecosystem: 'npm',
    name: 'resolve',
    version: '1.22.8',
    exact: true,
    purl: 'pkg:npm/resolve@1.22.8',
    source: 'registry',
    direct: true,
    key: 'resolve@patch:resolve@npm%3A^1.22.0#optional!builtin<compat/resolve>',
    resolved: PATCHED,
    integrity: '10c0/07e179f4375e1fd0',
    range: span(67, 0, 70),
    introducedBy: [],
  },
  {
    ecosystem: 'npm',
    name: 'supports-color',
    version: '7.2.0',
    exact: true,
    purl: 'pkg:npm/supports-color@7.2.0',
    source: 'registry',
    direct: false,
    key: 'supports-color@npm:^7.1.0',
    resolved: 'supports-color@npm:7.2.0',
    integrity: '10c0/afb4c88521b8b136',
    range: span(74, 0, 27),
    introducedBy: ['chalk'],
  },
  {
    ecosystem: 'npm',
    name: 'typescript',
    version: '5.4.5',
    exact: true,
    purl: 'pkg:npm/typescript@5.4.5',
    source: 'registry',
    direct: true,
    key: 'typescript@npm:^5.4.0',
    resolved: 'typescript@npm:5.4.5',
    integrity: '10c0/abcdef0123456789',
    range: span(81, 0, 23),
    introducedBy: [],
  },
];

const rows: ParserRow[] = [
  { name: 'empty lockfile', fixture: 'empty.lock', want: { records: [], problems: [] } },
  {
    name: 'workspaces, links, git, patches, checksums and dependenciesMeta built',
    fixture: 'workspace.lock',
    want: { records: WORKSPACE, problems: [] },
  },
  {
    name: 'CRLF line endings keep positions',
    fixture: 'crlf-workspace.lock',
    want: { records: WORKSPACE, problems: [] },
  },
  {
    name: 'blocks without resolution or version, or not objects, become unscanned problems',
    fixture: 'missing-resolution.lock',
    want: {
      records: [],
      problems: [
        {
          code: 'unscanned',
          message: 'Entry left-pad@npm:^1.3.0 does not name its package, so it was not checked.',
          range: span(7, 0, 21),
        },
        {
          code: 'unscanned',
          message: 'Entry no-version@npm:^1.0.0 has no version, so it was not checked.',
          range: span(13, 0, 23),
        },
        {
          code: 'unscanned',
          message: 'Entry not-object@npm:^1.0.0 is not an object, so it was not checked.',
          range: span(18, 0, 23),
        },
      ],
    },
  },
];

testParserRows('yarn-lock-berry', yarnLockBerryParser, ['lockfiles', 'yarn-berry'], rows);

const errorRows: ParseErrorRow[] = [
  {
    name: 'invalid YAML',
    fixture: 'invalid-yaml.lock',
    message:
      'yarn.lock is not valid YAML: bad indentation of a mapping entry at line 10, column 14',
  },
  {
    name: 'alias bomb',
    fixture: 'alias-bomb.lock',
    message: 'yarn.lock is not a lockfile: it uses more than 200 YAML aliases',
  },
];

testParseErrors(
  'yarn-lock-berry',
  yarnLockBerryParser,
  ['lockfiles', 'yarn-berry'],
  '/repo/yarn.lock',
  errorRows,
  { quick: true },
);

test('yarn-lock-berry: matches yarn.lock whose text starts with __metadata', () => {
  const berry = readFixture('lockfiles', 'yarn-berry', 'empty.lock');
  const classic = readFixture('lockfiles', 'yarn-v1', 'one-package.lock');
  assert.deepEqual(
    [
      yarnLockBerryParser.matches('a/yarn.lock'),
      yarnLockBerryParser.matches('a/yarn.lock', berry),
      yarnLockBerryParser.matches('a/yarn.lock', classic),
      yarnLockBerryParser.matches('a/pnpm-lock.yaml'),
    ],
    [true, true, false, false],
  );
});
