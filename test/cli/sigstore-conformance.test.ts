// SPDX-License-Identifier: Apache-2.0
// All 70 sigstore-conformance bundle-verify cases, each by artifact path and by sha256
// digest, run the way the conformance harness runs a client: through
// test/conformance/sscs-conformance-client.mjs, which invokes `node dist/cli.js verify`.
// Needs `npm run build` first.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

const root = resolve(__dirname, '../..');
const fixtures = join(root, 'test/fixtures/sigstore-conformance');
const client = join(root, 'test/conformance/sscs-conformance-client.mjs');

interface ConformanceCase {
  name: string;
  expect: 'pass' | 'fail';
  bundle: string;
  artifact: string;
  artifactDigest: string;
  certificateIdentity: string;
  certificateOidcIssuer: string;
}

const cases = (
  JSON.parse(readFileSync(join(fixtures, 'cases.json'), 'utf8')) as { cases: ConformanceCase[] }
).cases;

function clientArgs(row: ConformanceCase, mode: 'PATH' | 'DIGEST'): string[] {
  const dir = join(fixtures, 'bundle-verify', row.name);
  const args = ['verify-bundle', '--bundle', join(fixtures, row.bundle)];
  const key = join(dir, 'key.pub');
  if (existsSync(key)) {
    args.push('--key', key);
  } else {
    args.push('--certificate-identity', row.certificateIdentity);
    args.push('--certificate-oidc-issuer', row.certificateOidcIssuer);
  }
  const trustedRoot = join(dir, 'trusted_root.json');
  if (existsSync(trustedRoot)) args.push('--trusted-root', trustedRoot);
  // PATH mode passes the artifact relative to the harness's working directory.
  args.push(mode === 'PATH' ? row.artifact : row.artifactDigest);
  return args;
}

function runClient(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [client, ...args], { cwd: fixtures }, (err, _stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      done({ code, stderr });
    });
  });
}

describe('sigstore-conformance bundle-verify through the CLI', { concurrency: 4 }, () => {
  it('has the 70 upstream cases', () => {
    assert.equal(cases.length, 70);
  });

  for (const row of cases) {
    for (const mode of ['PATH', 'DIGEST'] as const) {
      it(`${mode}-${row.name} ${row.expect}s`, async () => {
        const { code, stderr } = await runClient(clientArgs(row, mode));
        if (row.expect === 'pass') {
          assert.equal(code, 0, stderr);
        } else {
          assert.equal(code, 1, `expected a verification failure (exit 1), got ${code}: ${stderr}`);
          assert.match(stderr, /^sscs: verification failed: [^\n]+\.\n$/);
        }
      });
    }
  }
});
