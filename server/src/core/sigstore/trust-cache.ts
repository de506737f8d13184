// SPDX-License-Identifier: Apache-2.0
// Work that depends only on the trusted root, done once per verifier instead of once per
// bundle. @sigstore/core re-encodes a certificate's ASN.1 tree to DER on every comparison
// and signature check, and parses the issuer's public key again for each check; chain
// building does that many times per bundle. Nothing here carries a verdict about bundle
// content from one verification to the next: every bundle certificate is still compared and
// its signature checked.
import { createPublicKey, verify as verifySignature } from 'node:crypto';

import { X509Certificate } from '@sigstore/core';

import { copyTree, freezeEncoding } from './der';

import type { SignedEntity, TrustMaterial } from '@sigstore/verify';
import type { KeyObject } from 'node:crypto';

// Distinct leaf issuer names seen by one verifier. A root names a handful of CAs; the
// bound only matters for bundles naming unknown issuers, which get an empty CA list.
const MAX_ISSUERS = 32;

/** Trust material prepared once, plus the per-bundle preparation of leaf certificates. */
export class TrustCache {
  private readonly trusted: Set<X509Certificate>;
  private readonly keys = new Map<X509Certificate, KeyObject>();
  private readonly byIssuer = new Map<string, TrustMaterial>();

  constructor(private readonly trust: TrustMaterial) {
    const authorities = [...trust.certificateAuthorities, ...trust.timestampAuthorities];
    this.trusted = new Set(authorities.flatMap((ca) => ca.certChain));
    for (const cert of this.trusted) {
      freezeEncoding(cert.root);
      keepFields(cert);
    }
    for (const cert of this.trusted) {
      const key = parseKey(cert);
      if (key) this.keys.set(cert, key);
      rememberSignatureChecks(cert, this.trusted);
    }
  }

  /**
   * The trust material to verify `entity` with. For a certificate, also prepares that
   * certificate (this bundle's own parsed object) so chain building does not redo work.
   */
  trustFor(entity: SignedEntity): TrustMaterial {
    if (entity.key.$case !== 'certificate') return this.trust;
    const leaf = entity.key.certificate;
    freezeEncoding(leaf.root);
    leaf.clone = () => new X509Certificate(copyTree(leaf.root));
    checkWithTrustedKeys(leaf, this.keys);
    return this.authoritiesNaming(leaf.issuer);
  }

  // @sigstore/verify tries every certificate authority of the root when building a chain;
  // offering only the authorities that contain a certificate whose subject is exactly the
  // leaf's issuer name gives the same answer, since no other CA can complete the path.
  private authoritiesNaming(issuer: Buffer): TrustMaterial {
    const cacheKey = issuer.toString('base64');
    const cached = this.byIssuer.get(cacheKey);
    if (cached) return cached;

    const certificateAuthorities = this.trust.certificateAuthorities.filter((ca) =>
      ca.certChain.some((cert) => cert.subject.equals(issuer)),
    );
    const trust = { ...this.trust, certificateAuthorities };
    if (this.byIssuer.size >= MAX_ISSUERS) {
      const oldest = this.byIssuer.keys().next();
      if (!oldest.done) this.byIssuer.delete(oldest.value);
    }
    this.byIssuer.set(cacheKey, trust);
    return trust;
  }
}

// Fields chain building reads from every candidate issuer on every bundle, each parsed
// again from the certificate's extensions by @sigstore/core; a trust-root certificate's
// values cannot change, so each is read once and kept on that certificate object.
const STABLE_FIELDS = [
  'notBefore',
  'notAfter',
  'extBasicConstraints',
  'extKeyUsage',
  'extSubjectKeyID',
  'extAuthorityKeyID',
  'isCA',
] as const;

function keepFields(cert: X509Certificate): void {
  for (const name of STABLE_FIELDS) {
    let value: unknown;
    try {
      value = cert[name];
    } catch {
      // Malformed field: left to @sigstore/core, which fails chain building on it as before.
      continue;
    }
    Object.defineProperty(cert, name, { value, configurable: true });
  }
}

// A trust-root certificate whose key node:crypto cannot read gets no key object; checks
// against it then go through @sigstore/core, which reports them as failed, as before.
function parseKey(cert: X509Certificate): KeyObject | undefined {
  try {
    return createPublicKey({ key: cert.publicKey, format: 'der', type: 'spki' });
  } catch {
    return undefined;
  }
}

// Whether one trust-root certificate signed another (or itself) cannot change, so that
// answer is kept, keyed by the trusted certificate objects themselves; checks involving
// any other certificate always run.
function rememberSignatureChecks(cert: X509Certificate, trusted: Set<X509Certificate>): void {
  const check = cert.verify.bind(cert);
  const known = new Map<X509Certificate | undefined, boolean>();
  cert.verify = (issuer) => {
    if (issuer !== undefined && !trusted.has(issuer)) return check(issuer);
    const cached = known.get(issuer);
    if (cached !== undefined) return cached;
    const result = check(issuer);
    known.set(issuer, result);
    return result;
  };
}

// A bundle's leaf checked against a trust-root certificate uses that certificate's key
// object parsed once, instead of parsing its public key for every check. The verdict is kept
// only on this leaf object, which one verification parsed from the bundle and then drops:
// chain building runs once per verified timestamp and would otherwise repeat the same
// signature check. Any other issuer goes through @sigstore/core unchanged.
function checkWithTrustedKeys(leaf: X509Certificate, keys: Map<X509Certificate, KeyObject>): void {
  const check = leaf.verify.bind(leaf);
  const known = new Map<X509Certificate, boolean>();
  leaf.verify = (issuer) => {
    const key = issuer ? keys.get(issuer) : undefined;
    if (!issuer || !key) return check(issuer);
    let result = known.get(issuer);
    if (result === undefined) {
      result = isSignedBy(leaf, key);
      known.set(issuer, result);
    }
    return result;
  };
}

// Same check as @sigstore/core's X509Certificate.verify: the certificate's signature over
// its exact TBSCertificate encoding, with the digest its signature algorithm names.
function isSignedBy(cert: X509Certificate, key: KeyObject): boolean {
  try {
    return verifySignature(
      cert.signatureAlgorithm,
      cert.tbsCertificate.toDER(),
      key,
      cert.signatureValue,
    );
  } catch {
    // A signature node:crypto cannot evaluate (malformed DER, unknown digest) does not verify.
    return false;
  }
}
