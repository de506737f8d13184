// SPDX-License-Identifier: Apache-2.0
// Input size: a 50 MB lockfile still parses; past 64 MiB every npm-family parser refuses it.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ParseError } from '../../../server/src/core/errors';
import { npmLockParser } from '../../../server/src/core/lockfiles/npm-lock';
import { MAX_INPUT_CHARS } from '../../../server/src/core/lockfiles/parse-input';
import { pnpmLockParser } from '../../../server/src/core/lockfiles/pnpm-lock';
import {
  yarnLockBerryParser,
  yarnLockV1Parser,
} from '../../../server/src/core/lockfiles/yarn-lock';
import { packageJsonParser } from '../../../server/src/core/manifests/package-json';
import { span } from './helpers';

// A v3 lockfile with `count` packages, each depending on the next, pretty-printed as npm
// does. Generating it takes most of this test's time; parsing it takes well under a second.
function generatedLockfile(count: number): string {
  const packages: Record<string, unknown> = {
    '': { name: 'big', version: '1.0.0', dependencies: { 'pkg-0': '^1.0.0' } },
  };
  for (let i = 0; i < count; i += 1) {
    const name = `pkg-${i}`;
    packages[`node_modules/${name}`] = {
      version: '1.0.0',
      resolved: `https://registry.npmjs.org/${name}/-/${name}-1.0.0.tgz`,
      integrity: `sha512-${'A'.repeat(86)}==`,
      license: 'MIT',
      dependencies: i + 1 < count ? { [`pkg-${i + 1}`]: '^1.0.0' } : undefined,
    };
  }
  return JSON.stringify({ name: 'big', lockfileVersion: 3, requires: true, packages }, null, 2);
}

test('a 50 MB package-lock.json parses with every package and exact positions', () => {
  const count = 160_000;
  const text = generatedLockfile(count);
  assert.ok(text.length > 50_000_000, `generated ${text.length} characters`);

  const parsed = npmLockParser.parse(text, 'package-lock.json');
  const last = parsed.packages[count - 1];
  assert.deepEqual(
    {
      packages: parsed.packages.length,
      problems: parsed.problems.length,
      direct: parsed.packages.filter((record) => record.direct).map((record) => record.name),
      last: { name: last.name, range: parsed.locate(last) },
    },
    {
      packages: count,
      problems: 0,
      direct: ['pkg-0'],
      last: {
        name: `pkg-${count - 1}`,
        // 12 header lines, then 9 lines per package.
        range: span(12 + (count - 1) * 9, 4, 4 + `"node_modules/pkg-${count - 1}"`.length),
      },
    },
  );
});

const tooLarge = ' '.repeat(MAX_INPUT_CHARS + 1);
const parsers = [
  { parser: npmLockParser, path: 'package-lock.json' },
  { parser: packageJsonParser, path: 'package.json' },
  { parser: pnpmLockParser, path: 'pnpm-lock.yaml' },
  { parser: yarnLockBerryParser, path: 'yarn.lock' },
  { parser: yarnLockV1Parser, path: 'yarn.lock' },
];

for (const { parser, path } of parsers) {
  test(`${parser.format}: input over 64 MiB throws INPUT_TOO_LARGE`, () => {
    assert.throws(
      () => parser.parse(tooLarge, `/repo/${path}`),
      (err: unknown) => {
        assert.ok(err instanceof ParseError);
        assert.deepEqual(
          { code: err.code, message: err.message },
          {
            code: 'INPUT_TOO_LARGE',
            message: `${path} is too large to analyze: 67108865 characters, the limit is 64 MiB`,
          },
        );
        return true;
      },
    );
  });
}
