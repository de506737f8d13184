// SPDX-License-Identifier: Apache-2.0
// Finding → LSP Diagnostic. What a quick fix needs travels in `data`, so the code-action
// handler answers from the diagnostic alone (the way vscode-eslint keys fixes by diagnostic).
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';

import type { Finding, FindingFix, FindingPackage, Severity } from '../core/types';
import type { Diagnostic } from 'vscode-languageserver/node';

export interface DiagnosticData {
  package?: FindingPackage;
  fix?: FindingFix;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toDiagnostic(finding: Finding): Diagnostic {
  const data: DiagnosticData = { package: finding.package, fix: finding.fix };
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.code,
    source: 'sscs',
    message: finding.message,
    data,
  };
  if (finding.code === 'exception-expired') diagnostic.tags = [DiagnosticTag.Deprecated];
  if (finding.related && finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((related) => ({
      location: { uri: URI.file(related.file).toString(), range: related.range },
      message: related.message,
    }));
  }
  return diagnostic;
}

export function isDiagnosticData(value: unknown): value is DiagnosticData {
  return typeof value === 'object' && value !== null;
}
