// SPDX-License-Identifier: Apache-2.0
// The language server over stdio with the real protocol: open, change, diagnostics, code
// actions applied as a client would, policy files, bad input, and restricted mode.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { TextDocument } from 'vscode-languageserver-textdocument';

import { copyExample, fileUri, rangeOf, read } from './helpers';
import { startServer } from './lsp-client';

import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import type { TestClient } from './lsp-client';

const ORG = { SSCS_ORG_POLICY: 'org-policy.jsonc' };

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code}:${d.range.start.line}`).sort();
}

async function open(client: TestClient, path: string, text = read(path)): Promise<Diagnostic[]> {
  const uri = fileUri(path);
  const published = client.diagnostics(uri);
  await client.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'json', version: 1, text },
  });
  return published;
}

let version = 1;
async function replace(client: TestClient, path: string, text: string): Promise<Diagnostic[]> {
  const uri = fileUri(path);
  const published = client.diagnostics(uri);
  version += 1;
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version },
    contentChanges: [{ text }],
  });
  return published;
}

async function codeActions(client: TestClient, path: string, diagnostic: Diagnostic) {
  return client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: fileUri(path) },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic] },
  });
}

function applyEdits(path: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create(fileUri(path), 'json', 1, read(path)), edits);
}

describe('language server on the npm demo', () => {
  let dir: string;
  let client: TestClient;
  let lockPath: string;
  let manifestPath: string;

  before(async () => {
    dir = copyExample();
    lockPath = join(dir, 'package-lock.json');
    manifestPath = join(dir, 'package.json');
    client = await startServer(dir, {}, ORG);
  });
  after(async () => client.stop());

  test('publishes lockfile findings at the package keys, with related manifest entries', async () => {
    const diagnostics = await open(client, lockPath);
    assert.deepEqual(codes(diagnostics), [
      'denied:53',
      'denied:62',
      'dependency-confusion:26',
      'insecure-protocol:67',
      'install-script:93',
      'missing-integrity:100',
      'not-allowed:36',
      'quarantined:31',
      'untrusted-registry:67',
      'untrusted-registry:73',
      'weak-integrity:87',
    ]);
    const flatmap = diagnostics.find((d) => d.message.startsWith('flatmap-stream'));
    assert.ok(flatmap);
    assert.deepEqual(flatmap.range, rangeOf(read(lockPath), '"node_modules/flatmap-stream"'));
    assert.equal(flatmap.source, 'sscs');
    assert.equal(flatmap.severity, 1);
    assert.deepEqual(flatmap.relatedInformation, [
      {
        location: {
          uri: fileUri(manifestPath),
          range: rangeOf(read(manifestPath), '"event-stream": "3.3.6"'),
        },
        message: 'flatmap-stream 0.1.1 comes in through event-stream.',
      },
    ]);
  });

  test('re-analyzes on change: a version outside the rule clears the denial', async () => {
    const text = read(lockPath).replace('"version": "3.3.6"', '"version": "3.3.4"');
    const diagnostics = await replace(client, lockPath, text);
    assert.equal(diagnostics.filter((d) => d.code === 'denied').length, 1);
    assert.ok(!diagnostics.some((d) => d.message.startsWith('event-stream')));
  });

  test('the exception quick fix edits the project policy and lifts the quarantine', async () => {
    const diagnostics = await replace(client, lockPath, read(lockPath));
    const quarantined = diagnostics.find((d) => d.code === 'quarantined');
    assert.ok(quarantined);
    const actions = await codeActions(client, lockPath, quarantined);
    assert.equal(actions.length, 2);
    assert.match(
      actions[0].title,
      /^Add a project exception for @newco\/widgets \(new-vendor\), expiring \d{4}-\d\d-\d\d$/,
    );
    assert.equal(actions[0].kind, 'quickfix');
    assert.equal(actions[0].command, undefined, 'a plain LSP client gets no client command');
    assert.equal(actions[1].title, 'Remove @newco/widgets from package.json');

    const policyPath = join(dir, '.sscs/policy.jsonc');
    const edits = actions[0].edit?.changes?.[fileUri(policyPath)];
    assert.ok(edits);
    const updated = applyEdits(policyPath, edits);
    assert.match(updated, /"rule": "new-vendor",\s+"package": "pkg:npm\/%40newco\/widgets@1.0.0"/);
    writeFileSync(policyPath, updated);
    const cleared = client.diagnostics(
      fileUri(lockPath),
      (d) => !d.some((x) => x.code === 'quarantined'),
    );
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: fileUri(policyPath), type: 2 }],
    });
    assert.ok((await cleared).some((d) => d.code === 'not-allowed'));
  });

  test('the remove quick fix deletes the manifest entry and its finding', async () => {
    const diagnostics = await open(client, manifestPath);
    const denied = diagnostics.find((d) => d.code === 'denied');
    assert.ok(denied);
    assert.deepEqual(denied.range, rangeOf(read(manifestPath), '"event-stream": "3.3.6"'));
    const actions = await codeActions(client, manifestPath, denied);
    const remove = actions.find((a) => a.title === 'Remove event-stream from package.json');
    const edits = remove?.edit?.changes?.[fileUri(manifestPath)];
    assert.ok(edits);
    const updated = applyEdits(manifestPath, edits);
    assert.ok(!updated.includes('event-stream'));
    assert.doesNotThrow(() => JSON.parse(updated));
    const after = await replace(client, manifestPath, updated);
    assert.ok(!after.some((d) => d.code === 'denied'));
  });

  test('a policy file gets its own policy-error and exception diagnostics', async () => {
    const policyPath = join(dir, '.sscs/policy.jsonc');
    const diagnostics = await open(client, policyPath);
    const text = read(policyPath);
    const modeError = diagnostics.find((d) => d.code === 'policy-error');
    assert.ok(modeError);
    assert.deepEqual(modeError.range, rangeOf(text, '"advisory"'));
    assert.ok(diagnostics.some((d) => d.code === 'exception-expired'));
  });

  test('bad input: a truncated lockfile gets parse-error and the server keeps serving', async () => {
    const brokenPath = join(dir, 'packages/broken/package-lock.json');
    const text = read(lockPath).slice(0, 700);
    const diagnostics = await open(client, brokenPath, text);
    assert.deepEqual(
      codes(diagnostics).map((c) => c.split(':')[0]),
      ['parse-error'],
    );
    assert.match(diagnostics[0].message, /package-lock\.json/);
    const again = await replace(client, lockPath, read(lockPath));
    assert.ok(again.length > 5);
  });
});

describe('language server on bad input and files on disk', () => {
  let dir: string;
  let client: TestClient;

  before(async () => {
    dir = copyExample();
    client = await startServer(dir, {}, ORG);
  });
  after(async () => client.stop());

  test('a YAML alias bomb is a parse-error, and the next request is answered', async () => {
    const bomb = read(join(__dirname, '../fixtures/lockfiles/pnpm/alias-bomb.yaml'));
    const diagnostics = await open(client, join(dir, 'bomb/pnpm-lock.yaml'), bomb);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity]),
      [['parse-error', 1]],
    );
    assert.match(diagnostics[0].message, /^pnpm-lock\.yaml /);
    const view = await client.connection.sendRequest<{ rules: unknown[] }>(
      'sscs/effectivePolicy',
      {},
    );
    assert.ok(view.rules.length > 0);
  });

  test('a policy value of the wrong type is a policy-error at the value', async () => {
    const policyPath = join(dir, '.sscs/policy.jsonc');
    const text = read(policyPath).replace('"defaultAction": "deny"', '"defaultAction": 7');
    const diagnostics = await open(client, policyPath, text);
    const error = diagnostics.find((d) => d.range.start.line === rangeOf(text, '7,').start.line);
    assert.ok(error, JSON.stringify(diagnostics));
    assert.equal(error.code, 'policy-error');
    assert.equal(error.message, '"defaultAction" must be one of "allow", "deny".');
  });

  test('a closed lockfile changed on disk is analyzed when the watcher reports it', async () => {
    const lockPath = join(dir, 'package-lock.json');
    writeFileSync(lockPath, read(lockPath).replace('"lodash": {', '"lodash": {\n'));
    const published = client.diagnostics(fileUri(lockPath));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: fileUri(lockPath), type: 2 }],
    });
    const diagnostics = await published;
    assert.ok(diagnostics.some((d) => d.code === 'untrusted-registry'));
  });
});

describe('language server with the sscs client', () => {
  test('the exception quick fix also asks the client to select the reason', async () => {
    const dir = copyExample();
    const client = await startServer(dir, { clientCommands: true }, ORG);
    try {
      const lockPath = join(dir, 'package-lock.json');
      const quarantined = (await open(client, lockPath)).find((d) => d.code === 'quarantined');
      assert.ok(quarantined);
      const [exception] = await codeActions(client, lockPath, quarantined);
      assert.deepEqual(exception.command, {
        title: 'Justify the exception',
        command: 'sscs.justifyException',
        arguments: [
          fileUri(join(dir, '.sscs/policy.jsonc')),
          'Explain why this exception is safe.',
        ],
      });
    } finally {
      await client.stop();
    }
  });
});

describe('language server in restricted mode', () => {
  test('keeps the organization policy and ignores the project policy', async () => {
    const dir = copyExample();
    const client = await startServer(dir, { trusted: false }, ORG);
    try {
      const diagnostics = await open(client, join(dir, 'package-lock.json'));
      const found = new Set(diagnostics.map((d) => d.code));
      assert.ok(found.has('denied'));
      assert.ok(found.has('untrusted-registry'));
      assert.ok(!found.has('quarantined'));
      assert.ok(!found.has('not-allowed'));
    } finally {
      await client.stop();
    }
  });
});
