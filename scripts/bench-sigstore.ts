// SPDX-License-Identifier: Apache-2.0
// Bundle verifications per second in process, with the trust material loaded once: the
// conformance happy paths (message signature v0.1-v0.3 and DSSE) against the shipped
// public-good root, then every passing certificate-signed sigstore-real case against the
// production root, so no two consecutive verifications share a bundle or, mostly, a leaf.
// Run alone with `node --import tsx scripts/bench-sigstore.ts`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parseDigestReference } from '../server/src/core/sigstore/artifact';
import { bundleFromObject } from '../server/src/core/sigstore/bundle-load';
import { parseTrustedRoot, publicGoodTrustedRoot } from '../server/src/core/sigstore/trust-root';
import { BundleVerifier } from '../server/src/core/sigstore/verify';

import type { ArtifactInput } from '../server/src/core/sigstore/artifact';
import type { IdentityPolicy } from '../server/src/core/sigstore/identity';

const CASES = [
  'happy-path-v0.1',
  'happy-path-v0.2',
  'happy-path-v0.3',
  'happy-path-intoto-in-dsse-v3',
];
const IDENTITY =
  'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/' +
  '.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main';
const ISSUER = 'https://token.actions.githubusercontent.com';
const PRODUCTION_ROOT = 'root-signing/trusted_root.json';
const DURATION_MS = 2000;
const WARMUP_MS = 500;

interface Job {
  text: string;
  artifact?: ArtifactInput;
  policy: IdentityPolicy;
}

interface RealCase {
  expect: string;
  bundle: string;
  bundleLine?: number;
  attestationIndex?: number;
  artifact?: string;
  artifactDigest?: string;
  certificateIdentity?: string;
  certificateOidcIssuer?: string;
  npmRegistryKeys?: string;
  trustedRoot: string;
}

/** Measures verification throughput; each row is one figure for the benchmark report. */
export async function benchSigstore(): Promise<{ name: string; value: string }[]> {
  const fixtures = join(__dirname, '../test/fixtures/sigstore-conformance');
  const artifact: ArtifactInput = {
    kind: 'bytes',
    data: readFileSync(join(fixtures, 'bundle-verify/a.txt')),
  };
  const happy = CASES.map((name) => ({
    text: readFileSync(join(fixtures, 'bundle-verify', name, 'bundle.sigstore.json'), 'utf8'),
    artifact,
    policy: { identity: IDENTITY, issuer: ISSUER },
  }));

  const started = performance.now();
  const verifier = new BundleVerifier(publicGoodTrustedRoot());
  const loadMs = performance.now() - started;
  const happyRate = measure(verifier, happy);

  const real = join(__dirname, '../test/fixtures/sigstore-real');
  const realVerifier = new BundleVerifier(
    parseTrustedRoot(readFileSync(join(real, PRODUCTION_ROOT), 'utf8')),
  );
  const realJobs = loadRealJobs(real);
  const realRate = measure(realVerifier, realJobs);

  return [
    { name: 'sigstore trust material load (ms)', value: loadMs.toFixed(1) },
    { name: 'sigstore bundle verifications per second', value: happyRate.toFixed(0) },
    {
      name: `sigstore real-bundle verifications per second (${realJobs.length} distinct)`,
      value: realRate.toFixed(0),
    },
  ];
}

// Every verification parses its bundle from text, as a caller would. One untimed pass first
// checks that every job verifies; then half a second of untimed work lets the JIT settle, so
// the figure is the steady rate of a long-running process (the language server).
function measure(verifier: BundleVerifier, jobs: Job[]): number {
  const run = (job: Job) => {
    const bundle = bundleFromObject(JSON.parse(job.text));
    verifier.verify({ bundle, artifact: job.artifact, policy: job.policy });
  };
  for (const job of jobs) run(job);
  const warm = performance.now();
  for (let i = 0; performance.now() - warm < WARMUP_MS; i++) run(jobs[i % jobs.length]);

  let count = 0;
  const started = performance.now();
  while (performance.now() - started < DURATION_MS) {
    const job = jobs[count % jobs.length];
    if (!job) break;
    run(job);
    count += 1;
  }
  return (count * 1000) / (performance.now() - started);
}

// Passing sigstore-real cases signed with a certificate under the production root.
function loadRealJobs(dir: string): Job[] {
  const { cases } = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as {
    cases: RealCase[];
  };
  const chosen = cases.filter(
    (row) => row.expect === 'pass' && !row.npmRegistryKeys && row.trustedRoot === PRODUCTION_ROOT,
  );
  return chosen.map((row) => {
    let text = readFileSync(join(dir, row.bundle), 'utf8');
    if (row.bundleLine !== undefined) text = text.split('\n')[row.bundleLine - 1] ?? '';
    if (row.attestationIndex !== undefined) {
      const doc = JSON.parse(text) as { attestations?: { bundle: unknown }[] };
      text = JSON.stringify(doc.attestations?.[row.attestationIndex]?.bundle);
    }
    const artifact: ArtifactInput | undefined = row.artifact
      ? { kind: 'bytes', data: readFileSync(join(dir, row.artifact)) }
      : row.artifactDigest
        ? parseDigestReference(row.artifactDigest)
        : undefined;
    const policy = { identity: row.certificateIdentity, issuer: row.certificateOidcIssuer };
    return { text, artifact, policy };
  });
}

// Run standalone with tsx; when bundled into out/bench.js only the export is used.
if (process.argv[1]?.endsWith('.ts') && require.main === module) {
  benchSigstore().then(
    (rows) => {
      for (const row of rows) process.stdout.write(`${row.name}: ${row.value}\n`);
    },
    (err: unknown) => {
      process.stderr.write(`bench-sigstore failed: ${String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
