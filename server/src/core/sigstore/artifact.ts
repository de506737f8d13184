// SPDX-License-Identifier: Apache-2.0
// What is being verified: the artifact's bytes, or only its digest.
import { createHash } from 'node:crypto';

export type DigestAlgorithm = 'sha256' | 'sha512';

/** The artifact as bytes (a file) or as a digest given on the command line. */
export type ArtifactInput =
  { kind: 'bytes'; data: Buffer } | { kind: 'digest'; algorithm: DigestAlgorithm; digest: Buffer };

const DIGEST_PATTERN = /^(sha256:[0-9a-fA-F]{64}|sha512:[0-9a-fA-F]{128})$/;

/**
 * True when `text` reads as a digest (`sha256:` and 64 hex digits, or `sha512:` and 128).
 * The caller still has to check that no file of that name exists (SPEC section 4).
 */
export function isDigestReference(text: string): boolean {
  return DIGEST_PATTERN.test(text);
}

/** Parses `sha256:<hex>` or `sha512:<hex>`; call only after `isDigestReference`. */
export function parseDigestReference(text: string): ArtifactInput {
  const [algorithm, hex] = text.split(':') as [DigestAlgorithm, string];
  return { kind: 'digest', algorithm, digest: Buffer.from(hex.toLowerCase(), 'hex') };
}

/** Digest of the artifact in `algorithm`, or undefined when only another digest is known. */
export function artifactDigest(
  artifact: ArtifactInput,
  algorithm: DigestAlgorithm,
): Buffer | undefined {
  if (artifact.kind === 'bytes') return createHash(algorithm).update(artifact.data).digest();
  return artifact.algorithm === algorithm ? artifact.digest : undefined;
}

/** `sha256:<hex>` label of the artifact for messages. */
export function describeArtifact(artifact: ArtifactInput): string {
  if (artifact.kind === 'digest') {
    return `${artifact.algorithm}:${artifact.digest.toString('hex')}`;
  }
  return `sha256:${createHash('sha256').update(artifact.data).digest('hex')}`;
}
