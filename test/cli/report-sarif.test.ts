// SPDX-License-Identifier: Apache-2.0
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

import { formatSarif } from '../../server/src/cli/report/sarif';
import {
  CONTEXT,
  DENIED,
  INSTALL_SCRIPT,
  POLICY_ERROR,
  SUPPRESSED,
  checkResult,
  loadSchema,
  range,
} from './report-fixtures';

import type { Finding } from '../../server/src/core/types';

// The OASIS schema (2.1.0 errata 01) is written in JSON Schema draft-04.
const ajv = new Ajv04({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(loadSchema('sarif-schema-2.1.0.json'));

interface SarifResult {
  ruleId: string;
  level: string;
  locations: { physicalLocation: { artifactLocation: Record<string, string> } }[];
  partialFingerprints: Record<string, string>;
}

function render(findings: Finding[], suppressed: Finding[] = []): Record<string, unknown> {
  return JSON.parse(formatSarif(checkResult(findings, suppressed), CONTEXT)) as Record<
    string,
    unknown
  >;
}

function results(log: Record<string, unknown>): SarifResult[] {
  return (log.runs as { results: SarifResult[] }[])[0]?.results ?? [];
}

function lockfileLocation(line: number, from: number, to: number): unknown {
  return {
    physicalLocation: {
      artifactLocation: { uri: 'package-lock.json', uriBaseId: '%SRCROOT%' },
      region: { startLine: line, startColumn: from, endLine: line, endColumn: to },
    },
  };
}

describe('formatSarif', () => {
  test('renders rules, results, related locations and suppressions', () => {
    const log = render([DENIED], [SUPPRESSED]);

    assert.ok(validate(log), ajv.errorsText(validate.errors));
    assert.deepEqual(log, {
      $schema:
        'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/' +
        'sarif-schema-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'sscs',
              version: '0.1.0',
              informationUri:
                'https://marketplace.visualstudio.com/items?itemName=sscs.sscs-vscode',
              rules: [
                {
                  id: 'denied',
                  name: 'Denied',
                  shortDescription: { text: 'Denied package' },
                  fullDescription: {
                    text: 'A deny rule of the policy matches this package version.',
                  },
                  help: {
                    text:
                      'Move to a version no deny rule matches, remove the dependency, or add ' +
                      'a justified, dated exception for this package to the policy.',
                  },
                  defaultConfiguration: { level: 'error' },
                },
                {
                  id: 'quarantined',
                  name: 'Quarantined',
                  shortDescription: { text: 'Quarantined package' },
                  fullDescription: {
                    text: 'A quarantine rule matches: the package awaits a security review.',
                  },
                  help: {
                    text:
                      'Wait for the review to allow it, use another package, or add a ' +
                      'justified, dated exception for this package to the policy.',
                  },
                  defaultConfiguration: { level: 'warning' },
                },
              ],
            },
          },
          invocations: [{ executionSuccessful: true, endTimeUtc: '2026-03-04T05:06:07.890Z' }],
          originalUriBaseIds: { '%SRCROOT%': { uri: 'file:///work/project/' } },
          columnKind: 'utf16CodeUnits',
          results: [
            {
              ruleId: 'denied',
              ruleIndex: 0,
              level: 'error',
              message: { text: DENIED.message },
              locations: [lockfileLocation(42, 5, 35)],
              partialFingerprints: { 'sscsFinding/v1': '42e9ff98d1ec5f78888679cde26f3303:1' },
              relatedLocations: [
                {
                  id: 1,
                  physicalLocation: {
                    artifactLocation: { uri: 'package.json', uriBaseId: '%SRCROOT%' },
                    region: { startLine: 6, startColumn: 5, endLine: 6, endColumn: 28 },
                  },
                  message: { text: 'event-stream is brought in by this dependency.' },
                },
              ],
            },
            {
              ruleId: 'quarantined',
              ruleIndex: 1,
              level: 'warning',
              message: { text: SUPPRESSED.message },
              locations: [lockfileLocation(61, 5, 33)],
              partialFingerprints: { 'sscsFinding/v1': '400611572567d64690fe3225e975c0e8:1' },
              suppressions: [
                {
                  kind: 'external',
                  status: 'accepted',
                  justification:
                    'Vendored and patched. Approved by security@acme until 2027-01-31.',
                },
              ],
            },
          ],
        },
      ],
    });
  });

  test('every severity, a package-less finding and odd paths validate', () => {
    const outside = { ...INSTALL_SCRIPT, file: '/elsewhere/package-lock.json' };
    const log = render([DENIED, INSTALL_SCRIPT, POLICY_ERROR, outside], [SUPPRESSED]);

    assert.ok(validate(log), ajv.errorsText(validate.errors));
    const root = { uriBaseId: '%SRCROOT%' };
    const where = (r: SarifResult) => r.locations[0]?.physicalLocation.artifactLocation;
    assert.deepEqual(
      results(log).map((r) => [r.ruleId, r.level, where(r)]),
      [
        ['denied', 'error', { uri: 'package-lock.json', ...root }],
        ['install-script', 'note', { uri: 'web%20app/package-lock.json', ...root }],
        ['policy-error', 'error', { uri: '.sscs/policy.jsonc', ...root }],
        ['install-script', 'note', { uri: 'file:///elsewhere/package-lock.json' }],
        ['quarantined', 'warning', { uri: 'package-lock.json', ...root }],
      ],
    );
  });

  test('the vendored schema rejects a result without a message', () => {
    const log = render([DENIED]);
    delete (results(log)[0] as unknown as Record<string, unknown>).message;

    assert.equal(validate(log), false);
  });

  test('fingerprints survive line moves; repeats and package-less findings stay apart', () => {
    const prints = (findings: Finding[]) =>
      results(render(findings)).map((r) => r.partialFingerprints['sscsFinding/v1']);
    const moved = { ...DENIED, range: range(7, 0, 3) };
    const otherPolicyError = { ...POLICY_ERROR, message: 'Rule x has no package.' };

    assert.deepEqual(prints([moved]), prints([DENIED]));
    assert.deepEqual(prints([DENIED, moved]), [
      '42e9ff98d1ec5f78888679cde26f3303:1',
      '42e9ff98d1ec5f78888679cde26f3303:2',
    ]);
    const [first, second] = prints([POLICY_ERROR, otherPolicyError]);
    assert.notEqual(first?.split(':')[0], second?.split(':')[0]);
  });

  test('a run without findings is valid and has no rules', () => {
    const log = render([]);
    const run = (log.runs as { tool: { driver: { rules: unknown[] } } }[])[0];

    assert.ok(validate(log), ajv.errorsText(validate.errors));
    assert.deepEqual([results(log), run?.tool.driver.rules], [[], []]);
  });
});
