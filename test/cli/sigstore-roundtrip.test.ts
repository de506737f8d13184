// SPDX-License-Identifier: Apache-2.0
// sign / attest / verify / verify-provenance / generate-key-pair against loopback Fulcio,
// Rekor and TSA (test/core/sigstore/mock-services.ts). Commands run in process; a sample
// also runs the built dist/cli.js to check exit codes and the absence of stack traces.
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';

import { runAttest } from '../../server/src/cli/commands/attest';
import { runGenerateKeyPair } from '../../server/src/cli/commands/generate-key-pair';
import { runSign } from '../../server/src/cli/commands/sign';
import { runVerify } from '../../server/src/cli/commands/verify';
import { runVerifyProvenance } from '../../server/src/cli/commands/verify-provenance';
import { fakeIdentityToken, startMockServices } from '../core/sigstore/mock-services';

import type { CliIo } from '../../server/src/cli/io';
import type { MockServices } from '../core/sigstore/mock-services';

const cliPath = resolve(__dirname, '../../dist/cli.js');
const EMAIL = 'tester@example.com';
const ISSUER = 'https://oidc.example';

let services: MockServices;
let dir: string;
const output = { out: '', err: '' };

function io(env: Record<string, string> = {}): CliIo {
  output.out = '';
  output.err = '';
  return {
    cwd: dir,
    env: { SSCS_PASSWORD: 'correct horse', SSCS_OFFLINE: '1', ...env },
    stdout: (text) => (output.out += text),
    stderr: (text) => (output.err += text),
    isTty: false,
  };
}

const keyless = () => ['--keyless', '--identity-token', fakeIdentityToken(EMAIL, ISSUER)];
const urls = () => ['--fulcio-url', services.url, '--rekor-url', services.url];
const byIdentity = ['--certificate-identity', EMAIL, '--certificate-oidc-issuer', ISSUER];

before(async () => {
  services = await startMockServices();
  dir = mkdtempSync(join(tmpdir(), 'sscs-sigstore-'));
  writeFileSync(join(dir, 'artifact.txt'), 'release contents\n');
  writeFileSync(join(dir, 'root.json'), services.trustedRoot);
  writeFileSync(
    join(dir, 'provenance.json'),
    JSON.stringify({
      buildDefinition: { buildType: 'https://example.com/build/v1', externalParameters: {} },
      runDetails: { builder: { id: 'https://example.com/builder' } },
    }),
  );
  assert.equal(await runGenerateKeyPair(['--output-key-prefix', 'release'], io()), 0);
});

after(() => services.close());

