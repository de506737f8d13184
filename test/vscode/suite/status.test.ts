// SPDX-License-Identifier: Apache-2.0
// The status bar counts: `sscs.getStatus` returns what the status item shows, and it must add
// up the sscs diagnostics the editor holds.
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';

import { activateExtension, nextDiagnosticsChange, WAIT_MS } from './helpers';

/** Shape `sscs.getStatus` returns: the numbers behind the status bar item. */
interface StatusCounts {
  errors: number;
  warnings: number;
  infos: number;
}

function countDiagnostics(): StatusCounts {
  const counts: StatusCounts = { errors: 0, warnings: 0, infos: 0 };
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const d of diagnostics) {
      if (d.source !== 'sscs') continue;
      if (d.severity === vscode.DiagnosticSeverity.Error) counts.errors++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) counts.warnings++;
      else counts.infos++;
    }
  }
  return counts;
}

function isStatusCounts(value: unknown): value is StatusCounts {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return ['errors', 'warnings', 'infos'].every((k) => typeof record[k] === 'number');
}

export function registerStatusTests(): void {
  describe('status bar counts', () => {
    it('sscs.getStatus reports the errors, warnings and infos the editor shows', async () => {
      await activateExtension();
      const deadline = Date.now() + WAIT_MS;
      let status: unknown;

      // The status item may update just after the diagnostics it counts, so the command is
      // asked again after each diagnostics change until both agree or the time is up.
      for (;;) {
        status = await vscode.commands.executeCommand('sscs.getStatus');
        const want = countDiagnostics();
        if (isStatusCounts(status) && want.errors > 0 && sameCounts(status, want)) break;
        const left = deadline - Date.now();
        const seen = `status ${JSON.stringify(status)}, diagnostics ${JSON.stringify(want)}`;
        if (left <= 0) assert.fail(`sscs.getStatus never agreed with the diagnostics: ${seen}`);
        await nextDiagnosticsChange(left).catch(() => assert.fail(`timed out: ${seen}`));
      }

      assert.ok(isStatusCounts(status));
      assert.deepEqual(
        { errors: status.errors, warnings: status.warnings, infos: status.infos },
        countDiagnostics(),
      );
    });
  });
}

function sameCounts(a: StatusCounts, b: StatusCounts): boolean {
  return a.errors === b.errors && a.warnings === b.warnings && a.infos === b.infos;
}
