// SPDX-License-Identifier: Apache-2.0
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { checkHygiene, integrityAlgorithms } from '../../../server/src/core/policy/hygiene';
import { NOW, effective, packageOf, parsedFile, pkg, policyText, rangeAt } from './helpers';

import type {
  FileKind,
  Finding,
  FindingCode,
  PackageRecord,
  Severity,
} from '../../../server/src/core/types';

const SHA512 = 'sha512-' + 'A'.repeat(86) + '==';
const COMMIT = 'a'.repeat(40);
const NPMJS = 'https://registry.npmjs.org/';
const GITLAB = 'https://gitlab.example.com/api/v4/packages/npm/';
const tgz = (base: string, name: string) => `${base}${name}/-/${name}-1.0.0.tgz`;

const registries = { registries: { npm: [NPMJS, GITLAB] } };
const internal = { internalPackages: { npm: ['@acme/*'] } };

interface Row {
  name: string;
  record: Partial<PackageRecord>;
  kind?: FileKind;
  policy?: Record<string, unknown>;
  want: [FindingCode, Severity, string][];
}

const rows: Row[] = [
  {
    name: 'registry package with sha512 integrity is clean',
    record: { resolved: tgz(NPMJS, 'x'), integrity: SHA512 },
    policy: registries,
    want: [],
  },
  {
    name: 'a host that merely starts with the registry host is untrusted',
    record: { resolved: tgz('https://registry.npmjs.org.evil.com/', 'x'), integrity: SHA512 },
    policy: registries,
    want: [
      [
        'untrusted-registry',
        'error',
        'x 1.0.0 is resolved from https://registry.npmjs.org.evil.com/, which is not one of the ' +
          "policy's registries; resolve it from an allowed registry.",
      ],
    ],
  },
  {
    name: 'a registry path prefix matches whole segments only',
    record: {
      resolved: 'https://gitlab.example.com/api/v4/packages/npmevil/x.tgz',
      integrity: SHA512,
    },
    policy: { registries: { npm: ['https://gitlab.example.com/api/v4/packages/npm'] } },
    want: [
      [
        'untrusted-registry',
        'error',
        "x 1.0.0 is resolved from https://gitlab.example.com/, which is not one of the policy's " +
          'registries; resolve it from an allowed registry.',
      ],
    ],
  },
  {
    name: 'a registry under a listed path is trusted',
    record: { resolved: tgz(GITLAB, 'x'), integrity: SHA512 },
    policy: registries,
    want: [],
  },
  {
    name: 'credentials in the resolved URL stay out of the message',
    record: { resolved: 'https://user:s3cret@evil.example/x.tgz', integrity: SHA512 },
    policy: registries,
    want: [
      [
        'untrusted-registry',
        'error',
        "x 1.0.0 is resolved from https://evil.example/, which is not one of the policy's " +
          'registries; resolve it from an allowed registry.',
      ],
    ],
  },
  {
    name: 'plain http download',
    record: { resolved: tgz('http://registry.npmjs.org/', 'x'), integrity: SHA512 },
    want: [
      [
        'insecure-protocol',
        'error',
        'x 1.0.0 is fetched over http:, which is not authenticated; use an https or ssh URL.',
      ],
    ],
  },
  {
    name: 'git: protocol even when pinned',
    record: { source: 'git', resolved: `git://github.com/u/x.git#${COMMIT}` },
    want: [
      [
        'insecure-protocol',
        'error',
        'x 1.0.0 is fetched over git:, which is not authenticated; use an https or ssh URL.',
      ],
    ],
  },
  {
    // Limit pinned: a resolution without a URL is not checked against registries.
    name: 'a resolution that is not a URL skips the registry and confusion checks',
    record: { name: '@acme/tool', resolved: '@acme/tool@npm:1.0.0', integrity: SHA512 },
    policy: { ...internal, ...registries },
    want: [],
  },
  {
    // Limit pinned: git sources are not held to the registries list.
    name: 'git+ssh pinned to a commit is clean, even with registries set',
    record: { source: 'git', resolved: `git+ssh://git@github.com/u/x.git#${COMMIT}` },
    policy: registries,
    want: [],
  },
  {
    name: 'git without a commit is unpinned',
    record: { source: 'git', resolved: 'git+https://github.com/u/x.git#main' },
    want: [
      [
        'unpinned-dependency',
        'warning',
        'x 1.0.0 comes from git without a full commit hash; pin it to a commit.',
      ],
    ],
  },
  {
    name: 'registry package without integrity',
    record: { resolved: tgz(NPMJS, 'x') },
    want: [
      [
        'missing-integrity',
        'warning',
        'x 1.0.0 has no integrity hash in the lockfile; reinstall to record one.',
      ],
    ],
  },
  { name: 'link sources need no integrity', record: { source: 'link' }, want: [] },
  { name: 'workspace sources need no integrity', record: { source: 'workspace' }, want: [] },
  { name: 'file sources need no integrity', record: { source: 'file' }, want: [] },
  {
    name: 'tarball URL without integrity is missing integrity and unpinned',
    record: { source: 'tarball', resolved: 'https://cdn.example/x-1.0.0.tgz' },
    want: [
      [
        'missing-integrity',
        'warning',
        'x 1.0.0 has no integrity hash in the lockfile; reinstall to record one.',
      ],
      [
        'unpinned-dependency',
        'warning',
        'x 1.0.0 comes from a URL and nothing pins its content; use a registry version or ' +
          'record an integrity hash.',
      ],
    ],
  },
  {
    name: 'sha1 SRI only',
    record: { resolved: tgz(NPMJS, 'x'), integrity: 'sha1-3zYPLUrORbnl1S9rBVeLa9FQKaQ=' },
    want: [
      [
        'weak-integrity',
        'warning',
        'x 1.0.0 is checked only with sha1; reinstall to record a sha512 integrity hash.',
      ],
    ],
  },
  {
    name: 'md5 and sha1 together are still weak',
    record: { resolved: tgz(NPMJS, 'x'), integrity: 'md5-AAAA sha1-BBBB' },
    want: [
      [
        'weak-integrity',
        'warning',
        'x 1.0.0 is checked only with md5 and sha1; reinstall to record a sha512 integrity hash.',
      ],
    ],
  },
  {
    name: 'yarn v1 sha1 fragment',
    record: { resolved: tgz(NPMJS, 'x'), integrity: `sha1:${'b'.repeat(40)}` },
    want: [
      [
        'weak-integrity',
        'warning',
        'x 1.0.0 is checked only with sha1; reinstall to record a sha512 integrity hash.',
      ],
    ],
  },
  {
    name: 'sha512 next to sha1 is strong',
    record: { resolved: tgz(NPMJS, 'x'), integrity: `${SHA512} sha1-BBBB` },
    want: [],
  },
  {
    name: 'yarn berry checksum is strong',
    record: { resolved: tgz(NPMJS, 'x'), integrity: `10c0/${'c'.repeat(128)}` },
    want: [],
  },
  {
    name: 'internal name from the public registry',
    record: { name: '@acme/tool', resolved: tgz(NPMJS, '@acme/tool'), integrity: SHA512 },
    policy: internal,
    want: [
      [
        'dependency-confusion',
        'error',
        '@acme/tool 1.0.0 is an internal package but is resolved from ' +
          'https://registry.npmjs.org/; resolve it from the internal registry.',
      ],
    ],
  },
  {
    name: 'internal name from the yarn mirror of the public registry',
    record: {
      name: '@acme/tool',
      resolved: tgz('https://registry.yarnpkg.com/', '@acme/tool'),
      integrity: SHA512,
    },
    policy: internal,
    want: [
      [
        'dependency-confusion',
        'error',
        '@acme/tool 1.0.0 is an internal package but is resolved from ' +
          'https://registry.yarnpkg.com/; resolve it from the internal registry.',
      ],
    ],
  },
  {
    name: 'internal name from the internal registry is clean',
    record: { name: '@acme/tool', resolved: tgz(GITLAB, '@acme/tool'), integrity: SHA512 },
    policy: { ...internal, ...registries },
    want: [],
  },
  {
    name: 'internal name from an unlisted host is confusion and untrusted',
    record: { name: '@acme/tool', resolved: 'https://mirror.example/t.tgz', integrity: SHA512 },
    policy: { ...internal, ...registries },
    want: [
      [
        'untrusted-registry',
        'error',
        '@acme/tool 1.0.0 is resolved from https://mirror.example/, which is not one of the ' +
          "policy's registries; resolve it from an allowed registry.",
      ],
      [
        'dependency-confusion',
        'error',
        '@acme/tool 1.0.0 is an internal package but is resolved from https://mirror.example/; ' +
          'resolve it from the internal registry.',
      ],
    ],
  },
  {
    name: 'install scripts are reported as info',
    record: { resolved: tgz(NPMJS, 'x'), integrity: SHA512, hasInstallScript: true },
    want: [
      [
        'install-script',
        'info',
        'x 1.0.0 runs install scripts; review them, then add an exception for install-script.',
      ],
    ],
  },
  {
    name: 'manifest range spec has nothing to check',
    kind: 'manifest',
    record: { version: '^1.0.0', exact: false, section: 'dependencies' },
    want: [],
  },
  {
    name: 'manifest git shorthand without a commit',
    kind: 'manifest',
    record: { version: 'github:u/x', exact: false, source: 'git' },
    want: [
      [
        'unpinned-dependency',
        'warning',
        'x github:u/x comes from git without a full commit hash; pin it to a commit.',
      ],
    ],
  },
  {
    name: 'manifest git URL with a commit is clean',
    kind: 'manifest',
    record: { version: `git+https://github.com/u/x.git#${COMMIT}`, exact: false, source: 'git' },
    want: [],
  },
  {
    name: 'manifest http tarball URL',
    kind: 'manifest',
    record: { version: 'http://cdn.example/x.tgz', exact: false, source: 'tarball' },
    want: [
      [
        'insecure-protocol',
        'error',
        'x http://cdn.example/x.tgz is fetched over http:, which is not authenticated; use an ' +
          'https or ssh URL.',
      ],
      [
        'unpinned-dependency',
        'warning',
        'x http://cdn.example/x.tgz comes from a URL and nothing pins its content; use a ' +
          'registry version or record an integrity hash.',
      ],
    ],
  },
];

