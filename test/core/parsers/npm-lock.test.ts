// SPDX-License-Identifier: Apache-2.0
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ParseError } from '../../../server/src/core/errors';
import { npmLockParser } from '../../../server/src/core/lockfiles/npm-lock';
import { readFixture, span, views } from './helpers';
import type { RecordView } from './helpers';
import type { FileProblem } from '../../../server/src/core/types';

const SHA = '0123456789abcdef'.repeat(2) + '01234567';
const SHA2 = '89abcdef' + '0123456789abcdef'.repeat(2);
const SSH_FORK = `git+ssh://git@github.com/acme/my-fork.git#${SHA}`;
const HTTPS_FORK = `git+https://github.com/acme/my-fork.git#${SHA2}`;

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
    key: 'node_modules/left-pad',
    resolved: 'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz',
    integrity: 'sha512-XI5MPzVNApjAyhQz==',
    range: span(13, 4, 27),
    introducedBy: [],
  },
];

const rows: Row[] = [
  {
    name: 'a packages section that is not an object is reported, not skipped',
    fixture: 'packages-not-an-object-v3.json',
    want: {
      records: [],
      problems: [
        {
          code: 'unscanned',
          message:
            'Section packages is not an object of name and version pairs, so it was not checked.',
          range: span(3, 2, 12),
        },
      ],
    },
  },
  { name: 'empty v3 lockfile', fixture: 'empty-v3.json', want: { records: [], problems: [] } },
  {
    name: 'v1 lockfile without dependencies',
    fixture: 'v1-no-dependencies.json',
    want: { records: [], problems: [] },
  },
  {
    name: 'one package v3',
    fixture: 'one-package-v3.json',
    want: { records: LEFT_PAD, problems: [] },
  },
  {
    name: 'BOM and CRLF line endings keep positions',
    fixture: 'bom-crlf-v3.json',
    want: { records: LEFT_PAD, problems: [] },
  },
  {
    name: 'minified lockfile falls back to the tree for positions',
    fixture: 'minified-v3.json',
    want: { records: [{ ...LEFT_PAD[0], range: span(0, 153, 176) }], problems: [] },
  },
  {
    name: 'v3 workspaces: links, nested installs, git, tarball, dev, optional, install scripts',
    fixture: 'workspaces-v3.json',
    want: {
      problems: [],
      records: [
        {
          ecosystem: 'npm',
          name: '@acme/app',
          version: '1.2.0',
          exact: true,
          purl: 'pkg:npm/%40acme/app@1.2.0',
          source: 'link',
          direct: true,
          key: 'node_modules/@acme/app',
          resolved: 'packages/app',
          range: span(16, 4, 28),
          introducedBy: [],
        },
        {
          ecosystem: 'npm',
          name: '@acme/util',
          version: '1.0.0',
          exact: true,
          purl: 'pkg:npm/%40acme/util@1.0.0',
          source: 'link',
          direct: true,
          key: 'node_modules/@acme/util',
          resolved: 'packages/util',
          range: span(20, 4, 29),
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
          key: 'node_modules/chalk',
          resolved: 'https://registry.npmjs.org/chalk/-/chalk-4.1.2.tgz',
          integrity: 'sha512-oKnbhFyRIXpUuez8==',
          range: span(24, 4, 24),
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
          key: 'node_modules/esbuild',
          resolved: 'https://registry.npmjs.org/esbuild/-/esbuild-0.20.2.tgz',
          integrity: 'sha512-WdOOppmUNU+IbZ0P==',
          dev: true,
          hasInstallScript: true,
          range: span(32, 4, 26),
          introducedBy: [],
        },
        {
          ecosystem: 'npm',
          name: '@esbuild/linux-x64',
          version: '0.20.2',
          exact: true,
          purl: 'pkg:npm/%40esbuild/linux-x64@0.20.2',
          source: 'registry',
          direct: false,
          key: 'node_modules/@esbuild/linux-x64',
          resolved: 'https://registry.npmjs.org/@esbuild/linux-x64/-/linux-x64-0.20.2.tgz',
          integrity: 'sha512-1MdwI6OOTsfQfek8==',
          dev: true,
          optional: true,
          range: span(42, 4, 37),
          introducedBy: ['esbuild'],
        },
        {
          ecosystem: 'npm',
          name: 'has-flag',
          version: '4.0.0',
          exact: true,
          purl: 'pkg:npm/has-flag@4.0.0',
          source: 'registry',
          direct: false,
          key: 'node_modules/has-flag',
          resolved: 'https://registry.npmjs.org/has-flag/-/has-flag-4.0.0.tgz',
          integrity: 'sha512-EykJT/Q1KjTWctpp==',
          range: span(49, 4, 27),
          introducedBy: ['chalk'],
        },
        {
          ecosystem: 'npm',
          name: 'my-fork',
          version: '2.0.0',
          exact: true,
          purl: 'pkg:npm/my-fork@2.0.0',
          source: 'git',
          direct: true,
          key: 'node_modules/my-fork',
          resolved: SSH_FORK,
          range: span(54, 4, 26),
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
          key: 'node_modules/supports-color',
          resolved: 'https://registry.npmjs.org/supports-color/-/supports-color-7.2.0.tgz',
          integrity: 'sha512-qpCAvRl9stuOHveK==',
          range: span(59, 4, 33),
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
          key: 'node_modules/typescript',
          resolved: 'https://registry.npmjs.org/typescript/-/typescript-5.4.5.tgz',
          integrity: 'sha512-vcI4UpRgg81oIRUF==',
          dev: true,
          range: span(67, 4, 29),
          introducedBy: [],
        },
        {
          ecosystem: 'npm',
          name: 'vendored',
          version: '1.0.0',
          exact: true,
          purl: 'pkg:npm/vendored@1.0.0',
          source: 'tarball',
          direct: false,
          key: 'node_modules/vendored',
          resolved: 'https://cdn.example.com/files/vendored-1.0.0.tgz',
          integrity: 'sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=',
          range: span(73, 4, 27),
          introducedBy: [],
        },
        {
          ecosystem: 'npm',
          name: '@acme/app',
          version: '1.2.0',
          exact: true,
          purl: 'pkg:npm/%40acme/app@1.2.0',
          source: 'workspace',
          direct: true,
          key: 'packages/app',
          range: span(78, 4, 18),
          introducedBy: [],
        },
        {
          ecosystem: 'npm',
          name: 'semver',
          version: '7.6.0',
          exact: true,
          purl: 'pkg:npm/semver@7.6.0',
          source: 'registry',
          direct: true,
          key: 'packages/app/node_modules/semver',
          resolved: 'https://registry.npmjs.org/semver/-/semver-7.6.0.tgz',
          integrity: 'sha512-EnwXhrlwXMk9gKu5==',
          range: span(87, 4, 38),
          introducedBy: [],
        },
        {
          ecosystem: 'npm',
          name: '@acme/util',
          version: '1.0.0',
          exact: true,
          purl: 'pkg:npm/%40acme/util@1.0.0',
          source: 'workspace',
          direct: true,
          key: 'packages/util',
          range: span(92, 4, 19),
          introducedBy: [],
        },
      ],
    },
  },
  {
    name: 'v2 uses packages over dependencies; file links and devOptional',
    fixture: 'v2-file-link.json',
    want: {
      problems: [],
      records: [
        {
          ecosystem: 'npm',
          name: 'local-lib',
          version: '0.1.0',
          exact: true,
          purl: 'pkg:npm/local-lib@0.1.0',
          source: 'file',
          direct: false,
          key: '../local-lib',
          range: span(17, 4, 18),
          introducedBy: ['local-lib'],
        },
        {
          ecosystem: 'npm',
          name: 'debug',
          version: '4.3.4',
          exact: true,
          purl: 'pkg:npm/debug@4.3.4',
          source: 'registry',
          direct: true,
          key: 'node_modules/debug',
          resolved: 'https://registry.npmjs.org/debug/-/debug-4.3.4.tgz',
          integrity: 'sha512-PRWFHuSU3eDtQJPv==',
          range: span(23, 4, 24),
          introducedBy: [],
        },
        {
          ecosystem: 'npm',
          name: 'ms',
          version: '2.1.2',
          exact: true,
          purl: 'pkg:npm/ms@2.1.2',
          source: 'registry',
          direct: false,
          key: 'node_modules/debug/node_modules/ms',
          resolved: 'https://registry.npmjs.org/ms/-/ms-2.1.2.tgz',
          integrity: 'sha512-sGkPx+VjMtmA6MX2==',
          range: span(31, 4, 40),
          introducedBy: ['debug'],
        },
        {
          ecosystem: 'npm',
          name: 'fsevents',
          version: '2.3.3',
          exact: true,
          purl: 'pkg:npm/fsevents@2.3.3',
          source: 'registry',
          direct: true,
          key: 'node_modules/fsevents',
          resolved: 'https://registry.npmjs.org/fsevents/-/fsevents-2.3.3.tgz',
          integrity: 'sha512-5xoDfX+fL7faATna==',
          optional: true,
          hasInstallScript: true,
          range: span(36, 4, 27),
          introducedBy: [],
        },
        {
          ecosystem: 'npm',
          name: 'local-lib',
          version: '0.1.0',
          exact: true,
          purl: 'pkg:npm/local-lib@0.1.0',
          source: 'link',
          direct: true,
          key: 'node_modules/local-lib',
          resolved: '../local-lib',
          range: span(46, 4, 28),
          introducedBy: [],
        },
        {
          ecosystem: 'npm',
          name: 'ms',
          version: '2.1.3',
          exact: true,
          purl: 'pkg:npm/ms@2.1.3',
          source: 'registry',
          direct: false,
          key: 'node_modules/ms',
          resolved: 'https://registry.npmjs.org/ms/-/ms-2.1.3.tgz',
          integrity: 'sha512-6FlzubTLZG3J2a/N==',
          range: span(50, 4, 21),
          introducedBy: ['local-lib'],
        },
      ],
    },
  },
  {
    // Limit pin: js-tokens is required by @babel/code-frame, so it reads as transitive even
    // if the root manifest also declares it.
    name: 'v1 nested dependencies, git versions and npm: aliases',
    fixture: 'v1-nested.json',
    want: {
      problems: [],
      records: [
        {
          ecosystem: 'npm',
          name: '@babel/code-frame',
          version: '7.0.0',
          exact: true,
          purl: 'pkg:npm/%40babel/code-frame@7.0.0',
          source: 'registry',
          direct: true,
          key: 'node_modules/@babel/code-frame',
          resolved: 'https://registry.npmjs.org/@babel/code-frame/-/code-frame-7.0.0.tgz',
          integrity: 'sha512-OfC2uemaknXr87bd==',
          dev: true,
          range: span(6, 4, 23),
          introducedBy: [],
        },
        {
          ecosystem: 'npm',
          name: 'event-stream',
          version: '3.3.6',
          exact: true,
          purl: 'pkg:npm/event-stream@3.3.6',
          source: 'registry',
          direct: true,
          key: 'node_modules/event-stream',
          resolved: 'https://registry.npmjs.org/event-stream/-/event-stream-3.3.6.tgz',
          integrity: 'sha512-dGXNg4F/FgVzlApj==',
          range: span(15, 4, 18),
          introducedBy: [],
        },
        {
          ecosystem: 'npm',
          name: 'flatmap-stream',
          version: '0.1.1',
          exact: true,
          purl: 'pkg:npm/flatmap-stream@0.1.1',
          source: 'registry',
          direct: false,
          key: 'node_modules/flatmap-stream',
          resolved: 'https://registry.npmjs.org/flatmap-stream/-/flatmap-stream-0.1.1.tgz',
          integrity: 'sha512-lAq4tLbm3sidmdCN==',
          range: span(31, 4, 20),
          introducedBy: ['event-stream'],
        },
        {
          ecosystem: 'npm',
          name: 'js-tokens',
          version: '4.0.0',
          exact: true,
          purl: 'pkg:npm/js-tokens@4.0.0',
          source: 'registry',
          direct: false,
          key: 'node_modules/js-tokens',
          resolved: 'https://registry.npmjs.org/js-tokens/-/js-tokens-4.0.0.tgz',
          integrity: 'sha512-RdJUflcE3cUzKiMq==',
          dev: true,
          range: span(36, 4, 15),
          introducedBy: ['@babel/code-frame'],
        },
        {
          ecosystem: 'npm',
          name: 'my-fork',
          version: HTTPS_FORK,
          exact: false,
          purl: 'pkg:npm/my-fork',
          source: 'git',
          direct: true,
          key: 'node_modules/my-fork',
          resolved: HTTPS_FORK,
          range: span(42, 4, 13),
          introducedBy: [],
        },
        {
          ecosystem: 'npm',
          name: 'string-width',
          version: '4.2.3',
          exact: true,
          purl: 'pkg:npm/string-width@4.2.3',
          source: 'registry',
          direct: true,
          key: 'node_modules/string-width-cjs',
          resolved: 'https://registry.npmjs.org/string-width/-/string-width-4.2.3.tgz',
          integrity: 'sha512-wKyQRQpjJ0sIp62E==',
          range: span(46, 4, 22),
          introducedBy: [],
        },
        {
          ecosystem: 'npm',
          name: 'through',
          version: '2.3.4',
          exact: true,
          purl: 'pkg:npm/through@2.3.4',
          source: 'registry',
          direct: false,
          key: 'node_modules/event-stream/node_modules/through',
          resolved: 'https://registry.npmjs.org/through/-/through-2.3.4.tgz',
          integrity: 'sha1-SV5A6Nio6uvHwnXqiMK4/BTFZFU=',
          range: span(24, 8, 17),
          introducedBy: ['event-stream'],
        },
      ],
    },
  },
  {
    name: 'entries without a version or not objects become unscanned problems',
    fixture: 'malformed-entries-v3.json',
    want: {
      problems: [
        {
          code: 'unscanned',
          message: 'Entry node_modules/no-version has no version, so it was not checked.',
          range: span(13, 4, 29),
        },
        {
          code: 'unscanned',
          message: 'Entry node_modules/not-object is not an object, so it was not checked.',
          range: span(16, 4, 29),
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
          key: 'node_modules/ok',
          resolved: 'https://registry.npmjs.org/ok/-/ok-1.0.0.tgz',
          integrity: 'sha512-AAAA',
          range: span(17, 4, 21),
          introducedBy: [],
        },
      ],
    },
  },
];