describe('round trips', () => {
  it('key-signed bundle without a log entry verifies and says so', async () => {
    assert.equal(
      await runSign(['artifact.txt', '--key', 'release.key', '--bundle', 'k.json'], io()),
      0,
    );
    assert.match(output.out, /No transparency log entry/);
    const code = await runVerify(
      ['artifact.txt', '--bundle', 'k.json', '--key', 'release.pub'],
      io(),
    );
    assert.equal(code, 0, output.err);
    assert.equal(
      output.out,
      'Verified OK: artifact.txt\n  signed with: public key\n  note:        No transparency log ' +
        'entry: the signature was not publicly logged and its time is not attested.\n',
    );
  });

  it('key-signed bundle logged in Rekor verifies with its log index', async () => {
    const args = [
      'artifact.txt',
      '--key',
      'release.key',
      '--bundle',
      'kr.json',
      '--rekor-url',
      services.url,
    ];
    assert.equal(await runSign(args, io()), 0);
    const verifyArgs = [
      'artifact.txt',
      '--bundle',
      'kr.json',
      '--key',
      'release.pub',
      '--trusted-root',
      'root.json',
    ];
    assert.equal(await runVerify(verifyArgs, io()), 0, output.err);
    assert.match(output.out, /log index: +\d+\n/);
  });

  it('keyless bundle with a TSA timestamp verifies by file and by digest', async () => {
    const args = ['artifact.txt', ...keyless(), ...urls(), '--tsa-url', services.url];
    assert.equal(await runSign(args, io()), 0, output.err);
    const bundle = JSON.parse(readFileSync(join(dir, 'artifact.txt.sigstore.json'), 'utf8')) as {
      mediaType: string;
    };
    assert.equal(bundle.mediaType, 'application/vnd.dev.sigstore.bundle.v0.3+json');
    const verify = [
      '--bundle',
      'artifact.txt.sigstore.json',
      ...byIdentity,
      '--trusted-root',
      'root.json',
    ];
    assert.equal(await runVerify(['artifact.txt', ...verify], io()), 0, output.err);
    assert.match(
      output.out,
      /identity: +tester@example.com\n {2}issuer: +https:\/\/oidc.example\n/,
    );
    const digest = `sha256:${sha256(readFileSync(join(dir, 'artifact.txt')))}`;
    assert.equal(await runVerify([digest, ...verify], io()), 0, output.err);
  });

  it('keyless bundle also verifies with @sigstore/verify directly', () => {
    const bundle = bundleFromJSON(
      JSON.parse(readFileSync(join(dir, 'artifact.txt.sigstore.json'), 'utf8')),
    );
    const trust = toTrustMaterial(TrustedRoot.fromJSON(JSON.parse(services.trustedRoot)));
    const signer = new Verifier(trust).verify(
      toSignedEntity(bundle, readFileSync(join(dir, 'artifact.txt'))),
    );
    assert.equal(signer.identity?.subjectAlternativeName, EMAIL);
  });

  it('keyless SLSA v1 attestation verifies, with verify and verify-provenance', async () => {
    const args = ['artifact.txt', '--predicate', 'provenance.json', '--type', 'slsaprovenance1'];
    assert.equal(await runAttest([...args, ...keyless(), ...urls()], io()), 0, output.err);
    const bundle = ['--bundle', 'artifact.txt.intoto.sigstore.json', '--trusted-root', 'root.json'];
    assert.equal(await runVerify(['artifact.txt', ...bundle, ...byIdentity], io()), 0, output.err);
    assert.match(output.out, /predicate type: +https:\/\/slsa.dev\/provenance\/v1\n/);
    // The mock issuer is no CI provider, so it has to be named, and the predicate says no source.
    const provenance = ['artifact.txt', ...bundle, '--source-uri', 'github.com/acme/app'];
    assert.equal(await runVerifyProvenance(provenance, io()), 1);
    assert.match(output.err, /the issuer 'https:\/\/oidc.example' is not a known CI provider/);
    const named = [...provenance, '--certificate-oidc-issuer', ISSUER];
    assert.equal(await runVerifyProvenance(named, io()), 1);
    assert.equal(
      output.err,
      'sscs: verification failed: The provenance check failed: the provenance does not state ' +
        'the source repository.\n',
    );
  });

  it('key-signed attestation of another type verifies with the key', async () => {
    const args = ['artifact.txt', '--predicate', 'provenance.json', '--type', 'custom'];
    assert.equal(await runAttest([...args, '--key', 'release.key', '--bundle', 'a.json'], io()), 0);
    assert.equal(
      await runVerify(['artifact.txt', '--bundle', 'a.json', '--key', 'release.pub'], io()),
      0,
    );
  });
});

describe('tampering', () => {
  const base = () =>
    JSON.parse(readFileSync(join(dir, 'artifact.txt.sigstore.json'), 'utf8')) as {
      messageSignature: { signature: string };
      verificationMaterial: {
        certificate: { rawBytes: string };
        tlogEntries: { canonicalizedBody: string }[];
      };
    };
  const flip = (b64: string, at: number) => {
    const bytes = Buffer.from(b64, 'base64');
    const index = at < 0 ? bytes.length + at : at;
    bytes[index] = (bytes[index] ?? 0) ^ 0x01;
    return bytes.toString('base64');
  };
  const rows: { name: string; edit: (b: ReturnType<typeof base>) => void; artifact?: string }[] = [
    { name: 'artifact', edit: () => undefined, artifact: 'release contents!\n' },
    {
      name: 'signature',
      edit: (b) => (b.messageSignature.signature = flip(b.messageSignature.signature, -5)),
    },
    {
      name: 'certificate',
      edit: (b) =>
        (b.verificationMaterial.certificate.rawBytes = flip(
          b.verificationMaterial.certificate.rawBytes,
          200,
        )),
    },
    {
      name: 'log entry',
      edit: (b) => {
        const entry = b.verificationMaterial.tlogEntries[0];
        if (entry) entry.canonicalizedBody = flip(entry.canonicalizedBody, 40);
      },
    },
  ];
  for (const row of rows) {
    it(`one changed byte in the ${row.name} fails verification with exit 1`, async () => {
      const bundle = base();
      row.edit(bundle);
      writeFileSync(join(dir, 'tampered.json'), JSON.stringify(bundle));
      writeFileSync(join(dir, 'tampered.txt'), row.artifact ?? 'release contents\n');
      const args = [
        'tampered.txt',
        '--bundle',
        'tampered.json',
        ...byIdentity,
        '--trusted-root',
        'root.json',
      ];
      assert.equal(await runVerify(args, io()), 1);
      assert.match(output.err, /^sscs: verification failed: The [a-z ]+ check failed: [^\n]+\.\n$/);
    });
  }
});

