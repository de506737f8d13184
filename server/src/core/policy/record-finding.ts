// SPDX-License-Identifier: Apache-2.0
// Builds a finding about one package record. Only called for records that get a finding, so
// the parser's position lookup is paid for the few records that need it.
import type {
  Finding,
  FindingCode,
  FindingFix,
  PackageRecord,
  ParsedFile,
  Severity,
} from '../types';

// Manifest sections whose entries a quick fix can delete to drop the dependency. Override and
// resolution sections pin versions of other packages' dependencies; deleting there removes
// nothing.
const DEPENDENCY_SECTIONS = new Set([
  'dependencies',
  'devDependencies',
  'optionalDependencies',
  'peerDependencies',
  'dev-dependencies',
  'build-dependencies',
  'require',
  'require-dev',
]);

export interface FindingDraft {
  code: FindingCode;
  severity: Severity;
  message: string;
  /** Policy rule id, for rule decisions. */
  rule?: string;
  /** What a project exception would name to lift this finding. */
  exceptionRule: string;
}

export function recordFinding(
  parsed: ParsedFile,
  record: PackageRecord,
  draft: FindingDraft,
): Finding {
  const fix: FindingFix = { exceptionRule: draft.exceptionRule };
  if (parsed.kind === 'manifest' && record.section && DEPENDENCY_SECTIONS.has(record.section)) {
    fix.removeDependency = { manifest: parsed.path, name: record.name, section: record.section };
  }
  const finding: Finding = {
    code: draft.code,
    severity: draft.severity,
    message: draft.message,
    file: parsed.path,
    range: parsed.locate(record),
    package: {
      ecosystem: record.ecosystem,
      name: record.name,
      version: record.version,
      purl: record.purl,
    },
    fix,
  };
  if (draft.rule !== undefined) finding.rule = draft.rule;
  return finding;
}
