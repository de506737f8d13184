// SPDX-License-Identifier: Apache-2.0
// `sscs check` on a project whose policy has a `verify` section: file selection and analysis
// in process, with key-signed bundles made by `sscs generate-key-pair`, `sign` and `attest`.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { runAttest } from '../../server/src/cli/commands/attest';
import { selectFiles } from '../../server/src/cli/commands/check-files';
import { runAnalysis } from '../../server/src/cli/commands/check-run';
import { runGenerateKeyPair } from '../../server/src/cli/commands/generate-key-pair';
import { runSign } from '../../server/src/cli/commands/sign';
import { createDiskSource } from '../../server/src/node/disk-source';

import type { CheckOptions } from '../../server/src/cli/commands/check';
import type { CliIo } from '../../server/src/cli/io';
import type { Finding, TextRange } from '../../server/src/core/types';

const ZERO: TextRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const PREDICATE_TYPE = 'https://acme.example/release-notes/v1';

let base: string;
before(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'sscs-check-verify-')));
});
after(() => rmSync(base, { recursive: true, force: true }));

function io(cwd: string): CliIo {
  const fail = (text: string) => assert.fail(`unexpected output: ${text}`);
  return { cwd, env: { SSCS_PASSWORD: 'pw' }, stdout: () => undefined, stderr: fail, isTty: false };
}

/** A project folder with a key pair under keys/ and the given files. */
async function project(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(base, name);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  mkdirSync(join(dir, 'keys'), { recursive: true });
  const code = await runGenerateKeyPair(['--output-key-prefix', 'keys/release'], io(dir));
  assert.equal(code, 0);
  return dir;
}

async function sign(dir: string, rel: string): Promise<void> {
  assert.equal(await runSign([rel, '--key', 'keys/release.key'], io(dir)), 0);
}

function policy(entries: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ version: 1, ...extra, verify: entries }, null, 2);
}

const RELEASE = { id: 'release', files: 'dist/**', key: 'keys/release.pub' };

async function check(dir: string, orgPolicy?: string): Promise<Finding[]> {
  const options: CheckOptions = {
    paths: [dir],
    orgPolicy,
    format: 'json',
    failOn: 'error',
    offline: true,
    registries: {},
    staged: false,
    color: false,
    now: new Date('2026-06-15T00:00:00Z'),
  };
  const { files, source, artifacts } = await selectFiles(options, io(dir));
  const outcome = await runAnalysis(
    files,
    source,
    options,
    {
      cwd: dir,
      cacheDir: join(dir, 'cache'),
      organizationSource: createDiskSource(),
      warn: (text) => assert.fail(text),
    },
    artifacts,
  );
  assert.equal(outcome.fatal, undefined);
  return outcome.result.findings;
}

/** The range of the first verify entry of a policy written by `policy()`. */
function entryRange(text: string): TextRange {
  const lines = text.split('\n');
  const array = lines.findIndex((line) => line.includes('"verify": ['));
  const start = lines.findIndex((line, i) => i > array && line.trim() === '{');
  const end = lines.findIndex((line, i) => i > start && line.trim().startsWith('}'));
  return {
    start: { line: start, character: 4 },
    end: { line: end, character: 5 },
  };
}

