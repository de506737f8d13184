// SPDX-License-Identifier: Apache-2.0
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { loadPolicyText } from '../../../server/src/core/policy/load-policy';
import { ORG_PATH, PROJECT_PATH, SPEC_EXAMPLE, objectRange, rangeOf } from './helpers';

import type { PolicyLayerName } from '../../../server/src/core/policy/policy.types';
import type { Finding, Severity, TextRange } from '../../../server/src/core/types';

interface Problem {
  severity: Severity;
  message: string;
  /** Text the problem points at (its first occurrence), or an explicit range. */
  at: string | TextRange;
}

interface Row {
  name: string;
  text: string;
  layer?: PolicyLayerName;
  problems: Problem[];
  /** Undefined when the file is unusable; otherwise the ids of the rules kept. */
  rules?: string[];
  exceptions?: number;
}

const ZERO: TextRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const RULE = '"id": "r1", "action": "deny", "package": "pkg:npm/a"';
const EXCEPTION = '"rule": "r1", "package": "pkg:npm/a", "reason": "Ok."';

const rows: Row[] = [
  {
    name: 'empty file is unusable',
    text: '',
    problems: [
      {
        severity: 'error',
        message: 'The policy file is empty; it must be an object with "version": 1.',
        at: ZERO,
      },
    ],
  },
  {
    name: 'comment-only file is unusable',
    text: '// nothing yet\n',
    problems: [
      {
        severity: 'error',
        message: 'The policy file is empty; it must be an object with "version": 1.',
        at: ZERO,
      },
    ],
  },
  {
    name: 'missing comma is a syntax error at the next token',
    text: '{\n  "version": 1\n  "mode": "advisory"\n}',
    problems: [
      {
        severity: 'error',
        message: 'The policy is not valid JSON with comments: comma expected.',
        at: '"mode"',
      },
    ],
  },
  {
    name: 'unterminated object is a syntax error at the end',
    text: '{ "version": 1',
    problems: [
      {
        severity: 'error',
        message: 'The policy is not valid JSON with comments: close brace expected.',
        at: { start: { line: 0, character: 14 }, end: { line: 0, character: 14 } },
      },
    ],
  },
  {
    name: 'an array root is unusable',
    text: '[1]',
    problems: [
      {
        severity: 'error',
        message: 'The policy must be a JSON object with "version": 1.',
        at: '[1]',
      },
    ],
  },
  {
    name: 'missing version is reported at the opening brace',
    text: '{ "mode": "enforced" }',
    problems: [
      { severity: 'error', message: 'The policy has no "version"; add "version": 1.', at: '{' },
    ],
  },
  {
    name: 'version 2 is unusable',
    text: '{ "version": 2 }',
    problems: [
      {
        severity: 'error',
        message: 'Policy version 2 is not supported; use "version": 1.',
        at: '2',
      },
    ],
  },
  {
    name: 'version as a string is unusable',
    text: '{ "version": "1" }',
    problems: [
      {
        severity: 'error',
        message: 'Policy version "1" is not supported; use "version": 1.',
        at: '"1"',
      },
    ],
  },
  {
    name: 'trailing commas and comments are accepted',
    text: '{\n  // org\n  "version": 1, /* all */\n  "rules": [],\n}',
    problems: [],
    rules: [],
    exceptions: 0,
  },
  {
    name: 'unknown top-level property is a warning',
    text: '{ "version": 1, "rulez": [] }',
    problems: [
      {
        severity: 'warning',
        message: 'Unknown property "rulez" in the policy is ignored.',
        at: '"rulez"',
      },
    ],
    rules: [],
    exceptions: 0,
  },
  {
    name: 'repeated property keeps the first',
    text: '{ "version": 1, "mode": "enforced", "mode": "advisory" }',
    problems: [
      {
        severity: 'error',
        message: 'Property "mode" appears more than once; only the first one counts.',
        at: { start: { line: 0, character: 36 }, end: { line: 0, character: 42 } },
      },
    ],
    rules: [],
    exceptions: 0,
  },
  {
    name: 'mode outside the enum makes the file unusable (fail closed)',
    text: '{ "version": 1, "mode": "advisry" }',
    problems: [
      {
        severity: 'error',
        message: '"mode" must be one of "enforced", "advisory".',
        at: '"advisry"',
      },
    ],
  },
  {
    name: 'defaultAction of the wrong type makes the file unusable (fail closed)',
    text: '{ "version": 1, "defaultAction": 5 }',
    problems: [
      { severity: 'error', message: '"defaultAction" must be one of "allow", "deny".', at: '5' },
    ],
  },
  {
    name: 'registries not an object',
    text: '{ "version": 1, "registries": ["https://r.example/"] }',
    problems: [
      {
        severity: 'error',
        message: '"registries" must be an object.',
        at: '["https://r.example/"]',
      },
    ],
    rules: [],
    exceptions: 0,
  },
  {
    name: 'registries for an unknown ecosystem',
    text: '{ "version": 1, "registries": { "npmx": [] } }',
    problems: [
      {
        severity: 'error',
        message:
          '"npmx" is not a supported ecosystem; use one of "npm", "pypi", "maven", "golang", ' +
          '"cargo", "gem", "nuget", "composer".',
        at: '"npmx"',
      },
    ],
    rules: [],
    exceptions: 0,
  },
  {
    name: 'registry over http',
    text: '{ "version": 1, "registries": { "npm": ["http://r.example/", "https://ok.example/"] } }',
    problems: [
      {
        severity: 'error',
        message: 'Registry "http://r.example/" is not an https:// URL and is ignored.',
        at: '"http://r.example/"',
      },
    ],
    rules: [],
    exceptions: 0,
  },
  {
    name: 'registry list not an array',
    text: '{ "version": 1, "registries": { "npm": "https://r.example/" } }',
    problems: [
      {
        severity: 'error',
        message: '"registries.npm" must be an array.',
        at: '"https://r.example/"',
      },
    ],
    rules: [],
    exceptions: 0,
  },
  {
    name: 'internal package name of the wrong type',
    text: '{ "version": 1, "internalPackages": { "npm": ["@acme/*", 7] } }',
    problems: [{ severity: 'error', message: '"internalPackages" must be a string.', at: '7' }],
    rules: [],
    exceptions: 0,
  },
  {
    name: 'rules not an array',
    text: '{ "version": 1, "rules": {} }',
    problems: [{ severity: 'error', message: '"rules" must be an array.', at: '{}' }],
    rules: [],
    exceptions: 0,
  },
  {
    name: 'rule that is not an object',
    text: `{ "version": 1, "rules": [42, { ${RULE} }] }`,
    problems: [{ severity: 'error', message: 'Each rule must be a JSON object.', at: '42' }],
    rules: ['r1'],
    exceptions: 0,
  },
  {
    name: 'rule without id is dropped, the others kept',
    text: `{ "version": 1, "rules": [{ "action": "deny", "package": "pkg:npm/b" }, { ${RULE} }] }`,
    problems: [
      {
        severity: 'error',
        message: 'This rule has no "id" and is ignored.',
        at: '{ "action": "deny", "package": "pkg:npm/b" }',
      },
    ],
    rules: ['r1'],
    exceptions: 0,
  },
  {
    name: 'rule with an unknown action',
    text: '{ "version": 1, "rules": [{ "id": "r", "action": "block", "package": "pkg:npm/a" }] }',
    problems: [
      {
        severity: 'error',
        message: '"action" must be one of "allow", "deny", "quarantine".',
        at: '"block"',
      },
    ],
    rules: [],
    exceptions: 0,
  },
  {
    name: 'rule package that is not a purl',
    text: '{ "version": 1, "rules": [{ "id": "r", "action": "deny", "package": "npm/a" }] }',
    problems: [
      {
        severity: 'error',
        message: '"npm/a" is not a package URL such as pkg:npm/name or pkg:npm/@scope/*.',
        at: '"npm/a"',
      },
    ],
    rules: [],
    exceptions: 0,
  },
  {
    name: 'rule package of an unknown type',
    text: '{ "version": 1, "rules": [{ "id": "r", "action": "deny", "package": "pkg:deb/a" }] }',
    problems: [
      {
        severity: 'error',
        message: '"pkg:deb/a" is not a package URL such as pkg:npm/name or pkg:npm/@scope/*.',
        at: '"pkg:deb/a"',
      },
    ],
    rules: [],
    exceptions: 0,
  },
  {
    name: 'rule package with a version',
    text:
      '{ "version": 1, "rules": [{ "id": "r", "action": "deny", ' +
      '"package": "pkg:npm/a@1.0.0" }] }',
    problems: [
      {
        severity: 'error',
        message:
          'Rule package "pkg:npm/a@1.0.0" names a version; put the version range in "versions" ' +
          'instead.',
        at: '"pkg:npm/a@1.0.0"',
      },
    ],
    rules: [],
    exceptions: 0,
  },
  {
    name: 'rule versions that are not an npm range',
    text: `{ "version": 1, "rules": [{ ${RULE}, "versions": ">>1" }] }`,
    problems: [
      { severity: 'error', message: '">>1" is not a valid npm version range.', at: '">>1"' },
    ],
    rules: [],
    exceptions: 0,
  },
  {
    name: 'repeated rule id keeps the first rule',
    text: `{ "version": 1, "rules": [{ ${RULE} }, { ${RULE} }] }`,
    problems: [
      {
        severity: 'error',
        message: 'Rule id "r1" is already used in this policy file; this rule is ignored.',
        at: rangeOf(`{ "version": 1, "rules": [{ ${RULE} }, { ${RULE} }] }`, '"r1"', 2),
      },
    ],
    rules: ['r1'],
    exceptions: 0,
  },
  {
    name: 'unknown rule property is a warning and keeps the rule',
    text: `{ "version": 1, "rules": [{ ${RULE}, "note": "x" }] }`,
    problems: [
      {
        severity: 'warning',
        message: 'Unknown property "note" in a rule is ignored.',
        at: '"note"',
      },
    ],
    rules: ['r1'],
    exceptions: 0,
  },
  {
    name: 'exception with an impossible date',
    text: `{ "version": 1, "exceptions": [{ ${EXCEPTION}, "expires": "2027-02-30" }] }`,
    problems: [
      {
        severity: 'error',
        message: '"expires" must be a date written YYYY-MM-DD, not "2027-02-30".',
        at: '"2027-02-30"',
      },
    ],
    rules: [],
    exceptions: 0,
  },
  {
    name: 'exception without reason',
    text:
      '{ "version": 1, "exceptions": [{ "rule": "r1", "package": "pkg:npm/a", ' +
      '"expires": "2027-01-01" }] }',
    problems: [
      {
        severity: 'error',
        message: 'This exception has no "reason" and is ignored.',
        at: '{ "rule": "r1", "package": "pkg:npm/a", "expires": "2027-01-01" }',
      },
    ],
    rules: [],
    exceptions: 0,
  },
  {
    name: 'exception version that is a range',
    text:
      '{ "version": 1, "exceptions": [{ "rule": "r1", "package": "pkg:npm/a@^1.0.0", ' +
      '"reason": "Ok.", "expires": "2027-01-01" }] }',
    problems: [
      {
        severity: 'error',
        message: '"^1.0.0" is not an exact npm version.',
        at: '"pkg:npm/a@^1.0.0"',
      },
    ],
    rules: [],
    exceptions: 0,
  },
  {
    name: 'valid exception is kept',
    text: `{ "version": 1, "exceptions": [{ ${EXCEPTION}, "expires": "2027-01-01" }] }`,
    problems: [],
    rules: [],
    exceptions: 1,
  },
  {
    name: 'allowProjectExceptions in a project policy',
    layer: 'project',
    text: '{ "version": 1, "allowProjectExceptions": true }',
    problems: [
      {
        severity: 'error',
        message:
          '"allowProjectExceptions" counts only in the organization policy and is ignored here.',
        at: '"allowProjectExceptions"',
      },
    ],
    rules: [],
    exceptions: 0,
  },
  {
    name: 'allowProjectExceptions that is not a boolean',
    text: '{ "version": 1, "allowProjectExceptions": "yes" }',
    problems: [
      {
        severity: 'error',
        message: '"allowProjectExceptions" must be true or false.',
        at: '"yes"',
      },
    ],
    rules: [],
    exceptions: 0,
  },
  {
    name: 'negative minimumReleaseAge',
    text: '{ "version": 1, "minimumReleaseAge": -1 }',
    problems: [
      {
        severity: 'error',
        message: '"minimumReleaseAge" must be a number of days, zero or more.',
        at: '-1',
      },
    ],
    rules: [],
    exceptions: 0,
  },
];

