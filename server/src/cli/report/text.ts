// SPDX-License-Identifier: Apache-2.0
// `--format text`: one line per finding as `file:line:col  severity  code  message`, grouped by
// file, then a summary line. Lines and columns are one-based, as editors and terminals expect.
import { relativePath } from './paths';

import type { Severity } from '../../core/types';
import type { CheckResult, ReportContext } from './report.types';

export interface TextOptions {
  color: boolean;
}

const COLORS: Record<Severity | 'dim' | 'bold', [string, string]> = {
  error: ['\u001b[31m', '\u001b[39m'],
  warning: ['\u001b[33m', '\u001b[39m'],
  info: ['\u001b[36m', '\u001b[39m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  bold: ['\u001b[1m', '\u001b[22m'],
};

export function formatText(result: CheckResult, context: ReportContext, options: TextOptions) {
  const paint = (style: keyof typeof COLORS, text: string) =>
    options.color ? `${COLORS[style][0]}${text}${COLORS[style][1]}` : text;
  const lines: string[] = [];
  let lastFile: string | undefined;

  for (const finding of result.findings) {
    const file = relativePath(context.cwd, finding.file);
    if (lastFile !== undefined && file !== lastFile) lines.push('');
    lastFile = file;
    const where = `${file}:${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
    const severity = paint(finding.severity, finding.severity.padEnd(7));
    lines.push(
      `${paint('bold', where)}  ${severity}  ${paint('dim', finding.code)}  ${finding.message}`,
    );
  }

  if (lines.length > 0) lines.push('');
  lines.push(summaryLine(result));
  return `${lines.join('\n')}\n`;
}

function summaryLine(result: CheckResult): string {
  const { errors, warnings, infos, files, packages } = result.summary;
  const total = errors + warnings + infos;
  const counts = [plural(errors, 'error'), plural(warnings, 'warning'), plural(infos, 'info')];
  const scope = `${plural(files, 'file')}, ${plural(packages, 'package')}`;
  const suppressed =
    result.suppressed.length > 0 ? `; ${result.suppressed.length} suppressed by exceptions` : '';
  return `${plural(total, 'problem')} (${counts.join(', ')}) in ${scope}${suppressed}.`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
