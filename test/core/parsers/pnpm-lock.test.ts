// SPDX-License-Identifier: Apache-2.0
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ParseError } from '../../../server/src/core/errors';
import { pnpmLockParser } from '../../../server/src/core/lockfiles/pnpm-lock';
import { readFixture, span, views } from './helpers';
import type { RecordView } from './helpers';
import type { FileProblem } from '../../../server/src/core/types';

const SHA = '0123456789abcdef'.repeat(2) + '01234567';
const SHA2 = '89abcdef' + '0123456789abcdef'.repeat(2);
const CODELOAD = `https://codeload.github.com/acme/my-fork/tar.gz/${SHA}`;
const OTHER_FORK = `git+https://github.com/acme/other-fork.git#${SHA2}`;

interface Row {
  name: string;
  fixture: string;
  want: { records: RecordView[]; problems: FileProblem[] };
}

const LEFT_PAD: RecordView[] = [
  {
    ecosystem: 'npm',
    name: 'left-pad',
    version: '1.3.0',
    exact: true,
    purl: 'pkg:npm/left-pad@1.3.0',
    source: 'registry',
    direct: true,
    key: 'left-pad@1.3.0',
    integrity: 'sha512-XI5MPzVNApjAyhQz==',
    range: span(16, 2, 16),
    introducedBy: [],
  },
];

