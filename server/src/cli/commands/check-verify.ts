// SPDX-License-Identifier: Apache-2.0
// The artifact half of `sscs check`: which policy root each candidate artifact belongs to,
// and the verification of those a `verify` entry covers (core/artifacts).
import { dirname } from 'node:path';

import { verifyArtifacts } from '../../core/artifacts/verify-artifacts';
import { verifyFile } from '../../core/sigstore/verify-files';
import { nearestPolicyRoot } from '../../node/policy-loader';

import type { FileSource } from '../../core/file-source';
import type { EffectivePolicy } from '../../core/policy/policy.types';
import type { Finding } from '../../core/types';

export interface ArtifactGrouping {
  /** Explicit `--policy` file, whose folder's parent is the only root. */
  policy?: string;
  /** Whether an organization policy is configured: it may require signatures anywhere. */
  hasOrganization: boolean;
  /** Root for artifacts no project policy governs; the current directory. */
  fallbackRoot: string;
}

/**
 * Candidate artifacts by the root of the policy that governs them: the nearest folder above
 * with `.sscs/`, else the fallback root when an organization policy is configured. Artifacts
 * no policy can govern are dropped, so a check without policies loads none for them.
 */
export function groupArtifacts(
  artifacts: string[],
  grouping: ArtifactGrouping,
): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  const rootOf = new Map<string, string | undefined>();
  const nearest = (dir: string): string | undefined => {
    if (!rootOf.has(dir)) rootOf.set(dir, nearestPolicyRoot(dir));
    return rootOf.get(dir);
  };
  for (const artifact of artifacts) {
    const root = grouping.policy
      ? dirname(dirname(grouping.policy))
      : (nearest(dirname(artifact)) ??
        (grouping.hasOrganization ? grouping.fallbackRoot : undefined));
    if (root === undefined) continue;
    const group = groups.get(root) ?? [];
    group.push(artifact);
    groups.set(root, group);
  }
  return groups;
}

/** Verifies the artifacts of one policy root with the Sigstore core. */
export function checkArtifacts(
  root: string,
  artifacts: string[],
  policy: EffectivePolicy,
  source: FileSource,
  organizationSource: FileSource,
): Promise<Finding[]> {
  if (artifacts.length === 0 || !policy.verify) return Promise.resolve([]);
  return verifyArtifacts({
    root,
    files: artifacts,
    policy,
    source,
    organizationSource,
    verify: verifyFile,
  });
}