describe('bad input through dist/cli.js', () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
      execFile(
        process.execPath,
        [cliPath, ...args],
        { cwd: dir, env: { PATH: process.env.PATH ?? '', SSCS_OFFLINE: '1', ...env } },
        (err, stdout, stderr) => done({ code: err ? Number(err.code) : 0, stdout, stderr }),
      );
    });
  const rows = [
    {
      name: 'malformed bundle',
      setup: () => writeFileSync(join(dir, 'broken.json'), '{"mediaType": '),
      args: ['verify', 'artifact.txt', '--bundle', 'broken.json', '--key', 'release.pub'],
      code: 1,
      stderr: 'sscs: verification failed: The bundle is not a valid Sigstore bundle: not JSON.\n',
    },
    {
      name: 'wrong passphrase',
      args: ['sign', 'artifact.txt', '--key', 'release.key', '--bundle', 'x.json'],
      env: { SSCS_PASSWORD: 'wrong' },
      code: 2,
      stderr: 'sscs: The passphrase is wrong or the encrypted key is damaged.\n',
    },
    {
      name: 'no passphrase and no terminal',
      args: ['sign', 'artifact.txt', '--key', 'release.key', '--bundle', 'x.json'],
      code: 2,
      stderr:
        'sscs: The key is encrypted: set SSCS_PASSWORD or COSIGN_PASSWORD, or run on a terminal.\n',
    },
    {
      name: 'unreadable key',
      args: ['sign', 'artifact.txt', '--key', 'missing.key'],
      code: 2,
      stderr: 'sscs: The key missing.key cannot be read.\n',
    },
    {
      name: 'missing file',
      args: ['verify', 'absent.txt', '--bundle', 'k.json', '--key', 'release.pub'],
      code: 2,
      stderr: 'sscs: The file absent.txt cannot be read.\n',
    },
    {
      name: 'identity without issuer',
      args: ['verify', 'artifact.txt', '--bundle', 'k.json', '--certificate-identity', EMAIL],
      code: 2,
      stderr: 'sscs: usage: --certificate-oidc-issuer is required.\n',
    },
    {
      name: 'wrong identity',
      args: [
        'verify',
        'artifact.txt',
        '--bundle',
        'artifact.txt.sigstore.json',
        '--certificate-identity',
        'tester@example',
        '--certificate-oidc-issuer',
        ISSUER,
        '--trusted-root',
        'root.json',
      ],
      code: 1,
      stderr:
        'sscs: verification failed: The identity check failed: the certificate names ' +
        "'tester@example.com', expected 'tester@example'.\n",
    },
    {
      name: 'identity pattern is anchored',
      args: [
        'verify',
        'artifact.txt',
        '--bundle',
        'artifact.txt.sigstore.json',
        '--certificate-identity-regexp',
        'tester@example',
        '--certificate-oidc-issuer',
        ISSUER,
        '--trusted-root',
        'root.json',
      ],
      code: 1,
      stderr:
        'sscs: verification failed: The identity check failed: the certificate names ' +
        "'tester@example.com', which does not match the pattern 'tester@example'.\n",
    },
    {
      name: 'shipped public-good root does not trust the loopback CA',
      args: ['verify', 'artifact.txt', '--bundle', 'artifact.txt.sigstore.json', ...byIdentity],
      code: 1,
    },
  ];
  for (const row of rows) {
    it(`${row.name}: exit ${row.code}, one sentence, no stack`, async () => {
      row.setup?.();
      const got = await run(row.args, row.env);
      assert.equal(got.code, row.code, got.stderr);
      if (row.stderr) assert.equal(got.stderr, row.stderr);
      assert.match(got.stderr, /^sscs: [^\n]+\.\n$/);
      assert.doesNotMatch(got.stderr, /\n\s+at /);
    });
  }

  it('never prints the identity token', async () => {
    // Unverified email: @sigstore/sign rejects it with a message quoting the token.
    const token = 'eyJhbGciOiJub25lIn0.eyJlbWFpbCI6ImFAYi5jIn0.c2lnbmF0dXJl';
    const got = await run([
      'sign',
      'artifact.txt',
      '--keyless',
      '--identity-token',
      token,
      '--fulcio-url',
      services.url,
      '--no-tlog',
      '--bundle',
      'y.json',
    ]);
    assert.equal(got.code, 2);
    assert.doesNotMatch(got.stdout + got.stderr, /eyJ/);
  });
});

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
