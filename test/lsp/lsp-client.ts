// SPDX-License-Identifier: Apache-2.0
// A minimal LSP client for tests: starts dist/server.js over stdio and speaks the real
// protocol through vscode-jsonrpc. Waits are on notifications, never on timers alone.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';

import type { ChildProcess } from 'node:child_process';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const SERVER = resolve(__dirname, '../../dist/server.js');

export interface TestClient {
  connection: MessageConnection;
  process: ChildProcess;
  /** Resolves with the next diagnostics published for `uri` that satisfy `accept`. */
  diagnostics(
    uri: string,
    accept?: (d: Diagnostic[]) => boolean,
    timeoutMs?: number,
  ): Promise<Diagnostic[]>;
  stop(): Promise<void>;
  stderr(): string;
}

export async function startServer(
  rootPath: string,
  initializationOptions: Record<string, unknown> = {},
  env: NodeJS.ProcessEnv = {},
): Promise<TestClient> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  if (!child.stdout || !child.stdin) throw new Error('server pipes missing');
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );

  const latest = new Map<string, Diagnostic[]>();
  const waiters: {
    uri: string;
    accept: (d: Diagnostic[]) => boolean;
    done: (d: Diagnostic[]) => void;
  }[] = [];
  connection.onNotification(
    'textDocument/publishDiagnostics',
    (params: PublishDiagnosticsParams) => {
      latest.set(params.uri, params.diagnostics);
      for (const waiter of [...waiters]) {
        if (waiter.uri === params.uri && waiter.accept(params.diagnostics)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.done(params.diagnostics);
        }
      }
    },
  );
  connection.onNotification('window/logMessage', () => undefined);
  connection.onNotification('sscs/status', () => undefined);
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
    params.items.map(() => null),
  );
  connection.listen();

  const rootUri = `file://${rootPath}`;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'test' }],
    capabilities: {
      workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
      textDocument: { publishDiagnostics: { relatedInformation: true } },
    },
    initializationOptions: { trusted: true, ...initializationOptions },
  });
  await connection.sendNotification('initialized', {});

  return {
    connection,
    process: child,
    stderr: () => stderr,
    diagnostics(uri, accept = () => true, timeoutMs = 10_000) {
      return new Promise((resolveDiagnostics, reject) => {
        const timer = setTimeout(() => {
          reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push({
          uri,
          accept,
          done: (d) => {
            clearTimeout(timer);
            resolveDiagnostics(d);
          },
        });
      });
    },
    async stop() {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      connection.dispose();
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
    },
  };
}
