// SPDX-License-Identifier: Apache-2.0
// The `verify` section of a policy file: entries kept, each problem at its exact range, and
// how the two layers combine.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { loadPolicyText } from '../../../server/src/core/policy/load-policy';
import { mergePolicies } from '../../../server/src/core/policy/merge';
import { LineIndex } from '../../../server/src/core/text';
import { ORG_PATH, PROJECT_PATH, rangeOf } from './helpers';

import type {
  PolicyLayerName,
  VerifyRequirement,
} from '../../../server/src/core/policy/policy.types';
import type { Finding, Severity, TextRange } from '../../../server/src/core/types';

interface Row {
  name: string;
  /** The elements of the `verify` array, as written. */
  entries: string[];
  /** The whole policy text, when it is not a `verify` array of `entries`. */
  text?: string;
  layer?: PolicyLayerName;
  path?: string;
  /** `at` is the text the problem points at, its `occurrence`-th appearance (default 1). */
  problems: { severity: Severity; message: string; at: string; occurrence?: number }[];
  /** Entries kept; `range` is filled in from the entry text starting with `at`. */
  verify: (Omit<VerifyRequirement, 'range' | 'layer' | 'path'> & { at: string })[];
}

const KEY = '"files": "dist/*.tgz", "key": "keys/release.pub"';
const IDENTITY = '"certificateIdentity": "ci@acme.example"';
const ISSUER = '"certificateOidcIssuer": "https://oidc.acme.example"';
const BUNDLE = '{file}.sigstore.json';

function policyText(entries: string[]): string {
  const body = entries.map((entry) => `    ${entry}`).join(',\n');
  return `{\n  "version": 1,\n  "verify": [\n${body}\n  ]\n}\n`;
}

