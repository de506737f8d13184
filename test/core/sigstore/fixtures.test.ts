// SPDX-License-Identifier: Apache-2.0
// Real-world data, verified in process: the 70 sigstore-conformance cases in both modes and
// the 118 sigstore-real cases (see each fixture folder's SOURCE.md for how a case is run).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { VerificationError } from '../../../server/src/core/errors';
import { parseDigestReference } from '../../../server/src/core/sigstore/artifact';
import { bundleFromObject, parseBundle } from '../../../server/src/core/sigstore/bundle-load';
import { parseVerificationKey } from '../../../server/src/core/sigstore/keys';
import { verifyProvenance } from '../../../server/src/core/sigstore/provenance';
import {
  parseTrustedRoot,
  publicGoodTrustedRoot,
} from '../../../server/src/core/sigstore/trust-root';
import { BundleVerifier } from '../../../server/src/core/sigstore/verify';

import type { ArtifactInput } from '../../../server/src/core/sigstore/artifact';

const conformance = join(__dirname, '../../fixtures/sigstore-conformance');
const real = join(__dirname, '../../fixtures/sigstore-real');
const read = (path: string) => readFileSync(path, 'utf8');

interface ConformanceCase {
  name: string;
  expect: 'pass' | 'fail';
  bundle: string;
  artifact: string;
  artifactDigest: string;
  certificateIdentity: string;
  certificateOidcIssuer: string;
}

interface RealCase {
  id: string;
  expect: 'pass' | 'fail';
  bundle: string;
  bundleLine?: number;
  attestationIndex?: number;
  artifact?: string;
  artifactDigest?: string;
  certificateIdentity?: string;
  certificateOidcIssuer?: string;
  npmRegistryKeys?: string;
  trustedRoot: string;
  slsa?: {
    expectedSourceURI: string;
    expectedBuilderID: string;
    certSourceRepositoryRef?: string;
    policyExpect?: 'pass' | 'fail';
  };
}

/** 'pass', or the code of the VerificationError thrown. */
function outcome(run: () => unknown): string {
  try {
    run();
    return 'pass';
  } catch (err) {
    assert.ok(err instanceof VerificationError, `unexpected ${String(err)}`);
    assert.match(err.message, /^[A-Z].*\.$/);
    return err.code;
  }
}

describe('sigstore-conformance bundle-verify, in process', () => {
  const { cases } = JSON.parse(read(join(conformance, 'cases.json'))) as {
    cases: ConformanceCase[];
  };
  const productionRoot = publicGoodTrustedRoot();

  for (const row of cases) {
    for (const mode of ['PATH', 'DIGEST'] as const) {
      it(`${mode}-${row.name}`, () => {
        const dir = join(conformance, 'bundle-verify', row.name);
        const got = outcome(() => {
          const rootPath = join(dir, 'trusted_root.json');
          const root = existsSync(rootPath) ? parseTrustedRoot(read(rootPath)) : productionRoot;
          const keyPath = join(dir, 'key.pub');
          const key = existsSync(keyPath) ? parseVerificationKey(read(keyPath)) : undefined;
          const artifact: ArtifactInput =
            mode === 'PATH'
              ? { kind: 'bytes', data: readFileSync(join(conformance, row.artifact)) }
              : parseDigestReference(row.artifactDigest);
          new BundleVerifier(root, key).verify({
            bundle: parseBundle(read(join(conformance, row.bundle))),
            artifact,
            policy: key
              ? undefined
              : { identity: row.certificateIdentity, issuer: row.certificateOidcIssuer },
          });
        });
        assert.equal(got === 'pass' ? 'pass' : 'fail', row.expect, got);
      });
    }
  }

  it('rejects a trusted root whose log key has no validity start', () => {
    const dir = join(conformance, 'bundle-verify/trust-root-tlog-missing-validity-start_fail');
    assert.throws(() => parseTrustedRoot(read(join(dir, 'trusted_root.json'))), {
      name: 'VerificationError',
      code: 'TRUST_ROOT_ERROR',
    });
  });
});

describe('sigstore-real cases, in process', () => {
  const { cases } = JSON.parse(read(join(real, 'cases.json'))) as { cases: RealCase[] };

  it('has the 118 cases of SOURCE.md', () => {
    assert.equal(cases.length, 118);
  });

  for (const row of cases) {
    it(`${row.id} ${row.expect}s`, () => {
      const got = outcome(() => verifyRealCase(row));
      assert.equal(got === 'pass' ? 'pass' : 'fail', row.expect, got);
    });
  }

  for (const row of cases.filter((r) => r.slsa && r.expect === 'pass')) {
    const slsa = row.slsa as NonNullable<RealCase['slsa']>;
    const want = slsa.policyExpect ?? 'pass';
    it(`${row.id} provenance policy ${want}es`, () => {
      const ref = slsa.certSourceRepositoryRef;
      const got = outcome(() =>
        verifyProvenance(verifyRealCase(row), {
          sourceUri: slsa.expectedSourceURI,
          builderId: slsa.expectedBuilderID,
          tag: ref?.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : undefined,
          branch: ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined,
        }),
      );
      assert.equal(got === 'pass' ? 'pass' : 'fail', want, got);
    });
  }
});

function verifyRealCase(row: RealCase) {
  const root = parseTrustedRoot(read(join(real, row.trustedRoot)));
  const key = row.npmRegistryKeys
    ? parseVerificationKey(read(join(real, row.npmRegistryKeys)))
    : undefined;
  let text = read(join(real, row.bundle));
  if (row.bundleLine !== undefined) text = text.split('\n')[row.bundleLine - 1] ?? '';
  let json = JSON.parse(text) as { attestations?: { bundle: unknown }[] };
  if (row.attestationIndex !== undefined) {
    json = json.attestations?.[row.attestationIndex]?.bundle as typeof json;
  }
  const artifact: ArtifactInput | undefined = row.artifact
    ? { kind: 'bytes', data: readFileSync(join(real, row.artifact)) }
    : row.artifactDigest
      ? parseDigestReference(row.artifactDigest)
      : undefined;
  return new BundleVerifier(root, key).verify({
    bundle: bundleFromObject(json),
    artifact,
    policy: key
      ? undefined
      : { identity: row.certificateIdentity, issuer: row.certificateOidcIssuer },
  });
}
