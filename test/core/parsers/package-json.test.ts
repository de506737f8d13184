// SPDX-License-Identifier: Apache-2.0
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { packageJsonParser } from '../../../server/src/core/manifests/package-json';
import { span, testParseErrors, testParserRows } from './helpers';
import type { ParseErrorRow, ParserRow, RecordView } from './helpers';

const SECTIONS: RecordView[] = [
  {
    ecosystem: 'npm',
    name: 'left-pad',
    version: '1.3.0',
    exact: true,
    purl: 'pkg:npm/left-pad@1.3.0',
    source: 'registry',
    direct: true,
    section: 'dependencies',
    key: '["dependencies","left-pad"]',
    range: span(4, 4, 23),
    introducedBy: [],
  },
  {
    ecosystem: 'npm',
    name: 'chalk',
    version: '^4.1.0',
    exact: false,
    purl: 'pkg:npm/chalk',
    source: 'registry',
    direct: true,
    section: 'dependencies',
    key: '["dependencies","chalk"]',
    range: span(5, 4, 21),
    introducedBy: [],
  },
  {
    ecosystem: 'npm',
    name: 'string-width',
    version: '^4.2.0',
    exact: false,
    purl: 'pkg:npm/string-width',
    source: 'registry',
    direct: true,
    section: 'dependencies',
    key: '["dependencies","string-width-cjs"]',
    range: span(6, 4, 49),
    introducedBy: [],
  },
  {
    ecosystem: 'npm',
    name: 'my-fork',
    version: 'github:acme/my-fork#v2',
    exact: false,
    purl: 'pkg:npm/my-fork',
    source: 'git',
    direct: true,
    section: 'dependencies',
    key: '["dependencies","my-fork"]',
    range: span(7, 4, 39),
    introducedBy: [],
  },
  {
    ecosystem: 'npm',
    name: 'local-lib',
    version: 'file:../local-lib',
    exact: false,
    purl: 'pkg:npm/local-lib',
    source: 'file',
    direct: true,
    section: 'dependencies',
    key: '["dependencies","local-lib"]',
    range: span(8, 4, 36),
    introducedBy: [],
  },
  {
    ecosystem: 'npm',
    name: '@acme/util',
    version: 'workspace:*',
    exact: false,
    purl: 'pkg:npm/%40acme/util',
    source: 'workspace',
    direct: true,
    section: 'dependencies',
    key: '["dependencies","@acme/util"]',
    range: span(9, 4, 31),
    introducedBy: [],
  },
  {
    ecosystem: 'npm',
    name: 'vendored',
    version: 'https://cdn.example.com/files/vendored-1.0.0.tgz',
    exact: false,
    purl: 'pkg:npm/vendored',
    source: 'tarball',
    direct: true,
    section: 'dependencies',
    key: '["dependencies","vendored"]',
    range: span(10, 4, 66),
    introducedBy: [],
  },
  {
    ecosystem: 'npm',
    name: 'typescript',
    version: '~5.4.5',
    exact: false,
    purl: 'pkg:npm/typescript',
    source: 'registry',
    direct: true,
    section: 'devDependencies',
    key: '["devDependencies","typescript"]',
    dev: true,
    range: span(13, 4, 26),
    introducedBy: [],
  },
  {
    ecosystem: 'npm',
    name: 'fsevents',
    version: '2.3.3',
    exact: true,
    purl: 'pkg:npm/fsevents@2.3.3',
    source: 'registry',
    direct: true,
    section: 'optionalDependencies',
    key: '["optionalDependencies","fsevents"]',
    optional: true,
    range: span(16, 4, 23),
    introducedBy: [],
  },
  {
    ecosystem: 'npm',
    name: 'react',
    version: '>=18',
    exact: false,
    purl: 'pkg:npm/react',
    source: 'registry',
    direct: true,
    section: 'peerDependencies',
    key: '["peerDependencies","react"]',
    range: span(19, 4, 19),
    introducedBy: [],
  },
];

