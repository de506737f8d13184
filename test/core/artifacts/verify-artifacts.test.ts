// SPDX-License-Identifier: Apache-2.0
// verifyArtifacts with an injected verifier: which files count as artifacts, where their
// bundles are looked for, and how bytes reach the verifier.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { verifyArtifacts } from '../../../server/src/core/artifacts/verify-artifacts';
import { effective } from '../policy/helpers';

import type { ArtifactVerifier } from '../../../server/src/core/artifacts/verify-artifacts';
import type { FileSource } from '../../../server/src/core/file-source';
import type { VerificationResult } from '../../../server/src/core/sigstore/verify';

const ROOT = '/repo';
const OK: VerificationResult = {
  content: 'message-signature',
  signedWith: 'key',
  extensions: {},
  tlogEntries: 0,
  rfc3161Timestamps: 0,
};

/** A text-only source (like editor buffers): no readBytes. */
function textSource(files: Record<string, string>): FileSource {
  return {
    read: async (path) => files[path],
    list: async () => Object.keys(files),
  };
}

/** A verifier that records, per artifact, the bundle path and the artifact bytes it read. */
function recordingVerifier(calls: [string, string, number[]][]): ArtifactVerifier {
  return async (files, input) => {
    const bytes = await files.read(input.target);
    calls.push([input.target, input.bundlePath, [...bytes]]);
    return OK;
  };
}

function policyWith(entry: Record<string, unknown>) {
  return effective(undefined, JSON.stringify({ version: 1, verify: [entry] }));
}

describe('verifyArtifacts', () => {
  test('bundles a glob matches are not artifacts; files outside the root never match', async () => {
    const files = {
      '/repo/dist/a.bin': 'a',
      '/repo/dist/a.bin.sig.json': '{}',
      '/repo/dist/b.bin': 'b',
      '/repo/dist/b.bin.sig.json': '{}',
      '/elsewhere/dist/c.bin': 'c',
    };
    const calls: [string, string, number[]][] = [];

    const findings = await verifyArtifacts({
      root: ROOT,
      files: Object.keys(files),
      policy: policyWith({ files: 'dist/**', bundle: '{file}.sig.json', key: 'k.pub' }),
      source: textSource(files),
      organizationSource: textSource({}),
      verify: recordingVerifier(calls),
    });

    assert.deepStrictEqual(
      { findings, calls: calls.sort() },
      {
        findings: [],
        calls: [
          ['/repo/dist/a.bin', '/repo/dist/a.bin.sig.json', [0x61]],
          ['/repo/dist/b.bin', '/repo/dist/b.bin.sig.json', [0x62]],
        ],
      },
    );
  });

  // Pins the Limit in source-files.ts: without readBytes, the text is verified as UTF-8.
  test('a source without readBytes hands its text over as UTF-8', async () => {
    const files = { '/repo/a.txt': 'é\n', '/repo/a.txt.sigstore.json': '{}' };
    const calls: [string, string, number[]][] = [];

    await verifyArtifacts({
      root: ROOT,
      files: ['/repo/a.txt'],
      policy: policyWith({ files: '*.txt', key: 'k.pub' }),
      source: textSource(files),
      organizationSource: textSource({}),
      verify: recordingVerifier(calls),
    });

    assert.deepStrictEqual(calls, [
      ['/repo/a.txt', '/repo/a.txt.sigstore.json', [0xc3, 0xa9, 0x0a]],
    ]);
  });

  test('an error other than a verification failure propagates', async () => {
    const files = { '/repo/a.txt': 'a', '/repo/a.txt.sigstore.json': '{}' };
    const broken: ArtifactVerifier = async () => {
      throw new TypeError('bug');
    };

    await assert.rejects(
      verifyArtifacts({
        root: ROOT,
        files: ['/repo/a.txt'],
        policy: policyWith({ files: '*.txt', key: 'k.pub' }),
        source: textSource(files),
        organizationSource: textSource({}),
        verify: broken,
      }),
      new TypeError('bug'),
    );
  });
});
