// SPDX-License-Identifier: Apache-2.0
// ECDSA verification over a digest the caller already holds. Node's crypto always hashes the
// message itself, so checking a hashedrekord signature against `sha256:<hex>` alone needs an
// implementation that accepts the prehash.
import { p256, p384 } from '@noble/curves/nist';

import type { KeyObject } from 'node:crypto';

const CURVES = { 'P-256': p256, 'P-384': p384 } as const;

/**
 * True when `signature` (DER ECDSA) verifies over `digest` with `key`.
 * Returns undefined when the key is not an ECDSA P-256/P-384 key (no prehash check exists).
 */
export function verifyPrehashed(
  key: KeyObject,
  digest: Buffer,
  signature: Buffer,
): boolean | undefined {
  if (key.asymmetricKeyType !== 'ec') return undefined;
  const jwk = key.export({ format: 'jwk' });
  const curve = jwk.crv === 'P-256' || jwk.crv === 'P-384' ? CURVES[jwk.crv] : undefined;
  if (!curve || !jwk.x || !jwk.y) return undefined;

  const point = Buffer.concat([
    Buffer.from([4]),
    Buffer.from(jwk.x, 'base64url'),
    Buffer.from(jwk.y, 'base64url'),
  ]);
  try {
    // Signatures from Go and OpenSSL may carry a high S value; both accept it, so do we.
    return curve.verify(signature, digest, point, { prehash: false, lowS: false, format: 'der' });
  } catch {
    // A signature that is not valid DER simply does not verify.
    return false;
  }
}
