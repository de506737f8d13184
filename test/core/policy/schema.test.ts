// SPDX-License-Identifier: Apache-2.0
// The JSON Schema shipped for VS Code's jsonValidation accepts what the loader accepts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import Ajv from 'ajv';
import { parse } from 'jsonc-parser';

import schema from '../../../schemas/policy.schema.json';
import { SPEC_EXAMPLE } from './helpers';

// allowComments, allowTrailingCommas and enumDescriptions are VS Code's schema keywords.
const ajv = new Ajv({ allErrors: true });
ajv.addVocabulary(['allowComments', 'allowTrailingCommas', 'enumDescriptions']);
const validate = ajv.compile(schema);

const rule = { id: 'r', action: 'deny', package: 'pkg:npm/a' };
const exception = { rule: 'r', package: 'pkg:npm/a@1.0.0', reason: 'Ok.', expires: '2027-01-31' };
const signedByKey = { id: 'release', files: 'dist/*.tgz', key: 'keys/release.pub' };
const byIdentity = {
  certificateIdentity: 'ci@acme.example',
  certificateOidcIssuer: 'https://oidc.acme.example',
};

const rows: [string, unknown, boolean][] = [
  ['the SPEC.md example', parse(SPEC_EXAMPLE), true],
  ['a bare version', { version: 1 }, true],
  [
    'a scoped glob and a hygiene exception',
    {
      version: 1,
      rules: [{ ...rule, package: 'pkg:npm/@newco/*' }],
      exceptions: [{ ...exception, rule: 'install-script', package: 'pkg:npm/%40acme/tool' }],
      minimumReleaseAge: 3,
    },
    true,
  ],
  ['version as a string', { version: '1' }, false],
  ['version 2', { version: 2 }, false],
  ['no version', { mode: 'enforced' }, false],
  ['mode outside the enum', { version: 1, mode: 'strict' }, false],
  ['defaultAction of the wrong type', { version: 1, defaultAction: true }, false],
  ['an unknown property', { version: 1, rulez: [] }, false],
  ['an unknown ecosystem', { version: 1, registries: { deb: ['https://x.example/'] } }, false],
  ['an http registry', { version: 1, registries: { npm: ['http://x.example/'] } }, false],
  ['a rule action outside the enum', { version: 1, rules: [{ ...rule, action: 'block' }] }, false],
  ['a rule package that is not a purl', { version: 1, rules: [{ ...rule, package: 'a' }] }, false],
  [
    'a rule package with a version',
    {
      version: 1,
      rules: [{ ...rule, package: 'pkg:npm/a@1.0.0' }],
    },
    false,
  ],
  ['a rule without id', { version: 1, rules: [{ action: 'deny', package: 'pkg:npm/a' }] }, false],
  [
    'an exception without reason',
    {
      version: 1,
      exceptions: [{ rule: 'r', package: 'pkg:npm/a', expires: '2027-01-31' }],
    },
    false,
  ],
  [
    'an exception date in another format',
    {
      version: 1,
      exceptions: [{ ...exception, expires: '31/01/2027' }],
    },
    false,
  ],
  ['allowProjectExceptions as a string', { version: 1, allowProjectExceptions: 'yes' }, false],
  ['a verify entry with a key', { version: 1, verify: [signedByKey] }, true],
  [
    'a verify entry with an identity and issuer',
    {
      version: 1,
      verify: [{ files: 'dist/*', bundle: 'sig/{file}.json', ...byIdentity, predicateType: 'x' }],
    },
    true,
  ],
  [
    'a verify entry with an identity pattern',
    {
      version: 1,
      verify: [
        { files: 'a', certificateIdentityRegexp: '^ci@', certificateOidcIssuer: 'https://i' },
      ],
    },
    true,
  ],
  ['a verify entry without files', { version: 1, verify: [{ key: 'k.pub' }] }, false],
  [
    'a verify entry without issuer',
    {
      version: 1,
      verify: [{ files: 'a', certificateIdentity: 'ci@acme.example' }],
    },
    false,
  ],
  [
    'a verify entry with a key and an identity',
    {
      version: 1,
      verify: [{ ...signedByKey, ...byIdentity }],
    },
    false,
  ],
  [
    'a verify glob leaving the project',
    {
      version: 1,
      verify: [{ ...signedByKey, files: '../a' }],
    },
    false,
  ],
  [
    'a verify entry with an unknown property',
    {
      version: 1,
      verify: [{ ...signedByKey, signature: 'a.sig' }],
    },
    false,
  ],
];

describe('policy.schema.json', () => {
  for (const [name, value, valid] of rows) {
    test(`${valid ? 'accepts' : 'rejects'} ${name}`, () => {
      assert.equal(validate(value), valid, JSON.stringify(validate.errors));
    });
  }

  test('describes every property', () => {
    const undocumented: string[] = [];
    const visit = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const properties = (node as { properties?: Record<string, unknown> }).properties;
      for (const [key, child] of Object.entries(properties ?? {})) {
        if (typeof (child as { description?: unknown }).description !== 'string') {
          undocumented.push(`${path}.${key}`);
        }
      }
      for (const [key, child] of Object.entries(node)) visit(child, `${path}.${key}`);
    };
    visit(schema, '');
    assert.deepStrictEqual(undocumented, []);
  });
});
