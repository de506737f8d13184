// SPDX-License-Identifier: Apache-2.0
// `--format sarif`: one SARIF 2.1.0 run (OASIS SARIF 2.1.0 with errata 01) for GitHub code
// scanning, GitLab and SARIF viewers.
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';

import { CODE_INFO } from './code-info';
import { relativePath } from './paths';

import type { Finding, FindingCode, Severity, TextRange } from '../../core/types';
import type { ReportContext, ReportFormatter } from './report.types';

const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** Where SARIF viewers send users for the tool: the extension's marketplace page. */
export const SSCS_INFORMATION_URI =
  'https://marketplace.visualstudio.com/items?itemName=sscs.sscs-vscode';

/** Key of our entry in `result.partialFingerprints`; bump the suffix if the inputs change. */
export const FINGERPRINT_KEY = 'sscsFinding/v1';

const SRCROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note';

interface Row {
  finding: Finding;
  justification?: string;
}

export const formatSarif: ReportFormatter = (result, context) => {
  const rows: Row[] = [
    ...result.findings.map((finding) => ({ finding })),
    ...result.suppressed.map((s) => ({ finding: s.finding, justification: s.justification })),
  ];
  const codes = [...new Set(rows.map((row) => row.finding.code))].sort();
  const seen = new Map<string, number>();

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'sscs',
            version: context.toolVersion,
            informationUri: SSCS_INFORMATION_URI,
            rules: codes.map(toRule),
          },
        },
        invocations: [{ executionSuccessful: true, endTimeUtc: context.now.toISOString() }],
        originalUriBaseIds: { [SRCROOT]: { uri: folderUri(context.cwd) } },
        columnKind: 'utf16CodeUnits',
        results: rows.map((row) => toResult(row, codes, seen, context)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

function toRule(code: FindingCode): Record<string, unknown> {
  const info = CODE_INFO[code];
  return {
    id: code,
    name: pascalCase(code),
    shortDescription: { text: info.title },
    fullDescription: { text: info.description },
    help: { text: info.solution },
    defaultConfiguration: { level: toLevel(info.defaultSeverity) },
  };
}

function toResult(
  row: Row,
  codes: FindingCode[],
  seen: Map<string, number>,
  context: ReportContext,
): Record<string, unknown> {
  const { finding } = row;
  const out: Record<string, unknown> = {
    ruleId: finding.code,
    ruleIndex: codes.indexOf(finding.code),
    level: toLevel(finding.severity),
    message: { text: finding.message },
    locations: [{ physicalLocation: physicalLocation(finding.file, finding.range, context) }],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(finding, seen, context) },
  };
  if (finding.related && finding.related.length > 0) {
    out.relatedLocations = finding.related.map((related, index) => ({
      id: index + 1,
      physicalLocation: physicalLocation(related.file, related.range, context),
      message: { text: related.message },
    }));
  }
  if (row.justification !== undefined) {
    out.suppressions = [{ kind: 'external', status: 'accepted', justification: row.justification }];
  }
  return out;
}

function physicalLocation(file: string, range: TextRange, context: ReportContext): unknown {
  return { artifactLocation: artifactLocation(file, context.cwd), region: toRegion(range) };
}

// Files under the scanned folder are relative to %SRCROOT% (what code-scanning uploads
// expect); others keep an absolute file: URI rather than a `../` path.
function artifactLocation(file: string, cwd: string): Record<string, string> {
  const rel = relativePath(cwd, file);
  if (rel === '..' || rel.startsWith('../')) return { uri: pathToFileURL(file).href };
  return { uri: rel.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

// LSP ranges are zero-based with an exclusive end; SARIF regions are one-based and
// endColumn also points one past the last character (SARIF 2.1.0 section 3.30.5).
function toRegion(range: TextRange): Record<string, number> {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

// Stable across line moves: code, file, package and rule, not the position. Findings without
// a package add their message so two policy errors in one file stay apart; identical inputs
// get an occurrence suffix, as GitHub's own line-hash fingerprints do.
function fingerprint(finding: Finding, seen: Map<string, number>, context: ReportContext): string {
  const parts = [
    finding.code,
    relativePath(context.cwd, finding.file),
    finding.package?.purl ?? '',
    finding.rule ?? '',
    finding.package ? '' : finding.message,
  ];
  const hash = createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
  const occurrence = (seen.get(hash) ?? 0) + 1;
  seen.set(hash, occurrence);
  return `${hash}:${occurrence}`;
}

function toLevel(severity: Severity): SarifLevel {
  return severity === 'info' ? 'note' : severity;
}

function folderUri(cwd: string): string {
  const href = pathToFileURL(cwd).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function pascalCase(code: string): string {
  return code
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
