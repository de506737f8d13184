// SPDX-License-Identifier: Apache-2.0
// Signing and verifying a file from the editor with a local key pair: the bundle written by
// `sscs.signFile` is accepted by `sscs.verifyFile`, and rejected once the file changes.
// Contract used here (the options let tests skip the pickers the commands show to a user; the
// results are the SignOutcome / VerifyOutcome of shared/sigstore-protocol.ts):
//   sscs.signFile(uri, { key: string, passphrase?: string }) -> { ok: true, bundlePath } | failure
//   sscs.verifyFile(uri, { bundle: string, key: string }) -> { ok: boolean, message? }
import * as assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';

import { activateExtension } from './helpers';

interface Outcome {
  ok: boolean;
  bundlePath?: string;
  message?: string;
}

function isOutcome(value: unknown): value is Outcome {
  return typeof value === 'object' && value !== null && 'ok' in value;
}

export function registerSignVerifyTests(): void {
  describe('sign and verify commands', function () {
    // A command that ignores the options opens a picker and never returns: fail sooner.
    this.timeout(20_000);
    let dir = '';
    let artifact: vscode.Uri;
    let privateKey = '';
    let publicKey = '';
    let bundlePath = '';

    before(async () => {
      await activateExtension();
      dir = mkdtempSync(join(tmpdir(), 'sscs-sign-'));
      const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
      privateKey = join(dir, 'cosign.key');
      publicKey = join(dir, 'cosign.pub');
      writeFileSync(privateKey, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
      writeFileSync(publicKey, pair.publicKey.export({ type: 'spki', format: 'pem' }));
      const file = join(dir, 'release.tgz');
      writeFileSync(file, 'artifact contents\n');
      artifact = vscode.Uri.file(file);
    });

    it('sscs.signFile writes a Sigstore bundle next to the file', async () => {
      const result = await vscode.commands.executeCommand('sscs.signFile', artifact, {
        key: privateKey,
      });
      assert.ok(isOutcome(result), `sscs.signFile returned ${JSON.stringify(result)}`);
      assert.equal(result.ok, true, result.message);
      assert.ok(result.bundlePath, 'sscs.signFile returned no bundlePath');
      bundlePath = result.bundlePath;

      const bundle = JSON.parse(readFileSync(bundlePath, 'utf8')) as { mediaType?: string };
      assert.match(bundle.mediaType ?? '', /^application\/vnd\.dev\.sigstore\.bundle/);
    });

    it('sscs.verifyFile accepts that bundle with the public key', async () => {
      assert.ok(bundlePath, 'no bundle was signed');
      const result = await vscode.commands.executeCommand('sscs.verifyFile', artifact, {
        bundle: bundlePath,
        key: publicKey,
      });
      assert.ok(isOutcome(result), `sscs.verifyFile returned ${JSON.stringify(result)}`);
      assert.equal(result.ok, true, result.message);
    });

    it('sscs.verifyFile rejects the bundle once the file has changed', async () => {
      assert.ok(bundlePath, 'no bundle was signed');
      writeFileSync(artifact.fsPath, 'tampered contents\n');
      const result = await vscode.commands.executeCommand('sscs.verifyFile', artifact, {
        bundle: bundlePath,
        key: publicKey,
      });
      assert.ok(isOutcome(result), `sscs.verifyFile returned ${JSON.stringify(result)}`);
      assert.equal(result.ok, false, 'a changed file still verified');
    });
  });
}
