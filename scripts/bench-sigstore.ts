// SPDX-License-Identifier: Apache-2.0
// Bundle verifications per second in process, with the trust material loaded once: the
// conformance happy paths (message signature v0.1-v0.3 and DSSE) against the shipped
// public-good root. Run alone with `node --import tsx scripts/bench-sigstore.ts`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parseBundle } from '../server/src/core/sigstore/bundle-load';
import { publicGoodTrustedRoot } from '../server/src/core/sigstore/trust-root';
import { BundleVerifier } from '../server/src/core/sigstore/verify';

import type { ArtifactInput } from '../server/src/core/sigstore/artifact';

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
const DURATION_MS = 2000;

/** Measures verification throughput; each row is one figure for the benchmark report. */
export async function benchSigstore(): Promise<{ name: string; value: string }[]> {
  const fixtures = join(__dirname, '../test/fixtures/sigstore-conformance');
  const artifact: ArtifactInput = {
    kind: 'bytes',
    data: readFileSync(join(fixtures, 'bundle-verify/a.txt')),
  };
  const texts = CASES.map((name) =>
    readFileSync(join(fixtures, 'bundle-verify', name, 'bundle.sigstore.json'), 'utf8'),
  );

  let started = performance.now();
  const verifier = new BundleVerifier(publicGoodTrustedRoot());
  const loadMs = performance.now() - started;

  const policy = { identity: IDENTITY, issuer: ISSUER };
  let count = 0;
  started = performance.now();
  while (performance.now() - started < DURATION_MS) {
    const text = texts[count % texts.length] ?? '';
    verifier.verify({ bundle: parseBundle(text), artifact, policy });
    count += 1;
  }
  const perSecond = (count * 1000) / (performance.now() - started);

  return [
    { name: 'sigstore trust material load (ms)', value: loadMs.toFixed(1) },
    { name: 'sigstore bundle verifications per second', value: perSecond.toFixed(0) },
  ];
}

if (require.main === module) {
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
