// SPDX-License-Identifier: Apache-2.0
// `sscs check --format sarif|gitlab` on the demo, through the built CLI, validated against the
// vendored official schemas; exceptions appear as SARIF suppressions.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import Ajv from 'ajv';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

import { loadSchema } from './report-fixtures';
import { runCli } from './run-cli';

const ARGS = ['check', 'examples/npm-demo', '--org-policy', 'examples/npm-demo/org-policy.jsonc'];

interface SarifResult {
  ruleId: string;
  level: string;
  suppressions?: { kind: string; justification: string }[];
  locations: {
    physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
  }[];
}

describe('sscs check report formats on the demo', () => {
  test('SARIF 2.1.0: valid, one result per finding, the exception as a suppression', () => {
    const run = runCli([...ARGS, '--format', 'sarif']);
    assert.equal(run.status, 1, run.stderr);
    const log = JSON.parse(run.stdout) as { runs: { results: SarifResult[] }[] };
    const ajv = new Ajv04({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(loadSchema('sarif-schema-2.1.0.json'));
    assert.ok(validate(log), JSON.stringify(validate.errors));

    const results = log.runs[0].results;
    assert.equal(results.filter((r) => !r.suppressions).length, 17);
    const suppressed = results.filter((r) => r.suppressions);
    assert.deepEqual(
      suppressed.map((r) => [
        r.ruleId,
        r.locations[0].physicalLocation.artifactLocation.uri,
        r.locations[0].physicalLocation.region.startLine,
        r.suppressions?.[0].kind,
        r.suppressions?.[0].justification,
      ]),
      [
        [
          'install-script',
          'examples/npm-demo/package-lock.json',
          42,
          'external',
          'The install script only prints a banner. (exception until 2099-12-31, approved by ' +
            'security@acme.example)',
        ],
      ],
    );
    const denied = results.find((r) => r.ruleId === 'denied');
    assert.equal(denied?.level, 'error');
  });

  test('GitLab dependency scanning 15.0.7: valid, one vulnerability per package finding', () => {
    const run = runCli([...ARGS, '--format', 'gitlab']);
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as {
      version: string;
      vulnerabilities: { identifiers: { value: string }[]; location: { file: string } }[];
    };
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(loadSchema('dependency-scanning-report-format-15.0.7.json'));
    assert.ok(validate(report), JSON.stringify(validate.errors));
    assert.equal(report.version, '15.0.7');
    assert.equal(report.vulnerabilities.length, 15);
    assert.deepEqual([...new Set(report.vulnerabilities.map((v) => v.location.file))].sort(), [
      'examples/npm-demo/package-lock.json',
      'examples/npm-demo/package.json',
    ]);
  });
});
