// SPDX-License-Identifier: Apache-2.0
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { applyEdits } from 'jsonc-parser';

import { PolicyError } from '../../../server/src/core/errors';
import { addExceptionEdit } from '../../../server/src/core/policy/edit';
import { loadPolicyText } from '../../../server/src/core/policy/load-policy';

import type { ExceptionDraft } from '../../../server/src/core/policy/edit';

const draft: ExceptionDraft = {
  rule: 'no-event-stream',
  package: 'pkg:npm/event-stream@3.3.6',
  reason: 'Vendored and patched.',
  expires: '2027-01-31',
};

const ADDED = `{
      "rule": "no-event-stream",
      "package": "pkg:npm/event-stream@3.3.6",
      "reason": "Vendored and patched.",
      "expires": "2027-01-31"
    }`;

function apply(text: string, exception: ExceptionDraft = draft): string {
  const result = addExceptionEdit(text, exception);
  if (!('edits' in result)) throw new Error('expected edits');
  return applyEdits(text, result.edits);
}

describe('addExceptionEdit', () => {
  test('without a file, creates one', () => {
    assert.deepStrictEqual(addExceptionEdit(undefined, { ...draft, approvedBy: 'me@acme' }), {
      text: `{
  "version": 1,
  "exceptions": [
    {
      "rule": "no-event-stream",
      "package": "pkg:npm/event-stream@3.3.6",
      "reason": "Vendored and patched.",
      "expires": "2027-01-31",
      "approvedBy": "me@acme"
    }
  ]
}
`,
    });
  });

  test('an empty file is treated as no file', () => {
    assert.ok('text' in addExceptionEdit('  \n', draft));
  });

  const ONE = '{ "rule": "a", "package": "pkg:npm/a", "reason": "Ok.", "expires": "2027-01-01" }';
  const appendRows: [string, string, string][] = [
    [
      'appends after the last element and leaves the rest untouched',
      `{\n  // project policy\n  "version": 1,\n  "exceptions": [\n    // first\n` +
        `    ${ONE}\n  ]\n}\n`,
      `{\n  // project policy\n  "version": 1,\n  "exceptions": [\n    // first\n    ${ONE},\n` +
        `    ${ADDED}\n  ]\n}\n`,
    ],
    [
      'keeps a line comment on the element it belongs to',
      `{\n  "version": 1,\n  "exceptions": [\n    ${ONE} // why\n  ]\n}`,
      `{\n  "version": 1,\n  "exceptions": [\n    ${ONE}, // why\n    ${ADDED}\n  ]\n}`,
    ],
    [
      'keeps the trailing comma style',
      `{\n  "version": 1,\n  "exceptions": [\n    ${ONE},\n  ],\n}`,
      `{\n  "version": 1,\n  "exceptions": [\n    ${ONE},\n    ${ADDED},\n  ],\n}`,
    ],
  ];
  for (const [name, text, want] of appendRows) {
    test(name, () => assert.equal(apply(text), want));
  }

  const layoutRows: [string, string][] = [
    ['lays out a one-line array', `{ "version": 1, "exceptions": [${ONE}] }`],
    ['fills an empty array', '{ "version": 1, "exceptions": [] }'],
  ];
  for (const [name, text] of layoutRows) {
    test(name, () => {
      const loaded = loadPolicyText(apply(text), 'p', 'project');
      assert.deepStrictEqual(
        { problems: loaded.problems, rules: loaded.policy?.exceptions.map((e) => e.rule) },
        {
          problems: [],
          rules: text.includes('"a"') ? ['a', 'no-event-stream'] : ['no-event-stream'],
        },
      );
    });
  }

  test('adds the exceptions property when missing', () => {
    const text = '{\n  // keep me\n  "version": 1\n}\n';
    assert.equal(
      apply(text),
      `{\n  // keep me\n  "version": 1,\n  "exceptions": [\n    ${ADDED}\n  ]\n}\n`,
    );
  });

  test('keeps CRLF line ends', () => {
    const got = apply('{\r\n  "version": 1\r\n}\r\n');
    assert.ok(!got.replace(/\r\n/g, '').includes('\n'));
  });

  const invalid: [string, string][] = [
    ['not an object', '[]'],
    ['exceptions not an array', '{ "version": 1, "exceptions": {} }'],
  ];
  for (const [name, text] of invalid) {
    test(`refuses a policy whose ${name}`, () => {
      assert.throws(
        () => addExceptionEdit(text, draft),
        (err: unknown) => err instanceof PolicyError && err.code === 'POLICY_INVALID',
      );
    });
  }
});
