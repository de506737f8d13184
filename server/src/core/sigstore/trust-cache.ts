// SPDX-License-Identifier: Apache-2.0
// Work that depends only on the trusted root, done once per verifier instead of once per
// bundle. @sigstore/core re-encodes a certificate's ASN.1 tree to DER on every comparison
// and signature check, and parses the issuer's public key again for each check; chain
// building does that many times per bundle. Nothing here remembers a verdict about bundle
// content: every bundle certificate is still compared and its signature checked.
import { createPublicKey, verify as verifySignature } from 'node:crypto';

import { ASN1Obj, X509Certificate } from '@sigstore/core';

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
    for (const cert of this.trusted) freezeEncoding(cert.root);
    for (const cert of this.trusted) {
      this.keys.set(cert, createPublicKey({ key: cert.publicKey, format: 'der', type: 'spki' }));
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

// Each node keeps its DER encoding, computed once bottom-up. The tree belongs either to the
// trusted root or to one bundle's freshly parsed certificate, and neither is modified
// afterwards: @sigstore/verify edits only clones (see `copyTree`).
function freezeEncoding(node: ASN1Node): void {
  for (const sub of node.subs) freezeEncoding(sub);
  const der = encode(node);
  node.toDER = () => der;
}

// @sigstore/core clones a certificate by parsing its encoding again. The parser accepts
// only DER (single-byte tags, minimal definite lengths, children exactly filling their
// parent), so that encoding is the bytes the tree was parsed from, and parsing them again
// yields the same tree: copying the nodes gives the clone without a second parse. A clone
// is edited (the SCT check removes the SCT extension before encoding the TBSCertificate), so
// its nodes keep no encoding: each call encodes the current tree again.
function copyTree(node: ASN1Obj): ASN1Obj {
  const copy = new ASN1Obj(node.tag, node.value, node.subs.map(copyTree));
  copy.toDER = () => encode(copy);
  return copy;
}

// What @sigstore/core's ASN1Obj.toDER produces: the tag byte, the minimal DER length, then
// the children's encodings or, without children, the primitive value.
function encode(node: ASN1Node): Buffer {
  const content =
    node.subs.length > 0 ? Buffer.concat(node.subs.map((sub) => sub.toDER())) : node.value;
  return Buffer.concat([Buffer.from([node.tag.toDER()]), encodeLength(content.length), content]);
}

// X.690 section 10.1: definite form, as few length octets as possible.
function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const octets: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 0x100)) octets.unshift(rest % 0x100);
  return Buffer.from([0x80 | octets.length, ...octets]);
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

interface ASN1Node {
  subs: ASN1Node[];
  value: Buffer;
  tag: { toDER(): number };
  toDER(): Buffer;
}