const rows: Row[] = [
  { name: 'empty v9 lockfile', fixture: 'empty-v9.yaml', want: { records: [], problems: [] } },
  {
    name: 'a packages section that is not a map is reported, not skipped',
    fixture: 'packages-not-a-map-v9.yaml',
    want: {
      records: [],
      problems: [
        {
          code: 'unscanned',
          message:
            'Section packages is not an object of name and version pairs, so it was not checked.',
          range: span(6, 0, 8),
        },
      ],
    },
  },
  {
    name: 'one package v9',
    fixture: 'one-package-v9.yaml',
    want: { records: LEFT_PAD, problems: [] },
  },
  {
    name: 'CRLF line endings keep positions',
    fixture: 'crlf-one-package-v9.yaml',
    want: { records: LEFT_PAD, problems: [] },
  },
  {
    // Limit pin: v9 records no dev flag, so typescript (a root devDependency) has none.
    name: 'v9 workspace: aliases, links, file, git, tarballs, peer variants, optional snapshots',
    fixture: 'workspace-v9.yaml',
    want: {
      problems: [],
      records: [
        {
          ecosystem: 'npm',
          name: '@esbuild/linux-x64',
          version: '0.20.2',
          exact: true,
          purl: 'pkg:npm/%40esbuild/linux-x64@0.20.2',
          source: 'registry',
          direct: false,
          key: '@esbuild/linux-x64@0.20.2',
          integrity: 'sha512-1MdwI6OOTsfQfek8==',
          optional: true,
          range: span(50, 2, 29),
          introducedBy: ['local-lib'],
        },
        {
          ecosystem: 'npm',
          name: 'esbuild',
          version: '0.20.2',
          exact: true,
          purl: 'pkg:npm/esbuild@0.20.2',
          source: 'registry',
          direct: false,
          key: 'esbuild@0.20.2',
          integrity: 'sha512-WdOOppmUNU+IbZ0P==',
          range: span(56, 2, 16),
          introducedBy: ['local-lib'],
        },
        {
          ecosystem: 'npm',
          name: 'fsevents',
          version: '2.3.3',
          exact: true,
          purl: 'pkg:npm/fsevents@2.3.3',
          source: 'registry',
          direct: true,
          key: 'fsevents@2.3.3',
          integrity: 'sha512-5xoDfX+fL7faATna==',
          optional: true,
          range: span(61, 2, 16),
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
          key: 'js-tokens@4.0.0',
          integrity: 'sha512-RdJUflcE3cUzKiMq==',
          range: span(66, 2, 17),
          introducedBy: ['react', 'react-dom'],
        },
        {
          ecosystem: 'npm',
          name: 'local-lib',
          version: 'file:packages/local',
          exact: false,
          purl: 'pkg:npm/local-lib',
          source: 'file',
          direct: true,
          key: 'local-lib@file:packages/local',
          resolved: 'file:packages/local',
          range: span(69, 2, 31),
          introducedBy: [],
        },
        {
          ecosystem: 'npm',
          name: 'loose-envify',
          version: '1.4.0',
          exact: true,
          purl: 'pkg:npm/loose-envify@1.4.0',
          source: 'registry',
          direct: false,
          key: 'loose-envify@1.4.0',
          integrity: 'sha512-lyuxPGr/Wfhrlem2==',
          range: span(72, 2, 20),
          introducedBy: ['react', 'react-dom'],
        },
        {
          ecosystem: 'npm',
          name: 'my-fork',
          version: '2.0.0',
          exact: true,
          purl: 'pkg:npm/my-fork@2.0.0',
          source: 'tarball',
          direct: true,
          key: `my-fork@${CODELOAD}`,
          resolved: CODELOAD,
          range: span(76, 2, 98),
          introducedBy: [],
        },
        {
          ecosystem: 'npm',
          name: 'obug',
          version: '1.0.2',
          exact: true,
          purl: 'pkg:npm/obug@1.0.2',
          source: 'registry',
          direct: true,
          key: 'obug@1.0.2',
          integrity: 'sha512-ObugObugObugObug==',
          range: span(80, 2, 12),
          introducedBy: [],
        },
        {
          ecosystem: 'npm',
          name: 'other-fork',
          version: '3.0.0',
          exact: true,
          purl: 'pkg:npm/other-fork@3.0.0',
          source: 'git',
          direct: true,
          key: `other-fork@${OTHER_FORK}`,
          resolved: OTHER_FORK,
          range: span(85, 2, 96),
          introducedBy: [],
        },
        {
          ecosystem: 'npm',
          name: 'react-dom',
          version: '18.2.0',
          exact: true,
          purl: 'pkg:npm/react-dom@18.2.0',
          source: 'registry',
          direct: true,
          key: 'react-dom@18.2.0',
          integrity: 'sha512-6IMTriUmvsjHUjNt==',
          range: span(89, 2, 18),
          introducedBy: [],
        },
        {
          ecosystem: 'npm',
          name: 'react',
          version: '18.2.0',
          exact: true,
          purl: 'pkg:npm/react@18.2.0',
          source: 'registry',
          direct: true,
          key: 'react@18.2.0',
          integrity: 'sha512-/3IjMdb2L9QbBdWi==',
          range: span(94, 2, 14),
          introducedBy: [],
        },
        {
          ecosystem: 'npm',
          name: 'typescript',
          version: '5.4.5',
          exact: true,
          purl: 'pkg:npm/typescript@5.4.5',
          source: 'registry',
          direct: true,
          key: 'typescript@5.4.5',
          integrity: 'sha512-vcI4UpRgg81oIRUF==',
          range: span(98, 2, 18),
          introducedBy: [],
        },
        {
          ecosystem: 'npm',
          name: 'vendored',
          version: '1.0.0',
          exact: true,
          purl: 'pkg:npm/vendored@1.0.0',
          source: 'tarball',
          direct: true,
          key: 'vendored@https://cdn.example.com/files/vendored-1.0.0.tgz',
          resolved: 'https://cdn.example.com/files/vendored-1.0.0.tgz',
          range: span(103, 2, 59),
          introducedBy: [],
        },
      ],
    },
  },
  {
    name: 'v6 single project: dev, optional, requiresBuild and peer suffixes in keys',
    fixture: 'many-v6.yaml',
    want: {
      problems: [],
      records: [
        {
          ecosystem: 'npm',
          name: '@esbuild/linux-x64',
          version: '0.20.2',
          exact: true,
          purl: 'pkg:npm/%40esbuild/linux-x64@0.20.2',
          source: 'registry',
          direct: false,
          key: '/@esbuild/linux-x64@0.20.2',
          integrity: 'sha512-1MdwI6OOTsfQfek8==',
          dev: true,
          optional: true,
          hasInstallScript: true,
          range: span(21, 2, 28),
          introducedBy: ['esbuild'],
        },
        {
          ecosystem: 'npm',
          name: 'esbuild',
          version: '0.20.2',
          exact: true,
          purl: 'pkg:npm/esbuild@0.20.2',
          source: 'registry',
          direct: true,
          key: '/esbuild@0.20.2',
          integrity: 'sha512-WdOOppmUNU+IbZ0P==',
          dev: true,
          hasInstallScript: true,
          range: span(30, 2, 17),
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
          key: '/js-tokens@4.0.0',
          integrity: 'sha512-RdJUflcE3cUzKiMq==',
          range: span(39, 2, 18),
          introducedBy: ['react', 'react-dom'],
        },
        {
          ecosystem: 'npm',
          name: 'loose-envify',
          version: '1.4.0',
          exact: true,
          purl: 'pkg:npm/loose-envify@1.4.0',
          source: 'registry',
          direct: false,
          key: '/loose-envify@1.4.0',
          integrity: 'sha512-lyuxPGr/Wfhrlem2==',
          range: span(43, 2, 21),
          introducedBy: ['react', 'react-dom'],
        },
        {
          ecosystem: 'npm',
          name: 'react-dom',
          version: '18.2.0',
          exact: true,
          purl: 'pkg:npm/react-dom@18.2.0',
          source: 'registry',
          direct: true,
          key: '/react-dom@18.2.0(react@18.2.0)',
          integrity: 'sha512-6IMTriUmvsjHUjNt==',
          range: span(50, 2, 33),
          introducedBy: [],
        },
        {
          ecosystem: 'npm',
          name: 'react',
          version: '18.2.0',
          exact: true,
          purl: 'pkg:npm/react@18.2.0',
          source: 'registry',
          direct: true,
          key: '/react@18.2.0',
          integrity: 'sha512-/3IjMdb2L9QbBdWi==',
          range: span(59, 2, 15),
          introducedBy: [],
        },
      ],
    },
  },
  {
    name: 'entries that are not objects or name no package become unscanned problems',
    fixture: 'malformed-entries-v9.yaml',
    want: {
      problems: [
        {
          code: 'unscanned',
          message: 'Entry not-an-object@1.0.0 is not an object, so it was not checked.',
          range: span(12, 2, 21),
        },
        {
          code: 'unscanned',
          message: 'Entry no-version does not name its package, so it was not checked.',
          range: span(14, 2, 12),
        },
      ],
      records: [
        {
          ecosystem: 'npm',
          name: 'ok',
          version: '1.0.0',
          exact: true,
          purl: 'pkg:npm/ok@1.0.0',
          source: 'registry',
          direct: true,
          key: 'ok@1.0.0',
          integrity: 'sha512-OkOkOkOkOkOkOkOk==',
          range: span(17, 2, 10),
          introducedBy: [],
        },
      ],
    },
  },
];

