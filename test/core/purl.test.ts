// SPDX-License-Identifier: Apache-2.0
// formatPurl is hand-written for speed; it must agree with packageurl-js on every shape.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { PackageURL } from 'packageurl-js';

import { formatPurl, parsePurl } from '../../server/src/core/purl';

const ROWS: { name: string; version?: string; namespace?: string; leaf: string }[] = [
  { name: 'lodash', version: '4.17.21', leaf: 'lodash' },
  { name: '@babel/core', version: '7.24.0', namespace: '@babel', leaf: 'core' },
  { name: '@types/node', version: '20.11.5-beta.1+build.7', namespace: '@types', leaf: 'node' },
  { name: 'left-pad', leaf: 'left-pad' },
  { name: 'weird name', version: '1.0.0', leaf: 'weird name' },
  { name: 'a~b.c_d', version: '0.0.0-rc.1', leaf: 'a~b.c_d' },
  { name: 'odd', version: '1.0+x:y/z@w', leaf: 'odd' },
];

for (const row of ROWS) {
  test(`formatPurl matches packageurl-js for ${row.name}@${row.version ?? '(none)'}`, () => {
    const expected = new PackageURL(
      'npm',
      row.namespace,
      row.leaf,
      row.version,
      undefined,
      undefined,
    ).toString();
    assert.equal(formatPurl('npm', row.name, row.version), expected);
    assert.deepEqual(parsePurl(expected), { type: 'npm', name: row.name, version: row.version });
  });
}
