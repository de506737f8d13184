// SPDX-License-Identifier: Apache-2.0
// `--format json`: the object of SPEC.md section 4.
import { relativePath } from './paths';

import type { Finding } from '../../core/types';
import type { ReportFormatter } from './report.types';

export const formatJson: ReportFormatter = (result, context) => {
  const findings = result.findings.map((finding) => toJson(finding, context.cwd));
  return `${JSON.stringify({ version: 1, findings, summary: result.summary }, null, 2)}\n`;
};

function toJson(finding: Finding, cwd: string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    code: finding.code,
    severity: finding.severity,
    message: finding.message,
    file: relativePath(cwd, finding.file),
    range: finding.range,
  };
  if (finding.package) out.package = finding.package;
  if (finding.rule) out.rule = finding.rule;
  if (finding.related) {
    out.related = finding.related.map((r) => ({ ...r, file: relativePath(cwd, r.file) }));
  }
  return out;
}
