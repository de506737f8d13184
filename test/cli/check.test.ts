// SPDX-License-Identifier: Apache-2.0
// `sscs check` on the bundled example, through the built CLI: whole findings, summary, exit
// codes, formats and failures.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { runCli } from './run-cli';

const DEMO = 'examples/npm-demo';
const ORG = ['--org-policy', `${DEMO}/org-policy.jsonc`];
const LOCK = `${DEMO}/package-lock.json`;
const MANIFEST = `${DEMO}/package.json`;
const POLICY = `${DEMO}/.sscs/policy.jsonc`;

interface JsonFinding {
  file: string;
  code: string;
  severity: string;
  rule?: string;
  package?: { purl: string };
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

// file, start line, start char, end line, end char, code, severity, rule, purl
const EXPECTED = [
  [POLICY, 4, 10, 4, 20, 'policy-error', 'error', null, null],
  [POLICY, 26, 4, 28, 45, 'exception-expired', 'warning', 'new-vendor', null],
  [
    LOCK,
    26,
    4,
    26,
    39,
    'dependency-confusion',
    'error',
    null,
    'pkg:npm/%40acme/internal-utils@2.1.4',
  ],
  [LOCK, 31, 4, 31, 33, 'quarantined', 'warning', 'new-vendor', 'pkg:npm/%40newco/widgets@1.0.0'],
  [LOCK, 36, 4, 36, 25, 'not-allowed', 'error', null, 'pkg:npm/colors@1.4.0'],
  [LOCK, 53, 4, 53, 31, 'denied', 'error', 'no-event-stream', 'pkg:npm/event-stream@3.3.6'],
  [LOCK, 62, 4, 62, 33, 'denied', 'error', 'no-flatmap-stream', 'pkg:npm/flatmap-stream@0.1.1'],
  [LOCK, 67, 4, 67, 30, 'insecure-protocol', 'error', null, 'pkg:npm/is-thirteen@2.0.0'],
  [LOCK, 67, 4, 67, 30, 'untrusted-registry', 'error', null, 'pkg:npm/is-thirteen@2.0.0'],
  [LOCK, 73, 4, 73, 27, 'untrusted-registry', 'error', null, 'pkg:npm/left-pad@1.3.0'],
  [LOCK, 87, 4, 87, 26, 'weak-integrity', 'warning', null, 'pkg:npm/old-lib@0.2.3'],
  [LOCK, 93, 4, 93, 24, 'install-script', 'info', null, 'pkg:npm/sharp@0.33.4'],
  [LOCK, 100, 4, 100, 27, 'missing-integrity', 'warning', null, 'pkg:npm/tiny-lib@1.0.4'],
  [MANIFEST, 7, 4, 7, 29, 'quarantined', 'warning', 'new-vendor', 'pkg:npm/%40newco/widgets@1.0.0'],
  [MANIFEST, 8, 4, 8, 21, 'not-allowed', 'error', null, 'pkg:npm/colors@1.4.0'],
  [MANIFEST, 9, 4, 9, 27, 'denied', 'error', 'no-event-stream', 'pkg:npm/event-stream@3.3.6'],
  [MANIFEST, 12, 4, 12, 36, 'unpinned-dependency', 'warning', null, 'pkg:npm/my-fork'],
];

function rows(findings: JsonFinding[]) {
  return findings.map((f) => [
    f.file,
    f.range.start.line,
    f.range.start.character,
    f.range.end.line,
    f.range.end.character,
    f.code,
    f.severity,
    f.rule ?? null,
    f.package?.purl ?? null,
  ]);
}

describe('sscs check on the npm demo', () => {
  test('--format json gives every finding with its range, and exits 1', () => {
    const run = runCli(['check', DEMO, ...ORG, '--format', 'json']);
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as {
      version: number;
      findings: JsonFinding[];
      summary: unknown;
    };
    assert.equal(report.version, 1);
    assert.deepEqual(rows(report.findings), EXPECTED);
    assert.deepEqual(report.summary, { files: 2, packages: 14, errors: 10, warnings: 6, infos: 1 });
  });

  test('the text format prints file:line:col, severity, code, message and a summary', () => {
    const run = runCli(['check', DEMO, ...ORG]);
    assert.equal(run.status, 1);
    const lines = run.stdout.trimEnd().split('\n');
    assert.ok(
      lines.includes(
        `${LOCK}:54:5  error    denied  event-stream 3.3.6 is denied by rule no-event-stream: Compromised release.`,
      ),
    );
    assert.equal(
      lines[lines.length - 1],
      '17 problems (10 errors, 6 warnings, 1 info) in 2 files, 14 packages; 1 suppressed by exceptions.',
    );
    assert.ok(!run.stdout.includes('\u001b['), 'no colours when stdout is not a terminal');
  });

  test('--fail-on sets the threshold of exit 1', () => {
    assert.equal(runCli(['check', DEMO, ...ORG, '--fail-on', 'never']).status, 0);
    assert.equal(runCli(['check', `${DEMO}/package.json`, '--fail-on', 'error']).status, 0);
    assert.equal(runCli(['check', `${DEMO}/package.json`, '--fail-on', 'warning']).status, 1);
  });

  test('an exception close to its end is reported as expiring', () => {
    const run = runCli(['check', DEMO, ...ORG, '--format', 'json'], undefined, {
      SSCS_NOW: '2099-12-20',
    });
    const report = JSON.parse(run.stdout) as { findings: JsonFinding[] };
    const expiring = report.findings.filter((f) => f.code === 'exception-expiring');
    assert.deepEqual(rows(expiring), [
      [POLICY, 23, 4, 25, 45, 'exception-expiring', 'info', 'install-script', null],
    ]);
  });
});

describe('sscs check --registry', () => {
  const untrusted = (args: string[]) => {
    const run = runCli(['check', LOCK, '--format', 'json', '--fail-on', 'never', ...args]);
    const report = JSON.parse(run.stdout) as { findings: JsonFinding[] };
    return report.findings
      .filter((f) => f.code === 'untrusted-registry')
      .map((f) => f.package?.purl)
      .sort();
  };

  test('sets the allowed registry when no policy names one', () => {
    assert.deepEqual(untrusted(['--registry', 'npm=https://registry.npmjs.org/']), [
      'pkg:npm/is-thirteen@2.0.0',
      'pkg:npm/left-pad@1.3.0',
    ]);
  });

  test('narrows the organization list and never widens it, host by host', () => {
    const widened = untrusted([...ORG, '--registry', 'npm=https://npm.evil-mirror.example/']);
    const lookalike = untrusted([...ORG, '--registry', 'npm=https://registry.npmjs.org.evil/']);
    // Neither URL is within the organization's list, so nothing is allowed any more.
    assert.ok(widened.includes('pkg:npm/left-pad@1.3.0'));
    assert.ok(widened.includes('pkg:npm/lodash@4.17.21'));
    assert.deepEqual(lookalike, widened);
  });
});

describe('sscs check in advisory mode', () => {
  test('nothing is reported above warning, so the default --fail-on passes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sscs-advisory-'));
    const org = join(dir, 'org.jsonc');
    writeFileSync(
      org,
      JSON.stringify({
        version: 1,
        mode: 'advisory',
        registries: { npm: ['https://registry.npmjs.org/'] },
        rules: [{ id: 'no-es', action: 'deny', package: 'pkg:npm/event-stream', bogus: 1 }],
      }),
    );
    const run = runCli(['check', LOCK, '--org-policy', org, '--format', 'json']);
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { findings: JsonFinding[] };
    const severities = new Set(report.findings.map((f) => f.severity));
    assert.deepEqual([...severities].sort(), ['info', 'warning']);
    assert.ok(report.findings.some((f) => f.code === 'denied' && f.severity === 'warning'));
    assert.ok(report.findings.some((f) => f.code === 'policy-error' && f.severity === 'warning'));
  });
});

