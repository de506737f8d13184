// SPDX-License-Identifier: Apache-2.0
// What a user of examples/npm-demo sees in the editor: the language server's diagnostics on
// the manifest and the lockfile, equal to `sscs check` on the same folder.
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';

import {
  activateExtension,
  type CliFinding,
  codeOf,
  fileInWorkspace,
  keyOfDiagnostic,
  keyOfFinding,
  runCliCheck,
  sscsDiagnostics,
  waitForDiagnostics,
} from './helpers';

function lineText(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): string {
  return document.lineAt(diagnostic.range.start.line).text;
}

function findOn(
  diagnostics: vscode.Diagnostic[],
  document: vscode.TextDocument,
  code: string,
  needle: string,
): vscode.Diagnostic | undefined {
  return diagnostics.find((d) => codeOf(d) === code && lineText(document, d).includes(needle));
}

export function registerDiagnosticsTests(): void {
  describe('diagnostics on examples/npm-demo', () => {
    let findings: CliFinding[] = [];
    let manifest: vscode.TextDocument;
    let lockfile: vscode.TextDocument;

    before(async () => {
      const extension = await activateExtension();
      findings = await runCliCheck(extension.extensionPath);
      manifest = await vscode.workspace.openTextDocument(fileInWorkspace('package.json'));
      lockfile = await vscode.workspace.openTextDocument(fileInWorkspace('package-lock.json'));
      await vscode.window.showTextDocument(lockfile);
    });

    it('the CLI finds what the example is built to show', () => {
      const codes = new Set(findings.map((f) => `${f.file} ${f.code}`));
      for (const want of [
        'package.json denied',
        'package-lock.json denied',
        'package.json not-allowed',
        'package-lock.json not-allowed',
      ]) {
        assert.ok(codes.has(want), `sscs check reports no ${want}; it reports ${[...codes]}`);
      }
    });

    for (const file of ['package.json', 'package-lock.json']) {
      it(`${file}: the editor shows exactly the findings of sscs check`, async () => {
        const uri = fileInWorkspace(file);
        const want = findings
          .filter((f) => f.file === file)
          .map(keyOfFinding)
          .sort();
        const current = () =>
          sscsDiagnostics(uri)
            .map((d) => keyOfDiagnostic(file, d))
            .sort();

        const got = await waitForDiagnostics(
          () => {
            const keys = current();
            return keys.length > 0 && keys.join('\n') === want.join('\n') ? keys : undefined;
          },
          `the sscs diagnostics of ${file} to match sscs check`,
          () => `\nwant:\n  ${want.join('\n  ')}\ngot:\n  ${current().join('\n  ')}`,
        );
        assert.deepEqual(got, want);
      });
    }

    it('package.json: denied and not-allowed sit on the dependency entries', () => {
      const diagnostics = sscsDiagnostics(manifest.uri);
      const denied = findOn(diagnostics, manifest, 'denied', '"event-stream"');
      assert.ok(denied, 'no denied diagnostic on the event-stream line of package.json');
      assert.equal(denied.severity, vscode.DiagnosticSeverity.Error);
      assert.match(manifest.getText(denied.range), /event-stream/);

      const notAllowed = findOn(diagnostics, manifest, 'not-allowed', '"colors"');
      assert.ok(notAllowed, 'no not-allowed diagnostic on the colors line of package.json');
      assert.equal(notAllowed.severity, vscode.DiagnosticSeverity.Error);
    });

    it('package-lock.json: findings sit on the package entries, transitive ones point back', () => {
      const diagnostics = sscsDiagnostics(lockfile.uri);
      const denied = findOn(diagnostics, lockfile, 'denied', '"node_modules/event-stream"');
      assert.ok(denied, 'no denied diagnostic on node_modules/event-stream in the lockfile');
      assert.match(lockfile.getText(denied.range), /event-stream/);

      const transitive = findOn(diagnostics, lockfile, 'denied', '"node_modules/flatmap-stream"');
      assert.ok(transitive, 'no denied diagnostic on node_modules/flatmap-stream');
      const related = transitive.relatedInformation ?? [];
      const toManifest = related.find((r) => r.location.uri.toString() === manifest.uri.toString());
      assert.ok(toManifest, 'the transitive finding has no related information in package.json');
      const pointedLine = manifest.lineAt(toManifest.location.range.start.line).text;
      assert.match(pointedLine, /"event-stream"/);
    });
  });
}
