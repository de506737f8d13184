// SPDX-License-Identifier: Apache-2.0
// The engine end to end on small in-memory projects of every npm lockfile format: a denied
// transitive package is found at its entry and related to the direct dependency that brings
// it in; BOM and CRLF do not shift ranges; an unparseable file becomes one parse-error.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { analyzeFiles } from '../../server/src/core/analyze-files';
import { loadPolicyText } from '../../server/src/core/policy/load-policy';
import { mergePolicies } from '../../server/src/core/policy/merge';

import type { FileSource } from '../../server/src/core/file-source';

const POLICY = mergePolicies(
  loadPolicyText(
    '{ "version": 1, "rules": [ { "id": "no-b", "action": "deny", "package": "pkg:npm/b" } ] }',
    '/org.jsonc',
    'organization',
  ),
);
const NOW = new Date('2026-12-03T00:00:00Z');
const MANIFEST = '{\n  "name": "app",\n  "dependencies": {\n    "a": "^1.0.0"\n  }\n}\n';
const SHA = 'sha512-AAAA';

const LOCKFILES: { name: string; file: string; text: string; line: number; entry: string }[] = [
  {
    name: 'package-lock v3',
    file: 'package-lock.json',
    text: JSON.stringify(
      {
        name: 'app',
        lockfileVersion: 3,
        packages: {
          '': { name: 'app', dependencies: { a: '^1.0.0' } },
          'node_modules/a': {
            version: '1.0.0',
            resolved: 'https://registry.npmjs.org/a/-/a-1.0.0.tgz',
            integrity: SHA,
            dependencies: { b: '^2.0.0' },
          },
          'node_modules/b': {
            version: '2.0.1',
            resolved: 'https://registry.npmjs.org/b/-/b-2.0.1.tgz',
            integrity: SHA,
          },
        },
      },
      null,
      2,
    ),
    line: 18,
    entry: '"node_modules/b"',
  },
  {
    name: 'yarn v1',
    file: 'yarn.lock',
    text: [
      '# yarn lockfile v1',
      '',
      '',
      'a@^1.0.0:',
      '  version "1.0.0"',
      '  resolved "https://registry.yarnpkg.com/a/-/a-1.0.0.tgz#abc"',
      `  integrity ${SHA}`,
      '  dependencies:',
      '    b "^2.0.0"',
      '',
      'b@^2.0.0:',
      '  version "2.0.1"',
      '  resolved "https://registry.yarnpkg.com/b/-/b-2.0.1.tgz#def"',
      `  integrity ${SHA}`,
      '',
    ].join('\n'),
    line: 10,
    entry: 'b@^2.0.0',
  },
  {
    name: 'yarn berry',
    file: 'yarn.lock',
    text: [
      '__metadata:',
      '  version: 8',
      '  cacheKey: 10c0',
      '',
      '"a@npm:^1.0.0":',
      '  version: 1.0.0',
      '  resolution: "a@npm:1.0.0"',
      '  dependencies:',
      '    b: "npm:^2.0.0"',
      '  checksum: 10c0/aaaa',
      '  languageName: node',
      '  linkType: hard',
      '',
      '"b@npm:^2.0.0":',
      '  version: 2.0.1',
      '  resolution: "b@npm:2.0.1"',
      '  checksum: 10c0/bbbb',
      '  languageName: node',
      '  linkType: hard',
      '',
    ].join('\n'),
    line: 13,
    entry: '"b@npm:^2.0.0"',
  },
  {
    name: 'pnpm v9',
    file: 'pnpm-lock.yaml',
    text: [
      "lockfileVersion: '9.0'",
      '',
      'importers:',
      '',
      '  .:',
      '    dependencies:',
      '      a:',
      '        specifier: ^1.0.0',
      '        version: 1.0.0',
      '',
      'packages:',
      '',
      '  a@1.0.0:',
      `    resolution: {integrity: ${SHA}}`,
      '',
      '  b@2.0.1:',
      `    resolution: {integrity: ${SHA}}`,
      '',
      'snapshots:',
      '',
      '  a@1.0.0:',
      '    dependencies:',
      '      b: 2.0.1',
      '',
      '  b@2.0.1: {}',
      '',
    ].join('\n'),
    line: 15,
    entry: 'b@2.0.1',
  },
];

function memory(files: Record<string, string>): FileSource {
  return {
    read: async (path) => files[path],
    list: async () => Object.keys(files),
  };
}

describe('analyzeFiles on every npm lockfile format', () => {
  for (const lock of LOCKFILES) {
    test(`${lock.name}: the denied transitive package points at the direct dependency`, async () => {
      const source = memory({ '/p/package.json': MANIFEST, [`/p/${lock.file}`]: lock.text });
      const [analysis] = await analyzeFiles([`/p/${lock.file}`], source, {
        policy: POLICY,
        now: NOW,
      });
      const character = lock.text.split('\n')[lock.line].indexOf(lock.entry);
      assert.deepEqual(analysis.findings, [
        {
          code: 'denied',
          severity: 'error',
          message: 'b 2.0.1 is denied by rule no-b; an exception would allow it.',
          file: `/p/${lock.file}`,
          range: {
            start: { line: lock.line, character },
            end: { line: lock.line, character: character + lock.entry.length },
          },
          package: { ecosystem: 'npm', name: 'b', version: '2.0.1', purl: 'pkg:npm/b@2.0.1' },
          rule: 'no-b',
          fix: { exceptionRule: 'no-b' },
          related: [
            {
              file: '/p/package.json',
              range: { start: { line: 3, character: 4 }, end: { line: 3, character: 17 } },
              message: 'b 2.0.1 comes in through a.',
            },
          ],
        },
      ]);
    });
  }

  test('a BOM and CRLF line ends leave the ranges where an editor shows them', async () => {
    const lock = LOCKFILES[0];
    const text = `\ufeff${lock.text.replace(/\n/g, '\r\n')}`;
    const source = memory({ '/p/package-lock.json': text });
    const [analysis] = await analyzeFiles(['/p/package-lock.json'], source, {
      policy: POLICY,
      now: NOW,
    });
    assert.deepEqual(
      analysis.findings.map((f) => f.range),
      [{ start: { line: 18, character: 4 }, end: { line: 18, character: 20 } }],
    );
  });

  test('a file that is not JSON yields one parse-error at the fault', async () => {
    const source = memory({
      '/p/package-lock.json': '{\n  "lockfileVersion": 3,\n  "packages": {\n',
    });
    const [analysis] = await analyzeFiles(['/p/package-lock.json'], source, {
      policy: POLICY,
      now: NOW,
    });
    assert.equal(analysis.findings.length, 1);
    assert.equal(analysis.findings[0].code, 'parse-error');
    assert.equal(analysis.findings[0].severity, 'error');
    assert.match(
      analysis.findings[0].message,
      /^package-lock\.json is not valid JSON: .+ at line 4, column 1\.$/,
    );
  });
});