const rows: Row[] = [
  {
    name: 'a key entry keeps its values and gets the default bundle',
    entries: [`{ "id": "release", ${KEY} }`],
    problems: [],
    verify: [
      {
        at: '{ "id": "release"',
        id: 'release',
        files: 'dist/*.tgz',
        bundle: BUNDLE,
        key: 'keys/release.pub',
      },
    ],
  },
  {
    name: 'an identity entry with every optional property',
    entries: [
      `{ "files": "out/**", "bundle": "sig/{file}.json", ${IDENTITY}, ${ISSUER}, ` +
        '"trustedRoot": "root.json", "predicateType": "https://slsa.dev/provenance/v1" }',
    ],
    problems: [],
    verify: [
      {
        at: '{ "files": "out/**"',
        files: 'out/**',
        bundle: 'sig/{file}.json',
        identity: 'ci@acme.example',
        issuer: 'https://oidc.acme.example',
        trustedRoot: 'root.json',
        predicateType: 'https://slsa.dev/provenance/v1',
      },
    ],
  },
  {
    name: 'an attestation entry defaults to the bundle sscs attest writes',
    entries: ['{ "files": "a.bin", "key": "k.pub", "predicateType": "https://x.example/v1" }'],
    problems: [],
    verify: [
      {
        at: '{ "files": "a.bin"',
        files: 'a.bin',
        bundle: '{file}.intoto.sigstore.json',
        key: 'k.pub',
        predicateType: 'https://x.example/v1',
      },
    ],
  },
  {
    name: 'an identity pattern instead of an exact identity',
    entries: [`{ "files": "a.bin", "certificateIdentityRegexp": "^ci@.*$", ${ISSUER} }`],
    problems: [],
    verify: [
      {
        at: '{ "files": "a.bin"',
        files: 'a.bin',
        bundle: BUNDLE,
        identityPattern: '^ci@.*$',
        issuer: 'https://oidc.acme.example',
      },
    ],
  },
  {
    name: 'verify that is not an array',
    entries: [],
    text: '{ "version": 1, "verify": "dist/*" }',
    problems: [{ severity: 'error', message: '"verify" must be an array.', at: '"dist/*"' }],
    verify: [],
  },
  {
    name: 'an entry that is not an object',
    entries: ['"dist/*.tgz"'],
    problems: [
      {
        severity: 'error',
        message: 'Each verify entry must be a JSON object.',
        at: '"dist/*.tgz"',
      },
    ],
    verify: [],
  },
  ...(
    [
      ['id', '{ "id": 7, ', '7'],
      ['files', '{ "files": ["a"], "key": "k.pub" }', '["a"]'],
      ['bundle', '{ "bundle": true, ', 'true'],
      ['key', '{ "files": "a", "key": 12345 }', '12345'],
      ['certificateIdentity', `{ "files": "a", "certificateIdentity": null, ${ISSUER} }`, 'null'],
      ['certificateOidcIssuer', `{ "files": "a", ${IDENTITY}, "certificateOidcIssuer": 2 }`, '2'],
      ['trustedRoot', '{ "trustedRoot": {}, ', '{}'],
      ['predicateType', '{ "predicateType": [], ', '[]'],
    ] as const
  ).map(([name, entry, at]): Row => ({
    name: `"${name}" of the wrong type is reported at its value`,
    entries: [entry.endsWith(', ') ? `${entry}${KEY} }` : entry],
    problems: [{ severity: 'error', message: `"${name}" must be a string.`, at }],
    verify: [],
  })),
  {
    name: 'an entry without files',
    entries: ['{ "key": "k.pub" }'],
    problems: [
      {
        severity: 'error',
        message: 'This verify entry has no "files" and is ignored.',
        at: '{ "key": "k.pub" }',
      },
    ],
    verify: [],
  },
  {
    name: 'an entry with neither key nor identity',
    entries: [`{ "files": "a", ${ISSUER} }`],
    problems: [
      {
        severity: 'error',
        message:
          'This verify entry has no "key" and no "certificateIdentity" or ' +
          '"certificateIdentityRegexp", so it would accept any signer; it is ignored.',
        at: `{ "files": "a", ${ISSUER} }`,
      },
    ],
    verify: [],
  },
  {
    name: 'an identity without an issuer',
    entries: [`{ "files": "a", ${IDENTITY} }`],
    problems: [
      {
        severity: 'error',
        message:
          'This verify entry has a certificate identity but no "certificateOidcIssuer"; ' +
          'it is ignored.',
        at: `{ "files": "a", ${IDENTITY} }`,
      },
    ],
    verify: [],
  },
  {
    name: 'a key together with an identity',
    entries: [`{ ${KEY}, ${IDENTITY}, ${ISSUER} }`],
    problems: [
      {
        severity: 'error',
        message:
          'This verify entry names both a "key" and a certificate identity or issuer; ' +
          'it is ignored.',
        at: `{ ${KEY}, ${IDENTITY}, ${ISSUER} }`,
      },
    ],
    verify: [],
  },
  {
    name: 'an identity and an identity pattern together',
    entries: [`{ "files": "a", ${IDENTITY}, "certificateIdentityRegexp": "^x$", ${ISSUER} }`],
    problems: [
      {
        severity: 'error',
        message: '"certificateIdentityRegexp" cannot be used together with "certificateIdentity".',
        at: '"^x$"',
      },
    ],
    verify: [],
  },
  {
    name: 'an identity pattern that is not a regular expression',
    entries: [`{ "files": "a", "certificateIdentityRegexp": "(", ${ISSUER} }`],
    problems: [{ severity: 'error', message: '"(" is not a valid regular expression.', at: '"("' }],
    verify: [],
  },
  {
    name: 'globs and bundles must stay inside the project',
    entries: [
      '{ "files": "../x/*", "key": "k.pub" }',
      '{ "files": "a", "bundle": "/s/{file}", "key": "k" }',
    ],
    problems: [
      {
        severity: 'error',
        message: '"files" must be a path relative to the project folder, without "..".',
        at: '"../x/*"',
      },
      {
        severity: 'error',
        message: '"bundle" must be a path relative to the project folder, without "..".',
        at: '"/s/{file}"',
      },
    ],
    verify: [],
  },
  {
    name: 'an unknown property is a warning and the entry is kept',
    entries: [`{ ${KEY}, "sigstore": true }`],
    problems: [
      {
        severity: 'warning',
        message: 'Unknown property "sigstore" in a verify entry is ignored.',
        at: '"sigstore"',
      },
    ],
    verify: [{ at: `{ ${KEY}`, files: 'dist/*.tgz', bundle: BUNDLE, key: 'keys/release.pub' }],
  },
  {
    name: 'a repeated id keeps the first entry',
    entries: [`{ "id": "r", ${KEY} }`, '{ "id": "r", "files": "b", "key": "k.pub" }'],
    problems: [
      {
        severity: 'error',
        message: 'Verify entry id "r" is already used in this policy file; this entry is ignored.',
        at: '"r"',
        occurrence: 2,
      },
    ],
    verify: [
      {
        at: '{ "id": "r", "files": "dist',
        id: 'r',
        files: 'dist/*.tgz',
        bundle: BUNDLE,
        key: 'keys/release.pub',
      },
    ],
  },
  {
    name: 'an organization policy fetched by URL must name keys by absolute path',
    layer: 'organization',
    path: 'https://policy.acme.example/org.jsonc',
    entries: [`{ ${KEY} }`, '{ "files": "b", "key": "/etc/sscs/release.pub" }'],
    problems: [
      {
        severity: 'error',
        message: '"key" must be an absolute path in an organization policy fetched by URL.',
        at: '"keys/release.pub"',
      },
    ],
    verify: [{ at: '{ "files": "b"', files: 'b', bundle: BUNDLE, key: '/etc/sscs/release.pub' }],
  },
];