for (const row of rows) {
  test(`pnpm-lock: ${row.name}`, () => {
    const text = readFixture('lockfiles', 'pnpm', row.fixture);
    const parsed = pnpmLockParser.parse(text, row.fixture);
    const { format, kind, problems } = parsed;
    assert.deepEqual(
      { format, kind, problems, records: views(parsed) },
      { format: 'pnpm-lock', kind: 'lockfile', ...row.want },
    );
  });
}

const errorRows = [
  {
    // Limit pin: lockfile versions before 6 are refused.
    name: 'lockfile v5',
    fixture: 'v5-unsupported.yaml',
    code: 'UNSUPPORTED_FORMAT',
    message: 'pnpm-lock.yaml uses lockfileVersion 5.4, and sscs reads versions 6 and later',
  },
  {
    name: 'truncated file',
    fixture: 'truncated-v9.yaml',
    code: 'PARSE_ERROR',
    message:
      'pnpm-lock.yaml is not valid YAML: unexpected end of the stream within a flow collection' +
      ' at line 19, column 1',
  },
  {
    name: 'YAML that is not a lockfile',
    fixture: 'not-a-lockfile.yaml',
    code: 'PARSE_ERROR',
    message: 'pnpm-lock.yaml is not a pnpm lockfile: it has no lockfileVersion',
  },
  {
    name: 'alias bomb',
    fixture: 'alias-bomb.yaml',
    code: 'PARSE_ERROR',
    message: 'pnpm-lock.yaml is not a lockfile: it uses more than 200 YAML aliases',
  },
];

for (const row of errorRows) {
  test(`pnpm-lock: ${row.name} throws ParseError`, () => {
    const text = readFixture('lockfiles', 'pnpm', row.fixture);
    const started = performance.now();
    assert.throws(
      () => pnpmLockParser.parse(text, '/repo/pnpm-lock.yaml'),
      (err: unknown) => {
        assert.ok(err instanceof ParseError);
        assert.deepEqual(
          { code: err.code, message: err.message, path: err.path },
          { code: row.code, message: row.message, path: '/repo/pnpm-lock.yaml' },
        );
        return true;
      },
    );
    assert.ok(performance.now() - started < 1000, 'rejected quickly');
  });
}

test('pnpm-lock: matches pnpm-lock.yaml only', () => {
  const names = ['app/pnpm-lock.yaml', 'pnpm-workspace.yaml', 'pnpm-lock.yml'];
  assert.deepEqual(
    names.map((name) => pnpmLockParser.matches(name)),
    [true, false, false],
  );
});
