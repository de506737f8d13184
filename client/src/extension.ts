// SPDX-License-Identifier: Apache-2.0
// The VS Code side: starts the language server over IPC, shows the workspace counts in the
// status bar, and registers the palette commands. No analysis happens here.
import { commands, Selection, Uri, window, workspace } from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';

import { STATUS_NOTIFICATION } from '../../shared/protocol';
import { registerPolicyCommands } from './policy-commands';
import { redactingChannel } from './redacting-channel';
import { registerSigstoreCommands } from './sigstore-commands';
import { StatusItem } from './status';

import type { ExtensionContext, LogOutputChannel } from 'vscode';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import type { InitializationOptions, StatusParams } from '../../shared/protocol';

/** Files the server reads; the server decides what each one is. */
const SELECTOR_PATTERNS = [
  '**/package.json',
  '**/package-lock.json',
  '**/npm-shrinkwrap.json',
  '**/yarn.lock',
  '**/pnpm-lock.yaml',
  '**/.sscs/policy.json',
  '**/.sscs/policy.jsonc',
];

/** The settings the server reads; sent in `initialize` and on every change. */
const SERVER_SECTIONS = ['sscs.enable', 'sscs.policy', 'sscs.analysis', 'sscs.offline'] as const;

let client: LanguageClient | undefined;

function serverSettings(): Record<string, unknown> {
  const sscs = workspace.getConfiguration('sscs');
  return {
    enable: sscs.get('enable'),
    policy: sscs.get('policy'),
    analysis: sscs.get('analysis'),
    offline: sscs.get('offline'),
  };
}

export async function activate(context: ExtensionContext): Promise<void> {
  const log = window.createOutputChannel('SSCS', { log: true });
  const status = new StatusItem();
  context.subscriptions.push(log, status);
  log.info(`sscs ${context.extension.packageJSON.version as string} on VS Code`);

  const start = async () => {
    client = createClient(context, log);
    client.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => status.update(params));
    try {
      await client.start();
    } catch (err) {
      log.error(`The sscs language server failed to start: ${String(err)}`);
      log.show(true);
      throw err;
    }
  };
  await start();

  const current = () => {
    if (!client) throw new Error('The sscs language server is not running.');
    return client;
  };
  registerPolicyCommands(context, current, log);
  registerSigstoreCommands(context, current, log);
  context.subscriptions.push(
    commands.registerCommand('sscs.getStatus', () => status.current()),
    commands.registerCommand('sscs.justifyException', selectPlaceholder),
    // Trust granted: restart so the server reads the project policy it ignored until now.
    workspace.onDidGrantWorkspaceTrust(async () => {
      await client?.stop();
      await start();
    }),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

function createClient(context: ExtensionContext, log: LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: {
      module,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6019'] },
    },
  };
  const initializationOptions: InitializationOptions = {
    trusted: workspace.isTrusted,
    storagePath: context.globalStorageUri.fsPath,
    settings: serverSettings(),
    clientCommands: true,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: SELECTOR_PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
    outputChannel: log,
    traceOutputChannel: redactingChannel(log),
    initializationOptions,
    // The server's settings only: sscs.sigstore holds a token that has no business in traces.
    synchronize: { configurationSection: [...SERVER_SECTIONS] },
  };
  return new LanguageClient('sscs', 'SSCS', serverOptions, clientOptions);
}

// After the exception quick fix: open the project policy with the placeholder reason selected,
// so the justification is what the user types next.
async function selectPlaceholder(uri: string, placeholder: string): Promise<void> {
  const editor = await window.showTextDocument(Uri.parse(uri));
  const text = editor.document.getText();
  const offset = text.lastIndexOf(placeholder);
  if (offset < 0) return;
  const start = editor.document.positionAt(offset);
  const end = editor.document.positionAt(offset + placeholder.length);
  editor.selection = new Selection(start, end);
  editor.revealRange(editor.selection);
}
