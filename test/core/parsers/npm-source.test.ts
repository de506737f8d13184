// SPDX-License-Identifier: Apache-2.0
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { classifyNpmSpec, splitNameSpec } from '../../../server/src/core/lockfiles/npm-source';

const rows = [
  { spec: '^1.2.0', want: 'registry' },
  { spec: 'latest', want: 'registry' },
  { spec: 'npm:string-width@^4.2.0', want: 'registry' },
  { spec: 'https://registry.npmjs.org/@s/a/-/a-1.0.0.tgz', want: 'registry' },
  { spec: 'https://gitlab.example.com/api/v4/packages/npm/a/-/a-1.0.0.tgz', want: 'registry' },
  { spec: 'https://cdn.example.com/a-1.0.0.tgz', want: 'tarball' },
  { spec: 'https://codeload.github.com/u/r/tar.gz/0123abc', want: 'tarball' },
  { spec: 'https://github.com/u/r.git#commit=0123abc', want: 'git' },
  { spec: 'git+ssh://git@github.com/u/r.git#0123abc', want: 'git' },
  { spec: 'git://github.com/u/r.git', want: 'git' },
  { spec: 'github:u/r', want: 'git' },
  { spec: 'u/r#v1', want: 'git' },
  { spec: 'file:../lib', want: 'file' },
  { spec: '../lib', want: 'file' },
  { spec: 'link:../lib', want: 'link' },
  { spec: 'portal:../lib', want: 'link' },
  { spec: 'workspace:^', want: 'workspace' },
  { spec: 'patch:resolve@npm%3A1.22.8#optional!builtin<compat/resolve>', want: 'registry' },
  { spec: 'patch:a@https%3A//github.com/u/r.git#./p.patch', want: 'git' },
];

test('classifyNpmSpec sorts specs and resolved locations by source', () => {
  assert.deepEqual(
    rows.map((row) => ({ spec: row.spec, source: classifyNpmSpec(row.spec) })),
    rows.map((row) => ({ spec: row.spec, source: row.want })),
  );
});

test('splitNameSpec keeps scopes and rejects names without a spec', () => {
  assert.deepEqual(['@s/a@^1', 'a@npm:b@2', 'a'].map(splitNameSpec), [
    { name: '@s/a', spec: '^1' },
    { name: 'a', spec: 'npm:b@2' },
    undefined,
  ]);
});