function related(path: string, text: string): Finding['related'] {
  return [
    {
      file: path,
      range: entryRange(text),
      message: 'The policy entry that requires this signature.',
    },
  ];
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

describe('sscs check with a verify section', () => {
  test('a correctly signed artifact gives no finding', async () => {
    const dir = await project('valid', {
      '.sscs/policy.jsonc': policy([RELEASE]),
      'dist/app.bin': 'release 1.0\n',
    });
    await sign(dir, 'dist/app.bin');

    assert.deepStrictEqual(await check(dir), []);
  });

  test('a tampered artifact is signature-invalid, naming the failed check', async () => {
    const text = policy([RELEASE]);
    const dir = await project('tampered', {
      '.sscs/policy.jsonc': text,
      'dist/app.bin': 'release 1.0\n',
    });
    await sign(dir, 'dist/app.bin');
    writeFileSync(join(dir, 'dist/app.bin'), 'release 1.0 with a backdoor\n');

    assert.deepStrictEqual(await check(dir), [
      {
        code: 'signature-invalid',
        severity: 'error',
        message:
          'dist/app.bin does not verify against dist/app.bin.sigstore.json as verify entry ' +
          '"release" requires: the artifact check failed: the bundle does not sign the ' +
          `artifact with digest sha256:${sha256('release 1.0 with a backdoor\n')}.`,
        file: join(dir, 'dist/app.bin'),
        range: ZERO,
        rule: 'release',
        related: related(join(dir, '.sscs/policy.jsonc'), text),
      },
    ]);
  });

  test('an artifact without its bundle is signature-missing', async () => {
    const text = policy([{ files: 'dist/*.bin', key: 'keys/release.pub' }]);
    const dir = await project('missing', {
      '.sscs/policy.jsonc': text,
      'dist/app.bin': 'release 1.0\n',
      'dist/notes.txt': 'not covered\n',
    });

    assert.deepStrictEqual(await check(dir), [
      {
        code: 'signature-missing',
        severity: 'error',
        message:
          'dist/app.bin has no signature bundle dist/app.bin.sigstore.json, which the project ' +
          'policy\'s verify entry for "dist/*.bin" requires; sign the file and add the bundle.',
        file: join(dir, 'dist/app.bin'),
        range: ZERO,
        related: related(join(dir, '.sscs/policy.jsonc'), text),
      },
    ]);
  });

  test('a signature with another key fails the signature check', async () => {
    const dir = await project('other-key', {
      '.sscs/policy.jsonc': policy([{ ...RELEASE, key: 'keys/other.pub' }]),
      'dist/app.bin': 'release 1.0\n',
    });
    await sign(dir, 'dist/app.bin');
    assert.equal(await runGenerateKeyPair(['--output-key-prefix', 'keys/other'], io(dir)), 0);

    const findings = await check(dir);

    assert.deepStrictEqual(
      findings.map((f) => [f.code, f.message.replace(/^.*requires: /, '')]),
      [
        [
          'signature-invalid',
          'the signature check failed: the signature does not match the content.',
        ],
      ],
    );
  });

  test('an attestation must carry the required predicate type', async () => {
    const want = { ...RELEASE, files: 'dist/*.bin', predicateType: PREDICATE_TYPE };
    const dir = await project('attested', {
      '.sscs/policy.jsonc': policy([want, { ...want, id: 'other', predicateType: 'x:y' }]),
      'dist/app.bin': 'release 1.0\n',
      'notes.json': '{ "notes": "first release" }',
    });
    const args = ['dist/app.bin', '--predicate', 'notes.json', '--type', PREDICATE_TYPE];
    assert.equal(await runAttest([...args, '--key', 'keys/release.key'], io(dir)), 0);

    const findings = await check(dir);

    assert.deepStrictEqual(
      findings.map((f) => [f.code, f.rule, f.message.replace(/^.*requires: /, '')]),
      [
        [
          'signature-invalid',
          'other',
          `the predicate type check failed: the attestation is of type '${PREDICATE_TYPE}', ` +
            "expected 'x:y'.",
        ],
      ],
    );
  });

  test('a plain signature does not satisfy a predicate type', async () => {
    const dir = await project('not-attested', {
      '.sscs/policy.jsonc': policy([
        { ...RELEASE, bundle: '{file}.sigstore.json', predicateType: PREDICATE_TYPE },
      ]),
      'dist/app.bin': 'release 1.0\n',
    });
    await sign(dir, 'dist/app.bin');

    const findings = await check(dir);

    assert.deepStrictEqual(
      findings.map((f) => f.message.replace(/^.*requires: /, '')),
      [
        'the predicate type check failed: the bundle is a plain signature, not an attestation ' +
          `of type '${PREDICATE_TYPE}'.`,
      ],
    );
  });

  test('organization entries apply with keys beside the organization policy', async () => {
    const dir = await project('org', {
      '.sscs/policy.jsonc': policy([]),
      'dist/app.bin': 'release 1.0\n',
      'dist/signed.bin': 'signed\n',
    });
    await sign(dir, 'dist/signed.bin');
    const orgDir = join(base, 'org-policy');
    mkdirSync(orgDir, { recursive: true });
    copyFileSync(join(dir, 'keys/release.pub'), join(orgDir, 'release.pub'));
    writeFileSync(
      join(orgDir, 'policy.jsonc'),
      policy([{ files: 'dist/*.bin', key: 'release.pub' }]),
    );

    const findings = await check(dir, join(orgDir, 'policy.jsonc'));

    assert.deepStrictEqual(
      findings.map((f) => [f.code, f.file, f.related?.[0]?.file]),
      [['signature-missing', join(dir, 'dist/app.bin'), join(orgDir, 'policy.jsonc')]],
    );
  });

  test('an unreadable key is reported on the artifact', async () => {
    const dir = await project('no-key', {
      '.sscs/policy.jsonc': policy([{ ...RELEASE, key: 'keys/missing.pub' }]),
      'dist/app.bin': 'release 1.0\n',
    });
    await sign(dir, 'dist/app.bin');

    const findings = await check(dir);

    assert.deepStrictEqual(
      findings.map((f) => [f.code, f.message.replace(/^.*requires: /, '')]),
      [['signature-invalid', `the key ${join(dir, 'keys/missing.pub')} cannot be read.`]],
    );
  });

  test('a root with artifacts only reports verify findings, not policy problems', async () => {
    const dir = await project('artifacts-only', {
      '.sscs/policy.jsonc': policy([RELEASE], { registries: { deb: [] } }),
      'dist/app.bin': 'release 1.0\n',
    });

    const findings = await check(dir);

    assert.deepStrictEqual(
      findings.map((f) => f.code),
      ['signature-missing'],
    );
  });

  test('in advisory mode the findings are warnings', async () => {
    const dir = await project('advisory', {
      '.sscs/policy.jsonc': policy([RELEASE], { mode: 'advisory' }),
      'dist/app.bin': 'release 1.0\n',
    });

    const findings = await check(dir);

    assert.deepStrictEqual(
      findings.map((f) => [f.code, f.severity]),
      [['signature-missing', 'warning']],
    );
  });
});
