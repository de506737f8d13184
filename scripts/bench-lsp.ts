// SPDX-License-Identifier: Apache-2.0
// Language server figures over stdio with the built server and the real protocol: latency
// from didChange to the publishDiagnostics it causes, and how requests fare while a large
// lockfile is analyzed.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';

import type { MessageConnection } from 'vscode-jsonrpc/node';

interface BenchServer {
  connection: MessageConnection;
  /** Resolves at the next publishDiagnostics for `uri`. */
  published(uri: string): Promise<void>;
  stop(): Promise<void>;
}

async function connectServer(root: string, policyPath: string): Promise<BenchServer> {
  const server = spawn(process.execPath, [resolve(__dirname, '../dist/server.js'), '--stdio'], {
    env: { ...process.env, SSCS_ORG_POLICY: policyPath },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  if (!server.stdout || !server.stdin) throw new Error('server pipes missing');
  const connection = createMessageConnection(
    new StreamMessageReader(server.stdout),
    new StreamMessageWriter(server.stdin),
  );
  const waiting = new Map<string, () => void>();
  connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string }) => {
    waiting.get(params.uri)?.();
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
    params.items.map(() => null),
  );
  connection.listen();
  const rootUri = `file://${root}`;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'bench' }],
    capabilities: { workspace: { configuration: true } },
    initializationOptions: { trusted: true },
  });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    published: (uri) => new Promise<void>((done) => waiting.set(uri, done)),
    async stop() {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      connection.dispose();
    },
  };
}

export async function measureDidChange(
  lockPath: string,
  policyPath: string,
  edits: number,
): Promise<number[]> {
  const bench = await connectServer(dirname(lockPath), policyPath);
  const { connection } = bench;
  const uri = `file://${lockPath}`;
  const text = readFileSync(lockPath, 'utf8');
  let published = bench.published(uri);
  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'json', version: 1, text },
  });
  await published;

  // Each edit toggles one character of a version string, as typing would.
  const line = text.split('\n').findIndex((l) => l.includes('"version": "'));
  const character = text.split('\n')[line].indexOf('"version": "') + 12;
  const samples: number[] = [];
  for (let i = 0; i < edits; i++) {
    published = bench.published(uri);
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
  await bench.stop();
  return samples;
}

export interface LargeFileFigures {
  megabytes: number;
  packages: number;
  diagnosticsMs: number;
  requestsAnswered: number;
  maxRequestMs: number;
}

/**
 * Opens a generated lockfile of `packages` entries and, until its diagnostics arrive, sends
 * one request after another: the analysis runs on a worker, so they keep being answered.
 */
export async function measureLargeFile(
  policyPath: string,
  packages: number,
): Promise<LargeFileFigures> {
  const entries: Record<string, unknown> = { '': { name: 'big' } };
  for (let i = 0; i < packages; i++) {
    entries[`node_modules/pkg-${i}`] = {
      version: '1.0.0',
      resolved: `https://registry.npmjs.org/pkg-${i}/-/pkg-${i}-1.0.0.tgz`,
      integrity: `sha512-${'x'.repeat(86)}==`,
    };
  }
  const text = JSON.stringify({ name: 'big', lockfileVersion: 3, packages: entries }, null, 2);
  const root = mkdtempSync(join(tmpdir(), 'sscs-bench-large-'));
  const bench = await connectServer(root, policyPath);
  const uri = `file://${join(root, 'package-lock.json')}`;

  let done = false;
  const start = performance.now();
  const published = bench.published(uri).then(() => {
    done = true;
  });
  await bench.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'json', version: 1, text },
  });
  const latencies: number[] = [];
  while (!done) {
    const sent = performance.now();
    await bench.connection.sendRequest('sscs/effectivePolicy', {});
    latencies.push(performance.now() - sent);
  }
  await published;
  const diagnosticsMs = performance.now() - start;
  await bench.stop();
  return {
    megabytes: text.length / 1024 / 1024,
    packages,
    diagnosticsMs,
    requestsAnswered: latencies.length,
    maxRequestMs: Math.max(...latencies),
  };
}
