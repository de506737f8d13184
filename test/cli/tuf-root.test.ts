// SPDX-License-Identifier: Apache-2.0
// `sscs verify` without --trusted-root: a TUF refresh of the public-good root when online,
// the shipped copy when offline or when the TUF mirror fails (here a loopback server that
// answers 404), never a failed verification for want of network.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';

import seeds from '@sigstore/tuf/seeds.json';

import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

const CLI = resolve(__dirname, '../../dist/cli.js');
const BUNDLE = resolve(
  __dirname,
  '../fixtures/sigstore-real/cpython-release-tracker/bundles/Python-3.10.1.tgz.sigstore.json',
);
const ARGS = [
  'verify',
  'sha256:b76117670e7c5064344b9c138e141a377e686b9063f3a8a620ff674fa8ec90d3',
  '--bundle',
  BUNDLE,
  '--certificate-identity',
  'pablogsal@python.org',
  '--certificate-oidc-issuer',
  'https://accounts.google.com',
];

describe('the public-good trusted root', () => {
  let server: Server;
  let mirror: string;
  let requests: string[] = [];
  let rootPath: string;

  before(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.writeHead(404).end();
    });
    // The public-good initial root, so the client trusts the mirror enough to ask it.
    const seed = seeds['https://tuf-repo-cdn.sigstore.dev']['root.json'];
    rootPath = join(mkdtempSync(join(tmpdir(), 'sscs-tuf-root-')), 'root.json');
    writeFileSync(rootPath, Buffer.from(seed, 'base64'));
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  // Asynchronous, so the loopback mirror in this process can answer the child.
  function verify(extra: string[], env: NodeJS.ProcessEnv) {
    const clean = { ...process.env };
    delete clean.SSCS_OFFLINE;
    const options = {
      encoding: 'utf8' as const,
      env: { ...clean, SSCS_TUF_CACHE: mkdtempSync(join(tmpdir(), 'sscs-tuf-')), ...env },
    };
    return new Promise<{ status: number; stdout: string; stderr: string }>((done) => {
      execFile(process.execPath, [CLI, ...ARGS, ...extra], options, (err, stdout, stderr) => {
        done({ status: err ? Number(err.code ?? 1) : 0, stdout, stderr });
      });
    });
  }

  test('a failing TUF mirror falls back to the shipped root with one warning', async () => {
    requests = [];
    const run = await verify([], { SSCS_TUF_MIRROR: mirror, SSCS_TUF_ROOT: rootPath });
    assert.equal(run.status, 0, run.stderr);
    // The client first asks for the root after the one it holds, then gives up on the 404s.
    assert.match(requests[0] ?? '', /^\/\d+\.root\.json$/);
    assert.match(run.stdout, /^Verified OK: sha256:b761/);
    assert.match(
      run.stderr,
      /^sscs: warning: Could not refresh the Sigstore trusted root over TUF \(.+\); using the copy shipped with sscs\.\n$/,
    );
  });

  test('--offline uses the shipped root without asking the mirror', async () => {
    requests = [];
    const run = await verify(['--offline'], { SSCS_TUF_MIRROR: mirror, SSCS_TUF_ROOT: rootPath });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.deepEqual(requests, []);
  });
});