const rows: ParserRow[] = [
  { name: 'no dependencies', fixture: 'empty.json', want: { records: [], problems: [] } },
  {
    name: 'every dependency section, aliases, git, file, workspace and tarball specs',
    fixture: 'sections.json',
    want: { records: SECTIONS, problems: [] },
  },
  {
    name: 'CRLF line endings keep positions',
    fixture: 'crlf-sections.json',
    want: { records: SECTIONS, problems: [] },
  },
  {
    // Limit pin: `resolutions` (minimist) yields no record.
    name: 'overrides: plain, version selectors, nested "." and $references',
    fixture: 'overrides.json',
    want: {
      problems: [],
      records: [
        {
          ecosystem: 'npm',
          name: 'semver',
          version: '^7.6.0',
          exact: false,
          purl: 'pkg:npm/semver',
          source: 'registry',
          direct: true,
          section: 'dependencies',
          key: '["dependencies","semver"]',
          range: span(3, 4, 22),
          introducedBy: [],
        },
        {
          ecosystem: 'npm',
          name: 'event-stream',
          version: '4.0.1',
          exact: true,
          purl: 'pkg:npm/event-stream@4.0.1',
          source: 'registry',
          direct: true,
          section: 'overrides',
          key: '["overrides","event-stream"]',
          range: span(6, 4, 27),
          introducedBy: [],
        },
        {
          ecosystem: 'npm',
          name: 'debug',
          version: '4.3.4',
          exact: true,
          purl: 'pkg:npm/debug@4.3.4',
          source: 'registry',
          direct: true,
          section: 'overrides',
          key: '["overrides","debug@<4"]',
          range: span(7, 4, 23),
          introducedBy: [],
        },
        {
          ecosystem: 'npm',
          name: '@babel/core',
          version: '7.24.0',
          exact: true,
          purl: 'pkg:npm/%40babel/core@7.24.0',
          source: 'registry',
          direct: true,
          section: 'overrides',
          key: '["overrides","@babel/core","."]',
          range: span(9, 6, 19),
          introducedBy: [],
        },
        {
          ecosystem: 'npm',
          name: 'semver',
          version: '^7.6.0',
          exact: false,
          purl: 'pkg:npm/semver',
          source: 'registry',
          direct: true,
          section: 'overrides',
          key: '["overrides","@babel/core","semver"]',
          range: span(10, 6, 25),
          introducedBy: [],
        },
      ],
    },
  },
  {
    name: 'non-string specs and non-object sections become unscanned problems',
    fixture: 'bad-entries.json',
    want: {
      problems: [
        {
          code: 'unscanned',
          message:
            'Dependency not-a-string in dependencies does not have a version string,' +
            ' so it was not checked.',
          range: span(4, 4, 22),
        },
        {
          code: 'unscanned',
          message:
            'Section devDependencies is not an object of name and version pairs,' +
            ' so it was not checked.',
          range: span(6, 2, 35),
        },
      ],
      records: [
        {
          ecosystem: 'npm',
          name: 'ok',
          version: '^1.0.0',
          exact: false,
          purl: 'pkg:npm/ok',
          source: 'registry',
          direct: true,
          section: 'dependencies',
          key: '["dependencies","ok"]',
          range: span(3, 4, 18),
          introducedBy: [],
        },
      ],
    },
  },
];

testParserRows('package-json', packageJsonParser, ['manifests', 'package-json'], rows);

const errorRows: ParseErrorRow[] = [
  {
    name: 'truncated file',
    fixture: 'truncated.json',
    message: 'package.json is not valid JSON: unexpected end of input at line 5, column 1',
  },
  {
    name: 'a JSON array',
    fixture: 'array.json',
    message: 'package.json is not a package manifest: expected an object',
  },
];

testParseErrors(
  'package-json',
  packageJsonParser,
  ['manifests', 'package-json'],
  '/repo/package.json',
  errorRows,
);

test('package-json: matches package.json only', () => {
  const names = ['a/package.json', 'package-lock.json', 'package.json5'];
  assert.deepEqual(
    names.map((name) => packageJsonParser.matches(name)),
    [true, false, false],
  );
});
