// SPDX-License-Identifier: Apache-2.0
// What every `sscs check` output format receives: the findings of one run and its summary.
import type { Finding } from '../../core/types';

export interface CheckSummary {
  files: number;
  /** Distinct (ecosystem, name, version) triples analyzed. */
  packages: number;
  errors: number;
  warnings: number;
  infos: number;
}

export interface CheckResult {
  /** Findings with absolute `file` paths, sorted by file then position. */
  findings: Finding[];
  /** Findings lifted by an active exception, for formats that show suppressions (SARIF). */
  suppressed: SuppressedFinding[];
  summary: CheckSummary;
  /** Absolute paths of the files analyzed. */
  files: string[];
}

export interface SuppressedFinding {
  finding: Finding;
  /** The exception's reason, approver and expiry as written in the policy. */
  justification: string;
  policyFile: string;
}

export interface ReportContext {
  /** Paths in reports are relative to this folder, with `/` separators. */
  cwd: string;
  toolVersion: string;
  /** Time of the scan, injected for reproducible output. */
  now: Date;
}

export type ReportFormatter = (result: CheckResult, context: ReportContext) => string;
