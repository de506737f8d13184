// SPDX-License-Identifier: Apache-2.0
// Hand-built check results shared by the report format tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { CheckResult, ReportContext } from '../../server/src/cli/report/report.types';
import type { Finding, TextRange } from '../../server/src/core/types';

export const CWD = '/work/project';

export const CONTEXT: ReportContext = {
  cwd: CWD,
  toolVersion: '0.1.0',
  now: new Date('2026-03-04T05:06:07.890Z'),
};

export function range(line: number, from: number, to: number): TextRange {
  return { start: { line, character: from }, end: { line, character: to } };
}

export const DENIED: Finding = {
  code: 'denied',
  severity: 'error',
  message: 'event-stream 3.3.6 is denied by rule no-event-stream: Compromised release.',
  file: `${CWD}/package-lock.json`,
  range: range(41, 4, 34),
  package: {
    ecosystem: 'npm',
    name: 'event-stream',
    version: '3.3.6',
    purl: 'pkg:npm/event-stream@3.3.6',
  },
  rule: 'no-event-stream',
  related: [
    {
      file: `${CWD}/package.json`,
      range: range(5, 4, 27),
      message: 'event-stream is brought in by this dependency.',
    },
  ],
};

export const INSTALL_SCRIPT: Finding = {
  code: 'install-script',
  severity: 'info',
  message: 'esbuild 0.28.2 runs an install script.',
  file: `${CWD}/web app/package-lock.json`,
  range: range(9, 4, 30),
  package: { ecosystem: 'npm', name: 'esbuild', version: '0.28.2', purl: 'pkg:npm/esbuild@0.28.2' },
};

export const POLICY_ERROR: Finding = {
  code: 'policy-error',
  severity: 'error',
  message: 'The project policy cannot widen the organization registries.',
  file: `${CWD}/.sscs/policy.jsonc`,
  range: range(2, 2, 14),
};

export const SUPPRESSED: Finding = {
  code: 'quarantined',
  severity: 'warning',
  message: '@newco/widget 1.0.0 is quarantined by rule new-vendor: Pending security review.',
  file: `${CWD}/package-lock.json`,
  range: range(60, 4, 32),
  package: {
    ecosystem: 'npm',
    name: '@newco/widget',
    version: '1.0.0',
    purl: 'pkg:npm/%40newco/widget@1.0.0',
  },
  rule: 'new-vendor',
};

export function checkResult(findings: Finding[], suppressed: Finding[] = []): CheckResult {
  return {
    findings,
    suppressed: suppressed.map((finding) => ({
      finding,
      justification: 'Vendored and patched. Approved by security@acme until 2027-01-31.',
      policyFile: `${CWD}/.sscs/policy.jsonc`,
    })),
    summary: { files: 3, packages: 812, errors: 2, warnings: 0, infos: 1 },
    files: [`${CWD}/package.json`, `${CWD}/package-lock.json`, `${CWD}/web app/package-lock.json`],
  };
}

export function loadSchema(name: string): Record<string, unknown> {
  const path = join(__dirname, '..', 'fixtures', 'schemas', name);
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}
