// SPDX-License-Identifier: Apache-2.0
import { formatGitlab } from '../report/gitlab';
import { formatJson } from '../report/json';
import { formatSarif } from '../report/sarif';
import { formatText } from '../report/text';

import type { CheckResult, ReportContext, ReportFormatter } from '../report/report.types';
import type { CheckFormat, CheckOptions } from './check';

const MACHINE_FORMATS: Record<Exclude<CheckFormat, 'text'>, ReportFormatter> = {
  json: formatJson,
  sarif: formatSarif,
  gitlab: formatGitlab,
};

export function renderReport(result: CheckResult, options: CheckOptions, cwd: string): string {
  const context: ReportContext = { cwd, toolVersion: '0.1.0', now: options.now };
  if (options.format === 'text') return formatText(result, context, { color: options.color });
  return MACHINE_FORMATS[options.format](result, context);
}