describe('loadPolicyText', () => {
  for (const row of rows) {
    test(row.name, () => {
      const layer = row.layer ?? 'organization';
      const path = layer === 'organization' ? ORG_PATH : PROJECT_PATH;
      const loaded = loadPolicyText(row.text, path, layer);

      const want: Finding[] = row.problems.map((problem) => ({
        code: 'policy-error',
        severity: problem.severity,
        message: problem.message,
        file: path,
        range: typeof problem.at === 'string' ? rangeOf(row.text, problem.at) : problem.at,
      }));
      assert.deepStrictEqual(loaded.problems, want);
      assert.deepStrictEqual(
        loaded.policy && {
          rules: loaded.policy.rules.map((rule) => rule.id),
          exceptions: loaded.policy.exceptions.length,
        },
        row.rules && { rules: row.rules, exceptions: row.exceptions },
      );
    });
  }

  test('reads the SPEC.md example into a whole document', () => {
    const text = SPEC_EXAMPLE;
    const loaded = loadPolicyText(text, ORG_PATH, 'organization');
    const origin = { layer: 'organization' as const, path: ORG_PATH };

    assert.deepStrictEqual(loaded, {
      layer: 'organization',
      path: ORG_PATH,
      text,
      problems: [],
      policy: {
        version: 1,
        mode: { value: 'enforced', range: rangeOf(text, '"enforced"') },
        defaultAction: { value: 'allow', range: rangeOf(text, '"allow"') },
        registries: {
          npm: [
            {
              value: 'https://registry.npmjs.org/',
              range: rangeOf(text, '"https://registry.npmjs.org/"'),
            },
            {
              value: 'https://gitlab.example.com/api/v4/packages/npm/',
              range: rangeOf(text, '"https://gitlab.example.com/api/v4/packages/npm/"'),
            },
          ],
        },
        internalPackages: { npm: ['@acme/*'] },
        rules: [
          {
            id: 'no-event-stream',
            action: 'deny',
            package: 'pkg:npm/event-stream',
            versions: '3.3.6',
            reason: 'Compromised release.',
            ...origin,
            range: objectRange(text, '{ "id": "no-event-stream"'),
          },
          {
            id: 'new-vendor',
            action: 'quarantine',
            package: 'pkg:npm/@newco/*',
            reason: 'Pending security review.',
            ...origin,
            range: objectRange(text, '{ "id": "new-vendor"'),
          },
          {
            id: 'approved-lodash',
            action: 'allow',
            package: 'pkg:npm/lodash',
            versions: '>=4.17.21',
            ...origin,
            range: objectRange(text, '{ "id": "approved-lodash"'),
          },
        ],
        exceptions: [
          {
            rule: 'no-event-stream',
            package: 'pkg:npm/event-stream@3.3.6',
            reason: 'Vendored and patched.',
            expires: '2027-01-31',
            approvedBy: 'security@acme',
            ...origin,
            range: objectRange(text, '{ "rule": "no-event-stream"'),
          },
        ],
        allowProjectExceptions: { value: false, range: rangeOf(text, 'false') },
      },
    });
  });

  test('a byte order mark does not shift ranges', () => {
    const loaded = loadPolicyText('\ufeff{ "version": 2 }', ORG_PATH, 'organization');
    assert.deepStrictEqual(
      loaded.problems.map((problem) => problem.range),
      [{ start: { line: 0, character: 13 }, end: { line: 0, character: 14 } }],
    );
  });
});
