// SPDX-License-Identifier: Apache-2.0
// The fast DER encoding and certificate copies must give exactly what @sigstore/core gives,
// on every certificate of the fixtures, and the per-verifier caches must never carry a
// verdict from one bundle to another.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { ASN1Obj, EXTENSION_OID_SCT, X509Certificate } from '@sigstore/core';

import { VerificationError } from '../../../server/src/core/errors';
import { parseBundle } from '../../../server/src/core/sigstore/bundle-load';
import { copyTree, freezeEncoding } from '../../../server/src/core/sigstore/der';
import { publicGoodTrustedRoot } from '../../../server/src/core/sigstore/trust-root';
import { BundleVerifier } from '../../../server/src/core/sigstore/verify';

import type { ArtifactInput } from '../../../server/src/core/sigstore/artifact';

const conformance = join(__dirname, '../../fixtures/sigstore-conformance/bundle-verify');
const IDENTITY =
  'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/' +
  '.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main';
const policy = { identity: IDENTITY, issuer: 'https://token.actions.githubusercontent.com' };
const artifact: ArtifactInput = {
  kind: 'bytes',
  data: readFileSync(join(conformance, 'a.txt')),
};

interface RawCert {
  rawBytes?: string;
}
interface BundleJson {
  verificationMaterial?: {
    certificate?: RawCert;
    x509CertificateChain?: { certificates?: RawCert[] };
  };
}

/** DER of every certificate the conformance fixtures carry, leaves and trusted roots. */
function fixtureCertificates(): Buffer[] {
  const out: Buffer[] = [];
  for (const name of readdirSync(conformance)) {
    let json: BundleJson;
    try {
      json = JSON.parse(readFileSync(join(conformance, name, 'bundle.sigstore.json'), 'utf8'));
    } catch (err) {
      assert.ok(err instanceof Error, String(err));
      continue;
    }
    const material = json.verificationMaterial;
    const certs = [material?.certificate, ...(material?.x509CertificateChain?.certificates ?? [])];
    for (const cert of certs) if (cert?.rawBytes) out.push(Buffer.from(cert.rawBytes, 'base64'));
  }
  const root = publicGoodTrustedRoot();
  for (const ca of [...root.certificateAuthorities, ...root.timestampAuthorities]) {
    for (const cert of ca.certChain?.certificates ?? []) out.push(Buffer.from(cert.rawBytes));
  }
  return out;
}

function parseOrUndefined(der: Buffer): X509Certificate | undefined {
  try {
    return X509Certificate.parse(Buffer.from(der));
  } catch (err) {
    assert.ok(err instanceof Error, String(err));
    return undefined;
  }
}

function nodes(root: ASN1Obj): ASN1Obj[] {
  return [root, ...root.subs.flatMap(nodes)];
}

function libraryDER(node: ASN1Obj): Buffer {
  return ASN1Obj.prototype.toDER.call(node);
}

function shape(node: ASN1Obj): unknown {
  return [node.tag.toDER(), node.value.toString('hex'), node.subs.map(shape)];
}

function withoutSCT(cert: X509Certificate): Buffer {
  const index = cert.extensions.findIndex((ext) => ext.subs[0]?.toOID() === EXTENSION_OID_SCT);
  if (index >= 0) cert.extensions.splice(index, 1);
  return cert.tbsCertificate.toDER();
}

describe('DER encoding', () => {
  const certs = fixtureCertificates()
    .map((der) => ({ der, cert: parseOrUndefined(der) }))
    .filter((row) => row.cert !== undefined);

  it('covers the fixture certificates', () => assert.ok(certs.length > 50));

  it('freezes to what @sigstore/core encodes, node by node, and to the parsed bytes', () => {
    for (const { der, cert } of certs) {
      const plain = cert as X509Certificate;
      const frozen = X509Certificate.parse(Buffer.from(der));
      freezeEncoding(frozen.root);
      const want = nodes(plain.root).map(libraryDER);
      assert.deepEqual(
        nodes(frozen.root).map((node) => node.toDER()),
        want,
      );
      assert.ok(frozen.root.toDER().equals(der));
    }
  });

  it('copies a certificate as re-parsing it would, and encodes the edited copy alike', () => {
    for (const { der, cert } of certs) {
      const plain = cert as X509Certificate;
      const copy = new X509Certificate(copyTree(plain.root));
      assert.deepEqual(shape(copy.root), shape(plain.clone().root));
      assert.ok(withoutSCT(copy).equals(withoutSCT(X509Certificate.parse(Buffer.from(der)))));
      assert.ok(plain.root.toDER().equals(der), 'the original is left unchanged');
    }
  });
});

describe('verifier caches', () => {
  const text = readFileSync(join(conformance, 'happy-path-v0.3/bundle.sigstore.json'), 'utf8');

  // Flips one byte inside the leaf's TBSCertificate (its serial number).
  function tamperedLeaf(): string {
    const json = JSON.parse(text) as { verificationMaterial: { certificate: RawCert } };
    const der = Buffer.from(json.verificationMaterial.certificate.rawBytes ?? '', 'base64');
    der[15] = (der[15] ?? 0) ^ 0x01;
    json.verificationMaterial.certificate.rawBytes = der.toString('base64');
    return JSON.stringify(json);
  }

  it('checks every bundle certificate again, before and after a good one', () => {
    const verifier = new BundleVerifier(publicGoodTrustedRoot());
    const verify = (bundleText: string) => () =>
      verifier.verify({ bundle: parseBundle(bundleText), artifact, policy });
    const rejected = { name: VerificationError.name, code: 'CERTIFICATE_ERROR' };

    assert.throws(verify(tamperedLeaf()), rejected);
    assert.doesNotThrow(verify(text));
    assert.throws(verify(tamperedLeaf()), rejected);
    assert.doesNotThrow(verify(text));
  });
});
