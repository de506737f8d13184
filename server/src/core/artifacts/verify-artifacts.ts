// SPDX-License-Identifier: Apache-2.0
// Checks the artifacts a policy's `verify` section covers: each file a glob matches must have
// its Sigstore bundle, and the bundle must verify with the entry's key or certificate identity
// (and, for attestations, carry the required predicate type). Failures are error findings on
// the artifact, related to the policy entry that asked for them.
import { dirname, isAbsolute, join, relative, sep } from 'node:path';

import { minimatch } from 'minimatch';

import { describeError, SscsError, VerificationError } from '../errors';
import { applyMode } from '../policy/evaluate';
import { artifactMessages } from './messages';
import { readSourceBytes, sigstoreFilesOver } from './source-files';

import type { FileSource } from '../file-source';
import type { EffectivePolicy, VerifyRequirement } from '../policy/policy.types';
import type { SigstoreFiles } from '../sigstore/files';
import type { VerifyFileInput } from '../sigstore/verify-files';
import type { VerificationResult } from '../sigstore/verify';
import type { Finding, FindingCode, TextRange } from '../types';

/** `verifyFile` of the Sigstore core, injected so tests can stand in for it. */
export type ArtifactVerifier = (
  files: SigstoreFiles,
  input: VerifyFileInput,
) => Promise<VerificationResult>;

export interface ArtifactCheckInput {
  /** The folder holding `.sscs/`: globs, bundles and project key paths are relative to it. */
  root: string;
  /** Candidate files (absolute); those no entry matches are ignored. */
  files: string[];
  policy: EffectivePolicy;
  /** Reads artifacts, bundles and project keys (the git index under `--staged`). */
  source: FileSource;
  /** Reads keys and trusted roots named by the organization policy. */
  organizationSource: FileSource;
  verify: ArtifactVerifier;
}

const ZERO: TextRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

interface Target {
  file: string;
  rel: string;
  bundle: string;
  requirement: VerifyRequirement;
}

/**
 * Findings for the candidate files that `policy.verify` covers: `signature-missing` when the
 * bundle is absent from the source, `signature-invalid` when it does not verify. Files
 * outside `root` never match.
 *
 * @throws whatever the sources throw for reasons other than a missing file (a git failure)
 */
export async function verifyArtifacts(input: ArtifactCheckInput): Promise<Finding[]> {
  const matched = (input.policy.verify ?? []).flatMap((requirement) =>
    targetsOf(requirement, input.root, input.files),
  );
  // A glob such as `dist/**` also matches the bundles beside the artifacts; a file that is
  // the bundle of a matched file (for any entry) is a signature, not an artifact to sign.
  const bundles = new Set(matched.map((target) => target.bundle));
  const targets = matched.filter((target) => !bundles.has(target.file));
  const findings = await Promise.all(targets.map((target) => checkTarget(target, input)));
  return applyMode(
    findings.flatMap((finding) => (finding ? [finding] : [])),
    input.policy,
  );
}

function targetsOf(requirement: VerifyRequirement, root: string, files: string[]): Target[] {
  const matched: Target[] = [];
  for (const file of files) {
    const rel = relative(root, file).split(sep).join('/');
    if (rel === '' || rel.startsWith('../') || isAbsolute(rel)) continue;
    if (!minimatch(rel, requirement.files, { dot: true })) continue;
    const bundleRel = requirement.bundle.split('{file}').join(rel);
    matched.push({ file, rel, bundle: join(root, ...bundleRel.split('/')), requirement });
  }
  return matched;
}

async function checkTarget(
  target: Target,
  input: ArtifactCheckInput,
): Promise<Finding | undefined> {
  const { requirement } = target;
  const bundleRel = relative(input.root, target.bundle).split(sep).join('/');
  if ((await readSourceBytes(input.source, target.bundle)) === undefined) {
    const message = artifactMessages.bundleMissing(target.rel, bundleRel, requirement);
    return finding('signature-missing', target, message);
  }

  const base = requirement.layer === 'organization' ? dirname(requirement.path) : input.root;
  const resolvePath = (path: string | undefined) =>
    path === undefined || isAbsolute(path) ? path : join(base, path);
  const orgPaths = new Set<string>();
  const keyPath = resolvePath(requirement.key);
  const trustedRootPath = resolvePath(requirement.trustedRoot);
  if (requirement.layer === 'organization') {
    for (const path of [keyPath, trustedRootPath]) if (path !== undefined) orgPaths.add(path);
  }
  const files = sigstoreFilesOver(input.source, input.organizationSource, (path) =>
    orgPaths.has(path),
  );
  const policy =
    requirement.key === undefined
      ? {
          identity: requirement.identity,
          identityPattern: requirement.identityPattern,
          issuer: requirement.issuer,
        }
      : undefined;

  let reason: string | undefined;
  try {
    const result = await input.verify(files, {
      target: target.file,
      bundlePath: target.bundle,
      keyPath,
      policy,
      trustedRootPath,
    });
    reason = predicateProblem(requirement, result);
  } catch (err) {
    // VerificationError names the failed check; INPUT_ERROR an unreadable key or root.
    const expected = err instanceof SscsError && err.code === 'INPUT_ERROR';
    if (!(err instanceof VerificationError) && !expected) throw err;
    reason = describeError(err);
  }
  if (reason === undefined) return undefined;
  const message = artifactMessages.verificationFailed(target.rel, bundleRel, requirement, reason);
  return finding('signature-invalid', target, message);
}

function predicateProblem(
  requirement: VerifyRequirement,
  result: VerificationResult,
): string | undefined {
  const want = requirement.predicateType;
  if (want === undefined) return undefined;
  const got = result.statement?.predicateType;
  if (got === undefined) return artifactMessages.notAnAttestation(want);
  return got === want ? undefined : artifactMessages.predicateTypeMismatch(want, got);
}

function finding(code: FindingCode, target: Target, message: string): Finding {
  const { requirement } = target;
  const out: Finding = {
    code,
    severity: 'error',
    message,
    file: target.file,
    range: ZERO,
    related: [
      { file: requirement.path, range: requirement.range, message: artifactMessages.related() },
    ],
  };
  if (requirement.id !== undefined) out.rule = requirement.id;
  return out;
}
