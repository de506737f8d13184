// SPDX-License-Identifier: Apache-2.0
// Latency from a didChange notification to the publishDiagnostics it causes, over stdio with
// the built server and the real protocol.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';

export async function measureDidChange(
  lockPath: string,
  policyPath: string,
  edits: number,
): Promise<number[]> {
  const server = spawn(process.execPath, [resolve(__dirname, '../dist/server.js'), '--stdio'], {
    env: { ...process.env, SSCS_ORG_POLICY: policyPath },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  if (!server.stdout || !server.stdin) throw new Error('server pipes missing');
  const connection = createMessageConnection(
    new StreamMessageReader(server.stdout),
    new StreamMessageWriter(server.stdin),
  );
  const uri = `file://${lockPath}`;
  let resolveNext: (() => void) | undefined;
  connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string }) => {
    if (params.uri === uri) resolveNext?.();
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
    params.items.map(() => null),
  );
  connection.listen();
  const root = `file://${dirname(lockPath)}`;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: root,
    workspaceFolders: [{ uri: root, name: 'bench' }],
    capabilities: { workspace: { configuration: true } },
    initializationOptions: { trusted: true },
  });
  await connection.sendNotification('initialized', {});

  const next = () => new Promise<void>((done) => (resolveNext = done));
  const text = readFileSync(lockPath, 'utf8');
  let published = next();
  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'json', version: 1, text },
  });
  await published;

  // Each edit toggles one character of a version string, as typing would.
  const line = text.split('\n').findIndex((l) => l.includes('"version": "'));
  const character = text.split('\n')[line].indexOf('"version": "') + 12;
  const samples: number[] = [];
  for (let i = 0; i < edits; i++) {
    published = next();
    const start = performance.now();
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: i + 2 },
      contentChanges: [
        {
          range: { start: { line, character }, end: { line, character: character + 1 } },
          text: String(i % 10),
        },
      ],
    });
    await published;
    samples.push(performance.now() - start);
  }
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  return samples;
}
