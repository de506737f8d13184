// SPDX-License-Identifier: Apache-2.0
// Verifies a Sigstore bundle against an artifact (bytes or digest), a trusted root and a
// policy. @sigstore/verify checks signatures, chains, SCTs, log proofs and timestamps; this
// module adds what it leaves to callers: exact identity matching, the artifact and in-toto
// subject checks, digest-only verification and key selection.
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';

import { SscsError, VerificationError } from '../errors';
import { artifactDigest, describeArtifact } from './artifact';
import { decodeExtensions, verifyIdentity } from './identity';
import { hasMatchingSubject, IN_TOTO_PAYLOAD_TYPE, parseStatement } from './in-toto';
import { messages } from './messages';
import { verifyPrehashed } from './prehash';
import { TrustCache } from './trust-cache';

import type { Bundle } from '@sigstore/bundle';
import type { TrustedRoot } from '@sigstore/protobuf-specs';
import type { KeyFinderFunc, SignedEntity, TrustMaterial, VerifierOptions } from '@sigstore/verify';
import type { ArtifactInput, DigestAlgorithm } from './artifact';
import type { IdentityPolicy } from './identity';
import type { InTotoStatement } from './in-toto';
import type { VerificationKey } from './keys';

export interface VerificationResult {
  content: 'message-signature' | 'dsse';
  signedWith: 'certificate' | 'key';
  identity?: string;
  issuer?: string;
  /** Fulcio certificate extensions by dotted OID. */
  extensions: Record<string, string>;
  logIndex?: string;
  integratedTime?: Date;
  tlogEntries: number;
  rfc3161Timestamps: number;
  statement?: InTotoStatement;
}

export interface VerifyRequest {
  bundle: Bundle;
  /** Absent: only the bundle itself is checked (signature over its own content). */
  artifact?: ArtifactInput;
  policy?: IdentityPolicy;
}

// protobuf HashAlgorithm enum values of the message digest that we can compare.
const HASH_ALGORITHMS: Record<number, DigestAlgorithm> = { 0: 'sha256', 1: 'sha256', 3: 'sha512' };

/** Verifies bundles against one trusted root (and optional key), loaded once. */
export class BundleVerifier {
  private readonly cache: TrustCache;

  constructor(
    trustedRoot: TrustedRoot,
    private readonly key?: VerificationKey,
  ) {
    this.cache = new TrustCache(toTrustMaterial(trustedRoot, key ? keyFinder(key) : undefined));
  }

  /**
   * Verifies one bundle.
   *
   * @throws VerificationError with the code of the check that failed
   */
  verify(request: VerifyRequest): VerificationResult {
    const { bundle, artifact } = request;
    const keyed = bundle.verificationMaterial.content.$case === 'publicKey';
    if (keyed && !this.key) throw new VerificationError('KEY_ERROR', messages.keyHasNoMatch());
    if (!keyed && this.key) {
      throw new VerificationError('KEY_ERROR', messages.certificateBundleWithKey());
    }

    const statement = checkContent(bundle, artifact);
    const entity = toEntity(bundle, artifact);
    const signer = runVerifier(this.cache.trustFor(entity), this.thresholds(bundle, keyed), entity);

    const identity = signer.identity;
    const claims = {
      subjectAlternativeName: identity?.subjectAlternativeName,
      issuer: identity?.extensions?.issuer,
      extensions: decodeExtensions(identity?.oids),
    };
    if (!keyed && request.policy) verifyIdentity(request.policy, claims);

    const entry = bundle.verificationMaterial.tlogEntries[0];
    const seconds = Number(entry?.integratedTime ?? 0);
    return {
      content: bundle.content.$case === 'dsseEnvelope' ? 'dsse' : 'message-signature',
      signedWith: keyed ? 'key' : 'certificate',
      identity: claims.subjectAlternativeName,
      issuer: claims.issuer,
      extensions: claims.extensions,
      logIndex: entry?.logIndex,
      integratedTime: seconds > 0 ? new Date(seconds * 1000) : undefined,
      tlogEntries: bundle.verificationMaterial.tlogEntries.length,
      rfc3161Timestamps:
        bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps.length ?? 0,
      statement,
    };
  }

  // Certificates need a log entry, an SCT and a verified time. A key the user handed us is
  // trusted without a validity window, so a log entry is checked when present but not
  // demanded; a keyring key (npm) has a window and therefore needs a verified time.
  private thresholds(bundle: Bundle, keyed: boolean): VerifierOptions {
    if (!keyed) return { tlogThreshold: 1, ctlogThreshold: 1, timestampThreshold: 1 };
    if (this.key?.kind === 'keyring') {
      return { tlogThreshold: 1, ctlogThreshold: 0, timestampThreshold: 1 };
    }
    const logged = bundle.verificationMaterial.tlogEntries.length > 0 ? 1 : 0;
    return { tlogThreshold: logged, ctlogThreshold: 0, timestampThreshold: 0 };
  }
}

