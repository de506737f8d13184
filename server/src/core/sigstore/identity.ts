// SPDX-License-Identifier: Apache-2.0
// Who signed: exact identity and issuer matching (no implicit patterns, unlike the regular
// expression @sigstore/verify makes of a SAN policy) and Fulcio certificate extensions.
import { VerificationError } from '../errors';
import { messages } from './messages';

import type { ObjectIdentifierValuePair } from '@sigstore/protobuf-specs';

/** What the certificate must name; `identity` and `identityPattern` exclude each other. */
export interface IdentityPolicy {
  identity?: string;
  identityPattern?: string;
  issuer?: string;
}

/** Fulcio extensions of the signing certificate (OID arc 1.3.6.1.4.1.57264.1). */
export interface CertificateClaims {
  subjectAlternativeName?: string;
  issuer?: string;
  /** Decoded string values by dotted OID. */
  extensions: Record<string, string>;
}

export const FULCIO_OID = {
  issuer: '1.3.6.1.4.1.57264.1.8',
  buildSignerUri: '1.3.6.1.4.1.57264.1.9',
  runnerEnvironment: '1.3.6.1.4.1.57264.1.11',
  sourceRepositoryUri: '1.3.6.1.4.1.57264.1.12',
  sourceRepositoryDigest: '1.3.6.1.4.1.57264.1.13',
  sourceRepositoryRef: '1.3.6.1.4.1.57264.1.14',
  buildConfigUri: '1.3.6.1.4.1.57264.1.18',
  runInvocationUri: '1.3.6.1.4.1.57264.1.21',
} as const;

/**
 * Checks the certificate against the policy.
 *
 * @throws VerificationError IDENTITY_ERROR naming the field that differs
 */
export function verifyIdentity(policy: IdentityPolicy, claims: CertificateClaims): void {
  const san = claims.subjectAlternativeName ?? '';
  if (policy.identity !== undefined && policy.identity !== san) {
    throw new VerificationError('IDENTITY_ERROR', messages.identityMismatch(policy.identity, san));
  }
  if (policy.identityPattern !== undefined && !anchored(policy.identityPattern).test(san)) {
    throw new VerificationError(
      'IDENTITY_ERROR',
      messages.identityPatternMismatch(policy.identityPattern, san),
    );
  }
  const issuer = claims.issuer ?? '';
  if (policy.issuer !== undefined && policy.issuer !== issuer) {
    throw new VerificationError('IDENTITY_ERROR', messages.issuerMismatch(policy.issuer, issuer));
  }
}

/** Compiles a user pattern so that it must match the whole identity. */
export function anchored(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}

const FULCIO_ARC = [1, 3, 6, 1, 4, 1, 57264, 1];

/** Decodes Fulcio's string-valued extensions from the OIDs @sigstore/verify reports. */
export function decodeExtensions(oids: ObjectIdentifierValuePair[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of oids) {
    const id = pair.oid?.id ?? [];
    if (id.length <= FULCIO_ARC.length || !FULCIO_ARC.every((n, i) => id[i] === n)) continue;
    const oid = id.join('.');
    const value = Buffer.from(pair.value.buffer, pair.value.byteOffset, pair.value.byteLength);
    const arc = id[id.length - 1] ?? 0;
    // Extensions .1 to .6 hold raw text; .8 and later hold a DER UTF8String.
    out[oid] = arc < 8 ? value.toString('utf8') : (derUtf8(value) ?? value.toString('utf8'));
  }
  return out;
}

function derUtf8(value: Buffer): string | undefined {
  if (value.length < 2 || value[0] !== 0x0c) return undefined;
  let length = value[1] ?? 0;
  let offset = 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + (value[2 + i] ?? 0);
    offset = 2 + bytes;
  }
  return value.subarray(offset, offset + length).toString('utf8');
}
