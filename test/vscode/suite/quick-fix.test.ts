// SPDX-License-Identifier: Apache-2.0
// A quick fix offered on a finding in package.json, applied as the light bulb would apply it,
// changes the file and makes that finding go away. The file is put back afterwards.
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';

import {
  activateExtension,
  codeOf,
  fileInWorkspace,
  sscsDiagnostics,
  waitForDiagnostics,
} from './helpers';

interface Candidate {
  diagnostic: vscode.Diagnostic;
  action: vscode.CodeAction;
}

// Prefers a fix for `denied`, the finding a user most wants gone, then any other quick fix
// that edits the file itself; `seen` collects every title offered, for the failure message.
// The API command returns actions without their `diagnostics`, so an action counts for the
// diagnostic whose range it was asked for.
async function findQuickFix(uri: vscode.Uri, seen: string[]): Promise<Candidate | undefined> {
  const diagnostics = sscsDiagnostics(uri).sort(
    (a, b) => Number(codeOf(b) === 'denied') - Number(codeOf(a) === 'denied'),
  );
  for (const diagnostic of diagnostics) {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    for (const a of actions ?? []) seen.push(`${codeOf(diagnostic)}: ${a.title}`);
    const action = (actions ?? []).find(
      (a) =>
        a.kind !== undefined &&
        vscode.CodeActionKind.QuickFix.contains(a.kind) &&
        a.edit?.entries().some(([target]) => target.fsPath === uri.fsPath),
    );
    if (action) return { diagnostic, action };
  }
  return undefined;
}

function sameFinding(a: vscode.Diagnostic, b: vscode.Diagnostic): boolean {
  return codeOf(a) === codeOf(b) && a.message === b.message;
}

export function registerQuickFixTests(): void {
  describe('quick fixes', () => {
    const uri = fileInWorkspace('package.json');
    let original: string | undefined;

    after(async () => {
      if (original === undefined) return;
      const document = await vscode.workspace.openTextDocument(uri);
      const whole = new vscode.Range(0, 0, document.lineCount, 0);
      const restore = new vscode.WorkspaceEdit();
      restore.replace(uri, whole, original);
      await vscode.workspace.applyEdit(restore);
      await document.save();
    });

    it('applying a quick fix on package.json changes the file and clears the finding', async () => {
      await activateExtension();
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      await waitForDiagnostics(
        () => (sscsDiagnostics(uri).length > 0 ? true : undefined),
        'sscs diagnostics on package.json',
      );

      const seen: string[] = [];
      const candidate = await findQuickFix(uri, seen);
      const codes = sscsDiagnostics(uri).map(codeOf).join(', ');
      assert.ok(
        candidate,
        `no quick fix editing package.json is offered for any of: ${codes}; offered: ${seen}`,
      );
      assert.ok(candidate.action.edit);

      original = document.getText();
      const applied = await vscode.workspace.applyEdit(candidate.action.edit);
      assert.equal(applied, true, `the edit of "${candidate.action.title}" was not applied`);
      assert.notEqual(document.getText(), original, 'the quick fix left package.json unchanged');

      await waitForDiagnostics(
        () =>
          sscsDiagnostics(uri).some((d) => sameFinding(d, candidate.diagnostic)) ? undefined : true,
        `"${candidate.diagnostic.message}" to disappear after "${candidate.action.title}"`,
        () =>
          `still: ${sscsDiagnostics(uri)
            .map((d) => d.message)
            .join(' | ')}`,
      );
    });
  });
}