for (const row of rows) {
  test(`package-lock: ${row.name}`, () => {
    const text = readFixture('lockfiles', 'package-lock', row.fixture);
    const parsed = npmLockParser.parse(text, row.fixture);
    const { format, kind, problems } = parsed;
    assert.deepEqual(
      { format, kind, problems, records: views(parsed) },
      { format: 'package-lock', kind: 'lockfile', ...row.want },
    );
  });
}

const errorRows = [
  {
    name: 'truncated file',
    fixture: 'truncated-v3.json',
    code: 'PARSE_ERROR',
    message: 'package-lock.json is not valid JSON: unexpected end of input at line 16, column 18',
  },
  {
    name: 'trailing comma',
    fixture: 'trailing-comma-v3.json',
    code: 'PARSE_ERROR',
    message: 'package-lock.json is not valid JSON: property name expected at line 6, column 3',
  },
  {
    name: 'JSON that is not a lockfile',
    fixture: 'not-a-lockfile.json',
    code: 'PARSE_ERROR',
    message: 'package-lock.json is not an npm lockfile: it has no lockfileVersion or packages',
  },
  {
    name: 'a JSON array',
    fixture: 'array.json',
    code: 'PARSE_ERROR',
    message: 'package-lock.json is not an npm lockfile: it has no lockfileVersion or packages',
  },
];

for (const row of errorRows) {
  test(`package-lock: ${row.name} throws ParseError`, () => {
    const text = readFixture('lockfiles', 'package-lock', row.fixture);
    assert.throws(
      () => npmLockParser.parse(text, '/repo/package-lock.json'),
      (err: unknown) => {
        assert.ok(err instanceof ParseError);
        assert.deepEqual(
          { code: err.code, message: err.message, path: err.path },
          { code: row.code, message: row.message, path: '/repo/package-lock.json' },
        );
        return true;
      },
    );
  });
}

test('package-lock: matches package-lock.json and npm-shrinkwrap.json only', () => {
  const names = ['a/package-lock.json', 'npm-shrinkwrap.json', 'package.json', 'yarn.lock'];
  assert.deepEqual(
    names.map((name) => npmLockParser.matches(name)),
    [true, true, false, false],
  );
});
