// SPDX-License-Identifier: Apache-2.0
// Restricted mode (an untrusted folder): the organization policy from the user settings stays
// in force, while the workspace can neither replace it (its .vscode/settings.json names a lax
// policy, a restricted configuration) nor add its project policy. The runner opens the example
// this way in a second pass; in a trusted window these tests are not registered.
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';

import {
  activateExtension,
  codeOf,
  fileInWorkspace,
  sscsDiagnostics,
  waitForDiagnostics,
} from './helpers';

export function registerRestrictedTests(): void {
  describe('restricted mode keeps the organization policy', () => {
    let lockfile: vscode.TextDocument;

    before(async () => {
      await activateExtension();
      lockfile = await vscode.workspace.openTextDocument(fileInWorkspace('package-lock.json'));
      await vscode.window.showTextDocument(lockfile);
    });

    it('the window is in restricted mode', () => {
      assert.equal(vscode.workspace.isTrusted, false);
    });

    it('the organization deny rule still reports event-stream', async () => {
      const line = lockfile
        .getText()
        .split('\n')
        .findIndex((l) => l.includes('"node_modules/event-stream"'));
      await waitForDiagnostics(
        () =>
          sscsDiagnostics(lockfile.uri).some(
            (d) => codeOf(d) === 'denied' && d.range.start.line === line,
          )
            ? true
            : undefined,
        `denied on line ${line} of package-lock.json in restricted mode`,
        () => {
          const got = sscsDiagnostics(lockfile.uri).map(
            (d) => `${codeOf(d)}@${d.range.start.line}`,
          );
          return `got: ${got.join(', ')}`;
        },
      );
    });

    it('the project policy is not applied: nothing is not-allowed', () => {
      const notAllowed = sscsDiagnostics(lockfile.uri).filter((d) => codeOf(d) === 'not-allowed');
      assert.deepEqual(
        notAllowed.map((d) => d.message),
        [],
      );
    });
  });
}
