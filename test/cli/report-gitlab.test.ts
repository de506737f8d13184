// SPDX-License-Identifier: Apache-2.0
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import Ajv from 'ajv';
import addFormats from 'ajv-formats';

import { formatGitlab } from '../../server/src/cli/report/gitlab';
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

// GitLab's published schema uses its own `self` keyword, so Ajv runs non-strict.
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(loadSchema('dependency-scanning-report-format-15.0.7.json'));

function render(findings: Finding[], suppressed: Finding[] = []): Record<string, unknown> {
  return JSON.parse(formatGitlab(checkResult(findings, suppressed), CONTEXT)) as Record<
    string,
    unknown
  >;
}

const SOLUTION_TAIL = 'or add a justified, dated exception for this package to the policy.';
const TOOL = { id: 'sscs', name: 'sscs', version: '0.1.0', vendor: { name: 'sscs' } };

describe('formatGitlab', () => {
  test('renders package findings as vulnerabilities and file findings as scan messages', () => {
    const report = render([DENIED, INSTALL_SCRIPT, POLICY_ERROR], [SUPPRESSED]);

    assert.ok(validate(report), ajv.errorsText(validate.errors));
    assert.deepEqual(report, {
      version: '15.0.7',
      schema:
        'https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/' +
        'v15.0.7/dist/dependency-scanning-report-format.json',
      scan: {
        analyzer: TOOL,
        scanner: TOOL,
        type: 'dependency_scanning',
        start_time: '2026-03-04T05:06:07',
        end_time: '2026-03-04T05:06:07',
        status: 'success',
        messages: [
          {
            level: 'warn',
            value:
              '.sscs/policy.jsonc:3: The project policy cannot widen the organization ' +
              'registries. (policy-error)',
          },
        ],
      },
      vulnerabilities: [
        {
          id: '39b73241-4629-554f-ab9f-5efc03f78434',
          name: 'Denied package',
          description: DENIED.message,
          severity: 'High',
          solution: `Move to a version no deny rule matches, remove the dependency, ${SOLUTION_TAIL}`,
          identifiers: [
            { type: 'sscs', name: 'sscs denied', value: 'denied' },
            { type: 'sscs_rule', name: 'Rule no-event-stream', value: 'no-event-stream' },
          ],
          location: {
            file: 'package-lock.json',
            dependency: { package: { name: 'event-stream' }, version: '3.3.6' },
          },
        },
        {
          id: 'dffce57d-4c16-5c8b-9a5e-d084fb5e571a',
          name: 'Install script',
          description: INSTALL_SCRIPT.message,
          severity: 'Info',
          solution: `Review the script, or install with scripts disabled, ${SOLUTION_TAIL}`,
          identifiers: [{ type: 'sscs', name: 'sscs install-script', value: 'install-script' }],
          location: {
            file: 'web app/package-lock.json',
            dependency: { package: { name: 'esbuild' }, version: '0.28.2' },
          },
        },
      ],
      dependency_files: [],
    });
  });

  test('the vendored schema rejects a report without dependency_files', () => {
    const report = render([DENIED]);
    delete report.dependency_files;

    assert.deepEqual(
      [validate(report), ajv.errorsText(validate.errors)],
      [false, "data must have required property 'dependency_files'"],
    );
  });

  test('an empty run is a valid report without messages', () => {
    const report = render([]);

    assert.ok(validate(report), ajv.errorsText(validate.errors));
    assert.deepEqual([report.vulnerabilities, 'messages' in (report.scan as object)], [[], false]);
  });

  const severities = [
    { name: 'error', finding: DENIED, want: 'High' },
    { name: 'malicious', finding: { ...DENIED, code: 'malicious' as const }, want: 'Critical' },
    { name: 'warning', finding: SUPPRESSED, want: 'Medium' },
    { name: 'info', finding: INSTALL_SCRIPT, want: 'Info' },
  ];
  for (const row of severities) {
    test(`maps ${row.name} to ${row.want}`, () => {
      const [vulnerability] = render([row.finding]).vulnerabilities as { severity: string }[];
      assert.equal(vulnerability?.severity, row.want);
    });
  }

  test('ids survive line moves and stay unique for repeated findings', () => {
    const moved = { ...DENIED, range: range(99, 4, 34) };
    const ids = (findings: Finding[]) =>
      (render(findings).vulnerabilities as { id: string }[]).map((v) => v.id);

    assert.deepEqual(ids([moved]), ids([DENIED]));
    assert.deepEqual(ids([DENIED, moved]), [
      '39b73241-4629-554f-ab9f-5efc03f78434',
      'aba13239-04e2-5a02-8b11-31b2e9f9613f',
    ]);
  });
});
