// SPDX-License-Identifier: Apache-2.0
import { formatJson } from '../report/json';
import { formatText } from '../report/text';

import type { CheckResult, ReportContext } from '../report/report.types';
import type { CheckOptions } from './check';

// Limit: `--format sarif` and `--format gitlab` print JSON until their writers are wired in.
export function renderReport(result: CheckResult, options: CheckOptions, cwd: string): string {
  const context: ReportContext = { cwd, toolVersion: '0.1.0', now: options.now };
  switch (options.format) {
    case 'text':
      return formatText(result, context, { color: options.color });
    default:
      return formatJson(result, context);
  }
}
