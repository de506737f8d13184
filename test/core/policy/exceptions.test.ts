// SPDX-License-Identifier: Apache-2.0
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { checkExceptions, evaluateFile } from '../../../server/src/core/policy/evaluate';
import { checkHygiene } from '../../../server/src/core/policy/hygiene';
import {
  NOW,
  ORG_PATH,
  PROJECT_PATH,
  effective,
  objectRange,
  parsedFile,
  pkg,
  policyText,
} from './helpers';

import type { Finding } from '../../../server/src/core/types';

// NOW is 2026-06-15 (UTC).
const YESTERDAY = '2026-06-14';
const TODAY = '2026-06-15';
const IN_14_DAYS = '2026-06-29';
const IN_15_DAYS = '2026-06-30';

const denyRules = [
  { id: 'no-es', action: 'deny', package: 'pkg:npm/event-stream' },
  { id: 'review-es', action: 'quarantine', package: 'pkg:npm/event-stream', versions: '3.3.6' },
];
const exception = (rule: string, purl: string, expires: string) => ({
  rule,
  package: purl,
  reason: 'Vendored and patched.',
  expires,
});
const ES = 'pkg:npm/event-stream';

interface Row {
  name: string;
  org: Record<string, unknown>;
  project?: Record<string, unknown>;
  version?: string;
  exact?: boolean;
  hygiene?: boolean;
  want: string[];
}

const rows: Row[] = [
  {
    name: 'no exception: the deny rule wins',
    org: { rules: denyRules },
    want: ['denied:no-es'],
  },
  {
    name: 'active unversioned exception lifts the deny; the quarantine remains',
    org: { rules: denyRules, exceptions: [exception('no-es', ES, IN_15_DAYS)] },
    want: ['quarantined:review-es'],
  },
  {
    name: 'exceptions for both rules lift both',
    org: {
      rules: denyRules,
      exceptions: [exception('no-es', ES, IN_15_DAYS), exception('review-es', ES, IN_15_DAYS)],
    },
    want: [],
  },
  {
    name: 'versioned exception lifts its version',
    org: { rules: denyRules, exceptions: [exception('no-es', `${ES}@3.3.6`, IN_15_DAYS)] },
    want: ['quarantined:review-es'],
  },
  {
    name: 'versioned exception leaves other versions denied',
    org: { rules: denyRules, exceptions: [exception('no-es', `${ES}@3.3.5`, IN_15_DAYS)] },
    want: ['denied:no-es'],
  },
  {
    name: 'versioned exception lifts a manifest spec that admits only its version',
    org: { rules: denyRules, exceptions: [exception('no-es', `${ES}@3.3.6`, IN_15_DAYS)] },
    version: '3.3.6',
    exact: false,
    want: ['quarantined:review-es'],
  },
  {
    name: 'exception for another rule lifts nothing',
    org: { rules: denyRules, exceptions: [exception('review-es', ES, IN_15_DAYS)] },
    want: ['denied:no-es'],
  },
  {
    name: 'expired exception lifts nothing',
    org: { rules: denyRules, exceptions: [exception('no-es', ES, YESTERDAY)] },
    want: ['denied:no-es'],
  },
  {
    name: 'exception ending today still counts',
    org: { rules: denyRules, exceptions: [exception('no-es', ES, TODAY)] },
    want: ['quarantined:review-es'],
  },
  {
    name: 'not-allowed is lifted by an exception naming the code',
    org: { defaultAction: 'deny', exceptions: [exception('not-allowed', ES, IN_15_DAYS)] },
    want: [],
  },
  {
    name: 'hygiene code exception lifts that finding only',
    org: { exceptions: [exception('install-script', ES, IN_15_DAYS)] },
    hygiene: true,
    want: ['missing-integrity'],
  },
  {
    name: 'project exception counts with allowProjectExceptions',
    org: { rules: denyRules, allowProjectExceptions: true },
    project: { exceptions: [exception('no-es', ES, IN_15_DAYS)] },
    want: ['quarantined:review-es'],
  },
  {
    name: 'project exception does not count without allowProjectExceptions',
    org: { rules: denyRules },
    project: { exceptions: [exception('no-es', ES, IN_15_DAYS)] },
    want: ['denied:no-es'],
  },
];

describe('exceptions lift rules and codes', () => {
  for (const row of rows) {
    test(row.name, () => {
      const record = pkg({
        name: 'event-stream',
        version: row.version ?? '3.3.6',
        exact: row.exact ?? true,
        hasInstallScript: true,
      });
      const file = parsedFile([record], row.exact === false ? 'manifest' : 'lockfile');
      const policy = effective(
        policyText(row.org),
        row.project ? policyText(row.project) : undefined,
      );
      const findings = row.hygiene
        ? checkHygiene(file, policy, { now: NOW })
        : evaluateFile(file, policy, { now: NOW });
      assert.deepStrictEqual(
        findings.map((f) => (f.rule ? `${f.code}:${f.rule}` : f.code)),
        row.want,
      );
    });
  }
});

describe('checkExceptions', () => {
  test('reports expired and expiring exceptions on their policy file', () => {
    const org = policyText({
      allowProjectExceptions: true,
      rules: denyRules,
      exceptions: [
        exception('no-es', ES, YESTERDAY),
        exception('review-es', ES, IN_15_DAYS),
        exception('install-script', ES, TODAY),
      ],
    });
    const project = policyText({ exceptions: [exception('no-es', `${ES}@3.3.6`, IN_14_DAYS)] });
    const want: Finding[] = [
      {
        code: 'exception-expired',
        severity: 'warning',
        message:
          'The exception for pkg:npm/event-stream from no-es expired on 2026-06-14 and lifts ' +
          'nothing; renew or remove it.',
        file: ORG_PATH,
        range: objectRange(org, '{\n      "rule": "no-es"'),
        rule: 'no-es',
      },
      {
        code: 'exception-expiring',
        severity: 'info',
        message:
          'The exception for pkg:npm/event-stream from install-script ends on 2026-06-15, ' +
          'today; renew it if needed.',
        file: ORG_PATH,
        range: objectRange(org, '{\n      "rule": "install-script"'),
        rule: 'install-script',
      },
      {
        code: 'exception-expiring',
        severity: 'info',
        message:
          'The exception for pkg:npm/event-stream@3.3.6 from no-es ends on 2026-06-29, ' +
          'in 14 days; renew it if needed.',
        file: PROJECT_PATH,
        range: objectRange(project, '{\n      "rule": "no-es"'),
        rule: 'no-es',
      },
    ];
    assert.deepStrictEqual(checkExceptions(effective(org, project), NOW), want);
  });

  test('ignored project exceptions are not reported as expiring', () => {
    const project = policyText({ exceptions: [exception('no-es', ES, TODAY)] });
    const policy = effective(policyText({ rules: denyRules }), project);
    assert.deepStrictEqual(checkExceptions(policy, NOW), []);
  });

  test('days are counted in UTC, not in the local time of now', () => {
    const lateEvening = new Date('2026-06-15T23:30:00-05:00');
    const policy = effective(
      policyText({ rules: denyRules, exceptions: [exception('no-es', ES, TODAY)] }),
    );
    assert.deepStrictEqual(
      checkExceptions(policy, lateEvening).map((finding) => finding.code),
      ['exception-expired'],
    );
  });
});
