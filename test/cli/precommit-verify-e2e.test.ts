// SPDX-License-Identifier: Apache-2.0
// `git commit` through the installed hook when the policy requires signed artifacts, against
// the built CLI (run `npm run build` first): the staged bytes and the staged bundle decide.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterEach, before, describe, test } from 'node:test';

import { makeRepo } from './git-helpers';

import type { TempRepo } from './git-helpers';

const CLI = resolve(__dirname, '..', '..', 'dist', 'cli.js');

const POLICY = JSON.stringify({
  version: 1,
  verify: [{ id: 'release', files: 'dist/*.bin', key: 'keys/release.pub' }],
});

// Not valid UTF-8, so a decoded-and-re-encoded read would change the digest.
const ARTIFACT = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28, 0x0a, 0x41]);

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

function sscs(r: TempRepo, ...args: string[]): void {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    cwd: r.dir,
    env: { ...r.env, SSCS_PASSWORD: 'pw' },
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
}

function writeBytes(r: TempRepo, rel: string, data: Buffer): void {
  mkdirSync(dirname(join(r.dir, rel)), { recursive: true });
  writeFileSync(join(r.dir, rel), data);
}

/** A repository with the policy and public key committed, the hook installed. */
function project(): TempRepo {
  const r = makeRepo('precommit-verify');
  repo = r;
  r.write('.sscs/policy.jsonc', POLICY);
  mkdirSync(join(r.dir, 'keys'));
  sscs(r, 'generate-key-pair', '--output-key-prefix', 'keys/release');
  r.git('add', '.sscs/policy.jsonc', 'keys/release.pub');
  r.git('commit', '-q', '-m', 'policy');
  sscs(r, 'hook', 'install');
  return r;
}

/** Writes and signs dist/app.bin; the bundle lands beside it. */
function signedArtifact(r: TempRepo): void {
  writeBytes(r, 'dist/app.bin', ARTIFACT);
  sscs(r, 'sign', 'dist/app.bin', '--key', 'keys/release.key');
}

function commit(r: TempRepo): { status: number | null; output: string } {
  const out = r.tryGit('commit', '-q', '-m', 'release');
  return { status: out.status, output: out.stdout + out.stderr };
}

function commits(r: TempRepo): number {
  return Number(r.git('rev-list', '--count', 'HEAD').trim());
}

describe('pre-commit hook with a verify section', () => {
  before(() => {
    assert.ok(existsSync(CLI), `${CLI} is missing; run npm run build first`);
  });

  test('a correctly signed artifact commits', () => {
    const r = project();
    signedArtifact(r);
    r.git('add', 'dist');

    const result = commit(r);

    assert.deepEqual([result.status, commits(r)], [0, 2], result.output);
  });

  test('a tampered signed artifact blocks the commit with the reason', () => {
    const r = project();
    signedArtifact(r);
    writeBytes(r, 'dist/app.bin', Buffer.concat([ARTIFACT, Buffer.from('backdoor')]));
    r.git('add', 'dist');

    const result = commit(r);

    assert.deepEqual([result.status, commits(r)], [1, 1], result.output);
    const line = result.output.split('\n').find((text) => text.includes('signature-invalid'));
    const reason =
      'dist/app.bin does not verify against dist/app.bin.sigstore.json as verify entry ' +
      '"release" requires: the artifact check failed: the bundle does not sign the artifact ' +
      'with digest sha256:';
    assert.match(line ?? '', /^dist\/app\.bin:1:1 +error +signature-invalid +/, result.output);
    assert.equal(line?.replace(/^.*signature-invalid +/, '').slice(0, reason.length), reason);
  });

  test('the staged artifact is verified, not the working tree copy', () => {
    const r = project();
    signedArtifact(r);
    r.git('add', 'dist');
    writeBytes(r, 'dist/app.bin', Buffer.from('changed after staging\n'));

    const result = commit(r);

    assert.deepEqual([result.status, commits(r)], [0, 2], result.output);
  });

  test('a bundle that is not staged counts as missing', () => {
    const r = project();
    signedArtifact(r);
    r.git('add', 'dist/app.bin');

    const result = commit(r);

    assert.deepEqual([result.status, commits(r)], [1, 1], result.output);
    assert.match(result.output, /signature-missing +dist\/app\.bin has no signature bundle/);
  });
});
