// SPDX-License-Identifier: Apache-2.0
// `verify` and `verify-provenance` from file paths to results. Kept apart from signing so
// the verify path never loads @sigstore/sign and its HTTP stack.
import { isDigestReference, parseDigestReference } from './artifact';
import { parseBundle } from './bundle-load';
import { readBytes, readText } from './files';
import { parseVerificationKey } from './keys';
import { verifyProvenance } from './provenance';
import { parseTrustedRoot, publicGoodTrustedRoot } from './trust-root';
import { BundleVerifier } from './verify';

import type { TrustedRoot } from '@sigstore/protobuf-specs';

import type { ArtifactInput } from './artifact';
import type { SigstoreFiles } from './files';
import type { IdentityPolicy } from './identity';
import type { ProvenanceExpectations, ProvenanceFacts } from './provenance';
import type { VerificationResult } from './verify';

export interface VerifyFileInput {
  /** A file path, or `sha256:<hex>` naming no existing file. */
  target: string;
  bundlePath: string;
  keyPath?: string;
  policy?: IdentityPolicy;
  trustedRootPath?: string;
  /**
   * Supplies the public-good root when no `trustedRootPath` is given (a TUF-refreshed copy),
   * asked only once the other inputs have been read; the shipped copy when absent.
   */
  publicGoodRoot?: () => Promise<TrustedRoot>;
}

/**
 * Reads the target, bundle, key and trusted root, then verifies.
 *
 * @throws VerificationError when a check fails; SscsError INPUT_ERROR for unreadable files
 */
export async function verifyFile(
  files: SigstoreFiles,
  input: VerifyFileInput,
): Promise<VerificationResult> {
  const artifact = await readArtifact(files, input.target);
  const bundle = parseBundle(await readText(files, input.bundlePath, 'bundle'));
  const key = input.keyPath
    ? parseVerificationKey(await readText(files, input.keyPath, 'key'))
    : undefined;
  const root = input.trustedRootPath
    ? parseTrustedRoot(await readText(files, input.trustedRootPath, 'trusted root'))
    : input.publicGoodRoot
      ? await input.publicGoodRoot()
      : publicGoodTrustedRoot();
  return new BundleVerifier(root, key).verify({ bundle, artifact, policy: input.policy });
}

/** Verifies a provenance bundle and then its SLSA claims. */
export async function verifyProvenanceFile(
  files: SigstoreFiles,
  input: VerifyFileInput,
  expected: ProvenanceExpectations,
): Promise<{ result: VerificationResult; facts: ProvenanceFacts }> {
  const result = await verifyFile(files, input);
  return { result, facts: verifyProvenance(result, expected) };
}

// SPEC section 4: a digest only when it reads sha256:<64 hex> and names no existing file.
async function readArtifact(files: SigstoreFiles, target: string): Promise<ArtifactInput> {
  if (isDigestReference(target) && !(await files.exists(target))) {
    return parseDigestReference(target);
  }
  return { kind: 'bytes', data: await readBytes(files, target, 'file') };
}