describe('sscs check failures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sscs-cli-'));

  const cases: {
    name: string;
    args: string[];
    setup?: () => void;
    status: number;
    stderr: RegExp;
  }[] = [
    {
      name: 'a policy with a wrong type is unusable: exit 2',
      setup: () => writeFileSync(join(dir, 'bad.jsonc'), '{ "version": "one" }'),
      args: ['check', 'examples/npm-demo', '--org-policy', join(dir, 'bad.jsonc')],
      status: 2,
      stderr: /^sscs: the organization policy .*bad\.jsonc is unusable: .+\.\n$/,
    },
    {
      name: 'a policy that is not JSON: exit 2',
      setup: () => writeFileSync(join(dir, 'broken.jsonc'), '{ "version": 1, "rules": [ '),
      args: ['check', 'examples/npm-demo', '--org-policy', join(dir, 'broken.jsonc')],
      status: 2,
      stderr: /^sscs: the organization policy .*broken\.jsonc is unusable: .+\.\n$/,
    },
    {
      name: 'a missing organization policy file: exit 2',
      args: ['check', 'examples/npm-demo', '--org-policy', join(dir, 'absent.jsonc')],
      status: 2,
      stderr: /^sscs: cannot read the organization policy .*absent\.jsonc\n$/,
    },
    {
      name: 'an organization policy that is a folder: exit 2',
      args: ['check', 'examples/npm-demo', '--org-policy', dir],
      status: 2,
      stderr: /^sscs: cannot read the organization policy \/.+\n$/,
    },
    {
      name: 'a missing path: exit 2',
      args: ['check', join(dir, 'nothing-here')],
      status: 2,
      stderr: /^sscs: usage: cannot read .*nothing-here: no such file\.\n$/,
    },
    {
      name: 'an unknown format: exit 2',
      args: ['check', '--format', 'xml'],
      status: 2,
      stderr: /^sscs: usage: --format must be one of text, json, sarif, gitlab, not 'xml'\.\n$/,
    },
    {
      name: 'an unknown flag: exit 2',
      args: ['check', '--frobnicate'],
      status: 2,
      stderr: /^sscs: usage: Unknown option '--frobnicate'.*\n$/,
    },
  ];
  for (const row of cases) {
    test(row.name, () => {
      row.setup?.();
      const run = runCli(row.args);
      assert.equal(run.status, row.status, run.stderr);
      assert.match(run.stderr, row.stderr);
      assert.ok(!run.stderr.includes('    at '), 'no stack trace');
    });
  }

  test('a truncated lockfile is a parse-error finding naming the file, exit 1', () => {
    const lock = join(dir, 'package-lock.json');
    writeFileSync(lock, '{ "lockfileVersion": 3, "packages": { "node_modules/a": { "vers');
    const run = runCli(['check', lock, '--format', 'json']);
    assert.equal(run.status, 1);
    const report = JSON.parse(run.stdout) as { findings: (JsonFinding & { message: string })[] };
    assert.equal(report.findings.length, 1);
    assert.equal(report.findings[0].code, 'parse-error');
    assert.match(report.findings[0].message, /^package-lock\.json is not valid JSON: .+\.$/);
  });
});
