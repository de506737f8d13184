// SPDX-License-Identifier: Apache-2.0
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { parseYarnLock, yarnLockV1Parser } from '../../../server/src/core/lockfiles/yarn-lock';
import { readFixture, SHA, SHA2, span, testParseErrors, testParserRows, views } from './helpers';
import type { ParseErrorRow, ParserRow, RecordView } from './helpers';

const YARN = 'https://registry.yarnpkg.com';

const LEFT_PAD: RecordView[] = [
  {
    ecosystem: 'npm',
    name: 'left-pad',
    version: '1.3.0',
    exact: true,
    purl: 'pkg:npm/left-pad@1.3.0',
    source: 'registry',
    direct: false,
    key: '4',
    resolved: `${YARN}/left-pad/-/left-pad-1.3.0.tgz`,
    integrity: 'sha512-XI5MPzVNApjAyhQz==',
    range: span(4, 0, 15),
    introducedBy: [],
  },
];

// Limit pin: without roots, no v1 record is direct and none names an introducer.
const MANY: RecordView[] = [
  {
    ecosystem: 'npm',
    name: '@babel/code-frame',
    version: '7.22.13',
    exact: true,
    purl: 'pkg:npm/%40babel/code-frame@7.22.13',
    source: 'registry',
    direct: false,
    key: '4',
    resolved: `${YARN}/@babel/code-frame/-/code-frame-7.22.13.tgz`,
    integrity: 'sha512-XktuhWlJ5g+3TJXc==',
    range: span(4, 0, 55),
    introducedBy: [],
  },
  {
    ecosystem: 'npm',
    name: 'js-tokens',
    version: '4.0.0',
    exact: true,
    purl: 'pkg:npm/js-tokens@4.0.0',
    source: 'registry',
    direct: false,
    key: '11',
    resolved: `${YARN}/js-tokens/-/js-tokens-4.0.0.tgz#${SHA}`,
    integrity: `sha1:${SHA}`,
    range: span(11, 0, 16),
    introducedBy: [],
  },
  {
    ecosystem: 'npm',
    name: 'left-pad',
    version: '1.3.0',
    exact: true,
    purl: 'pkg:npm/left-pad@1.3.0',
    source: 'registry',
    direct: false,
    key: '15',
    resolved: `${YARN}/left-pad/-/left-pad-1.3.0.tgz`,
    integrity: 'sha512-XI5MPzVNApjAyhQz==',
    range: span(15, 0, 14),
    introducedBy: [],
  },
  {
    ecosystem: 'npm',
    name: 'local-lib',
    version: '0.1.0',
    exact: true,
    purl: 'pkg:npm/local-lib@0.1.0',
    source: 'file',
    direct: false,
    key: '20',
    range: span(20, 0, 29),
    introducedBy: [],
  },
  {
    ecosystem: 'npm',
    name: 'my-fork',
    version: '2.0.0',
    exact: true,
    purl: 'pkg:npm/my-fork@2.0.0',
    source: 'tarball',
    direct: false,
    key: '23',
    resolved: `https://codeload.github.com/acme/my-fork/tar.gz/${SHA}`,
    range: span(23, 0, 29),
    introducedBy: [],
  },
  {
    ecosystem: 'npm',
    name: 'other-fork',
    version: '3.0.0',
    exact: true,
    purl: 'pkg:npm/other-fork@3.0.0',
    source: 'git',
    direct: false,
    key: '27',
    resolved: `git+https://github.com/acme/other-fork.git#${SHA2}`,
    range: span(27, 0, 55),
    introducedBy: [],
  },
  {
    ecosystem: 'npm',
    name: 'string-width',
    version: '4.2.3',
    exact: true,
    purl: 'pkg:npm/string-width@4.2.3',
    source: 'registry',
    direct: false,
    key: '31',
    resolved: `${YARN}/string-width/-/string-width-4.2.3.tgz`,
    integrity: 'sha512-wKyQRQpjJ0sIp62E==',
    range: span(31, 0, 42),
    introducedBy: [],
  },
];

