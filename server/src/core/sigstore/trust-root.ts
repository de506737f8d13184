// SPDX-License-Identifier: Apache-2.0
// Trusted roots: parsing a TrustedRoot JSON document, checking what @sigstore/verify leaves
// unchecked, and the public-good root shipped inside the product.
import { TrustedRoot } from '@sigstore/protobuf-specs';
import seeds from '@sigstore/tuf/seeds.json';

import { VerificationError } from '../errors';
import { messages } from './messages';

const PUBLIC_GOOD_MIRROR = 'https://tuf-repo-cdn.sigstore.dev';

/**
 * Parses a trusted root (media type application/vnd.dev.sigstore.trustedroot+json) and
 * rejects one whose transparency-log keys lack a validity start.
 *
 * @throws VerificationError TRUST_ROOT_ERROR
 */
export function parseTrustedRoot(text: string): TrustedRoot {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new VerificationError('TRUST_ROOT_ERROR', messages.trustRootInvalid('not JSON'), err);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new VerificationError('TRUST_ROOT_ERROR', messages.trustRootInvalid('not an object'));
  }

  let root: TrustedRoot;
  try {
    root = TrustedRoot.fromJSON(json);
  } catch (err) {
    throw new VerificationError('TRUST_ROOT_ERROR', messages.trustRootInvalid(String(err)), err);
  }
  assertTlogValidityStarts(root);
  return root;
}

/** The Sigstore public-good trusted root as shipped with @sigstore/tuf's TUF seeds. */
export function publicGoodTrustedRoot(): TrustedRoot {
  const targets = seeds[PUBLIC_GOOD_MIRROR].targets;
  return parseTrustedRoot(Buffer.from(targets['trusted_root.json'], 'base64').toString('utf8'));
}

/** The npm registry's signing keys document shipped with the same seeds. */
export function publicGoodNpmKeys(): string {
  const targets = seeds[PUBLIC_GOOD_MIRROR].targets;
  return Buffer.from(targets['registry.npmjs.org%2Fkeys.json'], 'base64').toString('utf8');
}

// A log key whose interval has no start would be trusted for entries of any age; the
// trusted-root spec makes `validFor.start` required, so a root without it is malformed.
function assertTlogValidityStarts(root: TrustedRoot): void {
  for (const tlog of root.tlogs) {
    if (!tlog.publicKey?.validFor?.start) {
      throw new VerificationError('TRUST_ROOT_ERROR', messages.tlogKeyWithoutStart(tlog.baseUrl));
    }
  }
}
