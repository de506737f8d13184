// SPDX-License-Identifier: Apache-2.0
// Every user-facing sentence about artifacts a policy's `verify` section covers, kept together
// for review and localisation. One sentence each, ending with a period.
import type { VerifyRequirement } from '../policy/policy.types';

function entryLabel(requirement: VerifyRequirement): string {
  return requirement.id !== undefined
    ? `verify entry "${requirement.id}"`
    : `the ${requirement.layer} policy's verify entry for "${requirement.files}"`;
}

/** The sentence of a verification failure, its first letter lowered to follow a colon. */
function clause(reason: string): string {
  const trimmed = reason.trim();
  const ended = /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
  return ended.charAt(0).toLowerCase() + ended.slice(1);
}

export const artifactMessages = {
  bundleMissing: (file: string, bundle: string, requirement: VerifyRequirement) =>
    `${file} has no signature bundle ${bundle}, which ${entryLabel(requirement)} requires; ` +
    'sign the file and add the bundle.',
  verificationFailed: (
    file: string,
    bundle: string,
    requirement: VerifyRequirement,
    reason: string,
  ) =>
    `${file} does not verify against ${bundle} as ${entryLabel(requirement)} requires: ` +
    clause(reason),
  predicateTypeMismatch: (want: string, got: string) =>
    `The predicate type check failed: the attestation is of type '${got}', expected '${want}'.`,
  notAnAttestation: (want: string) =>
    'The predicate type check failed: the bundle is a plain signature, not an attestation ' +
    `of type '${want}'.`,
  fileAbsent: (path: string) => `${path} does not exist in the checked sources`,
  readOnly: (path: string) => `${path} cannot be written while checking artifacts`,
  related: () => 'The policy entry that requires this signature.',
} as const;
