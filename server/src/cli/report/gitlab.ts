// SPDX-License-Identifier: Apache-2.0
// `--format gitlab`: a GitLab dependency-scanning report (security report schema 15.0.7), for
// `artifacts: reports: dependency_scanning:` in a GitLab CI job.
//
// Choices the schema leaves open:
// - Only findings that name a package become vulnerabilities. Findings about a file or the
//   policy (parse-error, policy-error, unscanned without a package, exception-expired...)
//   become `scan.messages` ("warn" for errors and warnings, "info" otherwise) so a broken
//   lockfile is not silently dropped from the pipeline's security tab.
// - Severity: error -> High, warning -> Medium, info -> Info; `malicious` errors -> Critical.
// - Findings lifted by an exception are left out: GitLab has no suppression field and
//   dismisses vulnerabilities in its own UI instead.
// - `dependency_files` (required by 15.x) is empty: the full dependency list belongs in a
//   CycloneDX SBOM, and listing only flagged packages per file would misstate the project.
import { createHash } from 'node:crypto';

import { CODE_INFO } from './code-info';
import { relativePath } from './paths';

import type { Finding, FindingPackage } from '../../core/types';
import type { ReportContext, ReportFormatter } from './report.types';

export const GITLAB_SCHEMA_VERSION = '15.0.7';

const SCHEMA_URL =
  'https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v15.0.7/dist/dependency-scanning-report-format.json';

type GitlabSeverity = 'Critical' | 'High' | 'Medium' | 'Info';

interface Identifier {
  type: string;
  name: string;
  value: string;
}

export const formatGitlab: ReportFormatter = (result, context) => {
  const seen = new Map<string, number>();
  const vulnerabilities = result.findings.flatMap((finding) =>
    finding.package ? [toVulnerability(finding, finding.package, seen, context)] : [],
  );
  const messages = result.findings
    .filter((finding) => !finding.package)
    .map((finding) => toMessage(finding, context));

  const tool = {
    id: 'sscs',
    name: 'sscs',
    version: context.toolVersion,
    vendor: { name: 'sscs' },
  };
  const time = gitlabTime(context.now);
  const scan: Record<string, unknown> = {
    analyzer: tool,
    scanner: tool,
    type: 'dependency_scanning',
    start_time: time,
    end_time: time,
    status: 'success',
  };
  if (messages.length > 0) scan.messages = messages;

  const report = {
    version: GITLAB_SCHEMA_VERSION,
    schema: SCHEMA_URL,
    scan,
    vulnerabilities,
    dependency_files: [],
  };
  return `${JSON.stringify(report, null, 2)}\n`;
};

function toVulnerability(
  finding: Finding,
  pkg: FindingPackage,
  seen: Map<string, number>,
  context: ReportContext,
): Record<string, unknown> {
  const info = CODE_INFO[finding.code];
  const file = relativePath(context.cwd, finding.file);
  const identifiers: Identifier[] = [
    { type: 'sscs', name: `sscs ${finding.code}`, value: finding.code },
  ];
  if (finding.rule) {
    identifiers.push({ type: 'sscs_rule', name: `Rule ${finding.rule}`, value: finding.rule });
  }
  return {
    id: stableId([finding.code, file, pkg.purl, finding.rule ?? ''], seen),
    name: info.title,
    description: finding.message,
    severity: toSeverity(finding),
    solution: info.solution,
    identifiers,
    location: {
      file,
      dependency: { package: { name: pkg.name }, version: pkg.version },
    },
  };
}

function toMessage(finding: Finding, context: ReportContext): { level: string; value: string } {
  const where = `${relativePath(context.cwd, finding.file)}:${finding.range.start.line + 1}`;
  return {
    level: finding.severity === 'info' ? 'info' : 'warn',
    value: `${where}: ${finding.message} (${finding.code})`,
  };
}

function toSeverity(finding: Finding): GitlabSeverity {
  if (finding.severity === 'error') return finding.code === 'malicious' ? 'Critical' : 'High';
  return finding.severity === 'warning' ? 'Medium' : 'Info';
}

// A UUID-shaped name derived from what the finding is about (not its line), so GitLab keeps
// tracking the same vulnerability across pipelines; repeats get an occurrence number.
function stableId(parts: string[], seen: Map<string, number>): string {
  const key = JSON.stringify(parts);
  const occurrence = (seen.get(key) ?? 0) + 1;
  seen.set(key, occurrence);
  const hex = createHash('sha256').update(`${key}#${occurrence}`).digest('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `5${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}

// The schema wants yyyy-mm-ddThh:mm:ss in UTC, without fraction or zone.
function gitlabTime(date: Date): string {
  return date.toISOString().slice(0, 19);
}
