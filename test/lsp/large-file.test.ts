// SPDX-License-Identifier: Apache-2.0
// Lockfiles above the worker threshold are analyzed on a worker thread: the findings are the
// same as in process (exact ranges, related entries), and a newer edit supersedes the work.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { fileUri, rangeOf } from './helpers';
import { startServer } from './lsp-client';

import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { TestClient } from './lsp-client';

const POLICY = JSON.stringify({
  version: 1,
  rules: [{ id: 'no-es', action: 'deny', package: 'pkg:npm/event-stream', versions: '3.3.6' }],
});
const MANIFEST = '{\n  "name": "big",\n  "dependencies": {\n    "event-stream": "^3.3.0"\n  }\n}\n';

/** A v3 lockfile with `count` filler packages and event-stream 3.3.6 in the middle. */
function bigLockfile(count: number): string {
  const packages: Record<string, unknown> = {
    '': { name: 'big', dependencies: { 'event-stream': '^3.3.0' } },
  };
  for (let i = 0; i < count; i++) {
    if (i === count / 2) {
      packages['node_modules/event-stream'] = {
        version: '3.3.6',
        resolved: 'https://registry.npmjs.org/event-stream/-/event-stream-3.3.6.tgz',
        integrity: 'sha512-AAAA',
      };
    }
    packages[`node_modules/filler-${i}`] = {
      version: '1.0.0',
      resolved: `https://registry.npmjs.org/filler-${i}/-/filler-${i}-1.0.0.tgz`,
      integrity: `sha512-${'x'.repeat(86)}==`,
    };
  }
  return JSON.stringify({ name: 'big', lockfileVersion: 3, packages }, null, 2);
}

describe('language server on a lockfile above the worker threshold', () => {
  let dir: string;
  let client: TestClient;
  const big = bigLockfile(20_000);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sscs-big-'));
    writeFileSync(join(dir, 'org.jsonc'), POLICY);
    writeFileSync(join(dir, 'package.json'), MANIFEST);
    client = await startServer(dir, {}, { SSCS_ORG_POLICY: 'org.jsonc' });
  });
  after(async () => client.stop());

  test('the worker reports the denial at its key, related to the manifest entry', async () => {
    assert.ok(big.length > 4 * 1024 * 1024, `${big.length} characters`);
    const uri = fileUri(join(dir, 'package-lock.json'));
    const published = client.diagnostics(uri, (d) => d.length > 0, 30_000);
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'json', version: 1, text: big },
    });
    const diagnostics = await published;
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range, d.relatedInformation?.[0]?.location.range]),
      [
        [
          'denied',
          rangeOf(big, '"node_modules/event-stream"'),
          rangeOf(MANIFEST, '"event-stream": "^3.3.0"'),
        ],
      ],
    );
  });

  test('a newer edit supersedes a running analysis: only its result is published', async () => {
    const uri = fileUri(join(dir, 'other/package-lock.json'));
    const seen: Diagnostic[][] = [];
    const small = JSON.stringify({ name: 'x', lockfileVersion: 3, packages: { '': {} } });
    const settled = client.diagnostics(uri, (d) => (seen.push(d), d.length === 0), 30_000);
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'json', version: 1, text: big },
    });
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: small }],
    });
    await settled;
    // A request round trip, then nothing more may have come for the superseded version.
    await client.connection.sendRequest('sscs/effectivePolicy', {});
    assert.deepEqual(seen, [[]]);
  });
});