const rows: ParserRow[] = [
  { name: 'empty lockfile', fixture: 'empty.lock', want: { records: [], problems: [] } },
  { name: 'one package', fixture: 'one-package.lock', want: { records: LEFT_PAD, problems: [] } },
  {
    name: 'CRLF line endings keep positions',
    fixture: 'crlf-one-package.lock',
    want: { records: LEFT_PAD, problems: [] },
  },
  {
    name: 'many: shared headers, sha1 fragments, file, GitHub, git and npm: aliases',
    fixture: 'many.lock',
    want: { records: MANY, problems: [] },
  },
  {
    name: 'a block without a version becomes an unscanned problem',
    fixture: 'missing-version.lock',
    want: {
      problems: [
        {
          code: 'unscanned',
          message: 'Entry left-pad@^1.3.0 has no version, so it was not checked.',
          range: span(4, 0, 15),
        },
      ],
      records: [
        {
          ecosystem: 'npm',
          name: 'right-pad',
          version: '1.0.1',
          exact: true,
          purl: 'pkg:npm/right-pad@1.0.1',
          source: 'registry',
          direct: false,
          key: '7',
          resolved: `${YARN}/right-pad/-/right-pad-1.0.1.tgz`,
          range: span(7, 0, 16),
          introducedBy: [],
        },
      ],
    },
  },
];

testParserRows('yarn-lock-v1', yarnLockV1Parser, ['lockfiles', 'yarn-v1'], rows);

test('yarn-lock-v1: roots from package.json make records direct and name introducers', () => {
  const text = readFixture('lockfiles', 'yarn-v1', 'many.lock');
  const roots = [
    { name: '@babel/code-frame', spec: '^7.10.4' },
    { name: 'string-width-cjs', spec: 'npm:string-width@^4.2.0' },
    { name: 'other-fork' },
  ];
  const parsed = parseYarnLock(text, 'yarn.lock', { roots });
  assert.deepEqual(
    views(parsed).map(({ name, direct, introducedBy }) => ({ name, direct, introducedBy })),
    [
      { name: '@babel/code-frame', direct: true, introducedBy: [] },
      { name: 'js-tokens', direct: false, introducedBy: ['@babel/code-frame'] },
      { name: 'left-pad', direct: false, introducedBy: ['string-width-cjs'] },
      { name: 'local-lib', direct: false, introducedBy: [] },
      { name: 'my-fork', direct: false, introducedBy: [] },
      { name: 'other-fork', direct: true, introducedBy: [] },
      { name: 'string-width', direct: true, introducedBy: [] },
    ],
  );
});

const errorRows: ParseErrorRow[] = [
  {
    name: 'truncated inside a string',
    fixture: 'truncated.lock',
    message: 'yarn.lock is not a valid yarn lockfile: unterminated string at line 7, column 12',
  },
  {
    name: 'JSON named yarn.lock',
    fixture: 'not-a-lockfile.lock',
    message:
      "yarn.lock is not a valid yarn lockfile: expected a header ending in ':' at line 1, column 1",
  },
];

testParseErrors(
  'yarn-lock-v1',
  yarnLockV1Parser,
  ['lockfiles', 'yarn-v1'],
  '/repo/yarn.lock',
  errorRows,
);

test('yarn-lock-v1: matches yarn.lock unless the text is a berry lockfile', () => {
  const berry = readFixture('lockfiles', 'yarn-berry', 'empty.lock');
  const classic = readFixture('lockfiles', 'yarn-v1', 'one-package.lock');
  assert.deepEqual(
    [
      yarnLockV1Parser.matches('a/yarn.lock'),
      yarnLockV1Parser.matches('a/yarn.lock', classic),
      yarnLockV1Parser.matches('a/yarn.lock', berry),
      yarnLockV1Parser.matches('a/package-lock.json'),
    ],
    [true, true, false, false],
  );
});