// The artifact must be what the bundle signs: the message digest for message signatures,
// one in-toto subject for DSSE envelopes. Checked first so a mismatch is reported as such
// rather than as a bad signature.
function checkContent(bundle: Bundle, artifact?: ArtifactInput): InTotoStatement | undefined {
  if (bundle.content.$case === 'messageSignature') {
    const message = bundle.content.messageSignature;
    if (!artifact || !message.messageDigest) return undefined;
    const algorithm = HASH_ALGORITHMS[message.messageDigest.algorithm];
    const got = algorithm ? artifactDigest(artifact, algorithm) : undefined;
    if (!got) {
      const name = artifact.kind === 'digest' ? artifact.algorithm : 'this';
      throw new VerificationError('DIGEST_ERROR', messages.digestAlgorithmUnsupported(name));
    }
    if (!got.equals(Buffer.from(message.messageDigest.digest))) {
      const label = describeArtifact(artifact);
      throw new VerificationError('DIGEST_ERROR', messages.digestMismatch(label));
    }
    return undefined;
  }

  const envelope = bundle.content.dsseEnvelope;
  if (envelope.signatures.length !== 1) {
    throw new VerificationError(
      'SIGNATURE_ERROR',
      messages.dsseSignatureCount(envelope.signatures.length),
    );
  }
  const statement =
    envelope.payloadType === IN_TOTO_PAYLOAD_TYPE ? parseStatement(envelope.payload) : undefined;
  if (!artifact) return statement;
  if (!statement) {
    throw new VerificationError('DIGEST_ERROR', messages.dsseNotInToto(envelope.payloadType));
  }
  if (!hasMatchingSubject(statement, artifact)) {
    const label = describeArtifact(artifact);
    throw new VerificationError('DIGEST_ERROR', messages.subjectMismatch(label));
  }
  return statement;
}

// With only a digest, the message signature is checked over that digest (already compared
// with the bundle's message digest) instead of over the artifact's bytes.
function toEntity(bundle: Bundle, artifact?: ArtifactInput): SignedEntity {
  let entity: SignedEntity;
  const data = artifact?.kind === 'bytes' ? artifact.data : undefined;
  try {
    entity = toSignedEntity(bundle, data);
  } catch (err) {
    throw new VerificationError(
      'BUNDLE_PARSE_ERROR',
      messages.bundleUnreadable('its certificate or timestamp cannot be parsed'),
      err,
    );
  }
  if (bundle.content.$case !== 'messageSignature' || data) return entity;

  const digest = Buffer.from(bundle.content.messageSignature.messageDigest?.digest ?? []);
  const content = entity.signature;
  return {
    ...entity,
    signature: {
      signature: content.signature,
      compareSignature: (signature) => content.compareSignature(signature),
      compareDigest: (value) => content.compareDigest(value),
      compareSignedDigest: (value) => content.compareSignedDigest(value),
      verifySignature: (key) => {
        const ok = verifyPrehashed(key, digest, content.signature);
        if (ok === undefined) {
          throw new VerificationError('SIGNATURE_ERROR', messages.prehashKeyUnsupported());
        }
        return ok;
      },
    },
  };
}

function runVerifier(trust: TrustMaterial, options: VerifierOptions, entity: SignedEntity) {
  try {
    return new Verifier(trust, options).verify(entity);
  } catch (err) {
    throw toVerificationError(err);
  }
}

function toVerificationError(err: unknown): VerificationError {
  if (err instanceof VerificationError) return err;
  if (err instanceof SscsError) return new VerificationError('KEY_ERROR', err.message, err);
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : '';
  const detail = err instanceof Error ? err.message.replace(/\.$/, '') : String(err);
  switch (code) {
    case 'CERTIFICATE_ERROR':
      return new VerificationError('CERTIFICATE_ERROR', messages.certificateFailed(detail), err);
    case 'TIMESTAMP_ERROR':
      return new VerificationError('TIMESTAMP_ERROR', messages.timestampFailed(detail), err);
    case 'PUBLIC_KEY_ERROR':
      return new VerificationError('KEY_ERROR', messages.keyFailed(detail), err);
    case 'SIGNATURE_ERROR':
      return new VerificationError('SIGNATURE_ERROR', messages.signatureFailed(), err);
    default:
      if (typeof code === 'string' && code.startsWith('TLOG')) {
        return new VerificationError('TLOG_ERROR', messages.tlogFailed(detail), err);
      }
      return new VerificationError('SIGNATURE_ERROR', messages.signatureFailed(), err);
  }
}

function keyFinder(key: VerificationKey): KeyFinderFunc {
  if (key.kind === 'single') {
    return () => ({ publicKey: key.key, validFor: () => true });
  }
  return (hint) => {
    const entry = key.keys.find((candidate) => candidate.hint === hint);
    if (!entry) {
      throw new VerificationError('KEY_ERROR', messages.keyFailed(`no key with id ${hint}`));
    }
    const { start, end } = entry.validFor;
    return {
      publicKey: entry.key,
      validFor: (date) => (!start || date >= start) && (!end || date <= end),
    };
  };
}