function expected(record: PackageRecord, kind: FileKind, want: Row['want']): Finding[] {
  const file = kind === 'lockfile' ? 'package-lock.json' : 'package.json';
  return want.map(([code, severity, message]) => ({
    code,
    severity,
    message,
    file,
    range: rangeAt(0),
    package: packageOf(record),
    fix: { exceptionRule: code },
  }));
}

describe('checkHygiene', () => {
  for (const row of rows) {
    test(row.name, () => {
      const kind = row.kind ?? 'lockfile';
      const record = pkg({ name: 'x', version: '1.0.0', ...row.record });
      const policy = effective(policyText(row.policy ?? {}));
      const got = checkHygiene(parsedFile([record], kind), policy, { now: NOW });
      assert.deepStrictEqual(got, expected(record, kind, row.want));
    });
  }

  test('locates only the records that get a finding', () => {
    const clean = Array.from({ length: 1000 }, (_, index) =>
      pkg({
        name: `p${index}`,
        version: '1.0.0',
        resolved: tgz(NPMJS, `p${index}`),
        integrity: SHA512,
      }),
    );
    const file = parsedFile([...clean, pkg({ name: 'bad', version: '1.0.0' })]);
    const got = checkHygiene(file, effective(), { now: NOW });
    assert.deepStrictEqual(
      { codes: got.map((f) => f.code), located: file.located },
      { codes: ['missing-integrity'], located: ['bad@1.0.0'] },
    );
  });
});

describe('integrityAlgorithms', () => {
  const rows: [string, string[]][] = [
    [SHA512, ['sha512']],
    ['sha512-AA sha1-BB', ['sha512', 'sha1']],
    [`sha1:${'b'.repeat(40)}`, ['sha1']],
    [`10c0/${'c'.repeat(128)}`, ['sha512']],
    ['c'.repeat(128), ['sha512']],
    ['c'.repeat(64), ['sha256']],
    ['c'.repeat(40), ['sha1']],
    ['h1:abc=', ['h1']],
    ['???', ['unknown']],
  ];
  for (const [integrity, want] of rows) {
    test(integrity.slice(0, 24), () => {
      assert.deepStrictEqual(integrityAlgorithms(integrity), want);
    });
  }
});