// Range of the one-line entry starting with `start` (bundle templates hold braces, so the
// first closing brace does not end it).
function entryRange(text: string, start: string): TextRange {
  const from = text.indexOf(start);
  if (from === -1) throw new Error(`"${start}" not found`);
  const end = text.indexOf('\n', from);
  const to = text[end - 1] === ',' ? end - 1 : end;
  return new LineIndex(text).rangeAt(from, to - from);
}

function problemAt(text: string, path: string, problem: Row['problems'][number]): Finding {
  const range = problem.at.startsWith('{ ')
    ? entryRange(text, problem.at)
    : rangeOf(text, problem.at, problem.occurrence);
  return {
    code: 'policy-error',
    severity: problem.severity,
    message: problem.message,
    file: path,
    range,
  };
}

describe('loadPolicyText: verify', () => {
  for (const row of rows) {
    test(row.name, () => {
      const layer = row.layer ?? 'project';
      const path = row.path ?? (layer === 'project' ? PROJECT_PATH : ORG_PATH);
      const text = row.text ?? policyText(row.entries);

      const loaded = loadPolicyText(text, path, layer);

      const problems = row.problems.map((problem) => problemAt(text, path, problem));
      const verify = row.verify.map(({ at, ...entry }) => ({
        ...entry,
        layer,
        path,
        range: entryRange(text, at),
      }));
      assert.deepStrictEqual(
        { problems: loaded.problems, verify: loaded.policy?.verify },
        { problems, verify },
      );
    });
  }

  test('a policy without verify has no verify list', () => {
    const loaded = loadPolicyText('{ "version": 1 }', PROJECT_PATH, 'project');
    assert.deepStrictEqual(loaded.policy, {
      version: 1,
      registries: {},
      internalPackages: {},
      rules: [],
      exceptions: [],
    });
  });
});

describe('mergePolicies: verify', () => {
  test('entries of both layers apply, organization first', () => {
    const org = loadPolicyText(policyText([`{ "id": "o", ${KEY} }`]), ORG_PATH, 'organization');
    const project = loadPolicyText(
      policyText(['{ "id": "p", "files": "bin/*", "key": "p.pub" }']),
      PROJECT_PATH,
      'project',
    );

    const merged = mergePolicies(org, project);

    assert.deepStrictEqual(
      merged.verify?.map((entry) => [entry.layer, entry.id, entry.files]),
      [
        ['organization', 'o', 'dist/*.tgz'],
        ['project', 'p', 'bin/*'],
      ],
    );
    assert.deepStrictEqual(merged.problems, []);
  });

  test('without entries in either layer the effective policy has no verify list', () => {
    const merged = mergePolicies(
      undefined,
      loadPolicyText('{ "version": 1 }', PROJECT_PATH, 'project'),
    );
    assert.equal('verify' in merged, false);
  });
});
