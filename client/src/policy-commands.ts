// SPDX-License-Identifier: Apache-2.0
// Palette commands about the firewall: analyze the workspace, show the effective policy.
import { commands, window, workspace } from 'vscode';

import { ANALYZE_WORKSPACE_REQUEST, EFFECTIVE_POLICY_REQUEST } from '../../shared/protocol';

import type { ExtensionContext, LogOutputChannel, Uri } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { AnalyzeWorkspaceResult, EffectivePolicyView } from '../../shared/protocol';

export function registerPolicyCommands(
  context: ExtensionContext,
  client: () => LanguageClient,
  log: LogOutputChannel,
): void {
  context.subscriptions.push(
    commands.registerCommand('sscs.analyzeWorkspace', async () => {
      const result: AnalyzeWorkspaceResult = await client().sendRequest(ANALYZE_WORKSPACE_REQUEST);
      const text =
        `SSCS analyzed ${result.files} files: ${result.errors} errors, ` +
        `${result.warnings} warnings, ${result.infos} infos.`;
      log.info(text);
      void window.showInformationMessage(text);
      return result;
    }),
    commands.registerCommand('sscs.showEffectivePolicy', async (uri?: Uri) => {
      const target = uri ?? window.activeTextEditor?.document.uri;
      const view: EffectivePolicyView = await client().sendRequest(EFFECTIVE_POLICY_REQUEST, {
        uri: target?.toString(),
      });
      const header = '// Effective sscs policy; each rule names the layer it comes from.';
      const doc = await workspace.openTextDocument({
        language: 'jsonc',
        content: `${header}\n${JSON.stringify(view, null, 2)}\n`,
      });
      await window.showTextDocument(doc, { preview: true });
      return view;
    }),
  );
}
