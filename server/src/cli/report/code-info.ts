// SPDX-License-Identifier: Apache-2.0
// What each diagnostic code means, for report formats that describe their rules (SARIF rule
// metadata, GitLab vulnerability names and solutions). Kept in one module for review.
import type { FindingCode, Severity } from '../../core/types';

export interface CodeInfo {
  /** Short name, sentence case, no finding-specific details. */
  title: string;
  /** One sentence: when the code is reported (SPEC.md section 3). */
  description: string;
  /** One or two sentences: what would satisfy the finding. */
  solution: string;
  /** Severity in enforced mode before any policy override. */
  defaultSeverity: Severity;
}

const EXCEPTION = 'or add a justified, dated exception for this package to the policy';

export const CODE_INFO: Record<FindingCode, CodeInfo> = {
  denied: {
    title: 'Denied package',
    description: 'A deny rule of the policy matches this package version.',
    solution: `Move to a version no deny rule matches, remove the dependency, ${EXCEPTION}.`,
    defaultSeverity: 'error',
  },
  quarantined: {
    title: 'Quarantined package',
    description: 'A quarantine rule matches: the package awaits a security review.',
    solution: `Wait for the review to allow it, use another package, ${EXCEPTION}.`,
    defaultSeverity: 'warning',
  },
  'not-allowed': {
    title: 'Package not allowed',
    description: 'The policy denies by default and no allow rule matches this package version.',
    solution: `Move to a version an allow rule covers, ask for an allow rule, ${EXCEPTION}.`,
    defaultSeverity: 'error',
  },
  malicious: {
    title: 'Malicious package',
    description: 'A malicious-package record matches this package version.',
    solution: 'Remove the package, rotate any secrets the install could reach and rebuild.',
    defaultSeverity: 'error',
  },
  typosquat: {
    title: 'Possible typosquat',
    description: 'The package name imitates the name of a popular package.',
    solution: `Check the name and depend on the intended package, ${EXCEPTION}.`,
    defaultSeverity: 'warning',
  },
  'dependency-confusion': {
    title: 'Dependency confusion',
    description: 'An internal package name resolves from a registry other than the internal one.',
    solution: 'Resolve the package from the internal registry (scope or registry configuration).',
    defaultSeverity: 'error',
  },
  'untrusted-registry': {
    title: 'Untrusted registry',
    description: 'The package is downloaded from a host outside the allowed registries.',
    solution: 'Resolve the package from an allowed registry and regenerate the lockfile.',
    defaultSeverity: 'error',
  },
  'insecure-protocol': {
    title: 'Insecure download protocol',
    description: 'The package is downloaded over an unauthenticated scheme such as http: or git:.',
    solution: 'Use an https: URL or a registry version and regenerate the lockfile.',
    defaultSeverity: 'error',
  },
  'missing-integrity': {
    title: 'Missing integrity hash',
    description: 'The lockfile has no integrity hash for this package.',
    solution: 'Regenerate the lockfile so that it records an integrity hash.',
    defaultSeverity: 'warning',
  },
  'weak-integrity': {
    title: 'Weak integrity hash',
    description: 'The lockfile records only a sha1 or md5 hash for this package.',
    solution: 'Regenerate the lockfile so that it records a sha512 integrity hash.',
    defaultSeverity: 'warning',
  },
  'install-script': {
    title: 'Install script',
    description: 'The package runs scripts when it is installed.',
    solution: `Review the script, or install with scripts disabled, ${EXCEPTION}.`,
    defaultSeverity: 'info',
  },
  'unpinned-dependency': {
    title: 'Unpinned dependency',
    description: 'The dependency is not pinned to an exact version or commit.',
    solution: 'Pin the dependency to an exact version or commit.',
    defaultSeverity: 'warning',
  },
  'too-new': {
    title: 'Recently published version',
    description: 'The version was published more recently than the minimum release age.',
    solution: `Use an older version until this one is old enough, ${EXCEPTION}.`,
    defaultSeverity: 'warning',
  },
  'provenance-missing': {
    title: 'Missing provenance',
    description: 'A provenance rule requires an attestation and the version has none.',
    solution: `Use a version published with provenance, ${EXCEPTION}.`,
    defaultSeverity: 'warning',
  },
  'provenance-invalid': {
    title: 'Invalid provenance',
    description: 'The provenance attestation of this version does not verify.',
    solution: 'Do not use this version; move to one whose provenance verifies.',
    defaultSeverity: 'error',
  },
  'provenance-mismatch': {
    title: 'Unexpected provenance',
    description: 'The provenance verifies but names another builder or source repository.',
    solution: 'Move to a version built by the expected builder from the expected repository.',
    defaultSeverity: 'error',
  },
  'provenance-changed': {
    title: 'Changed provenance',
    description: 'The provenance identity differs from the one pinned for earlier versions.',
    solution: 'Confirm the change with the maintainers, then update the pinned identity.',
    defaultSeverity: 'warning',
  },
  'exception-expired': {
    title: 'Expired exception',
    description: 'A policy exception has passed its expiry date and lifts nothing.',
    solution: 'Fix what the exception covered, or renew it with a new expiry date.',
    defaultSeverity: 'warning',
  },
  'exception-expiring': {
    title: 'Exception expiring soon',
    description: 'A policy exception ends within 14 days.',
    solution: 'Fix what the exception covers before it expires, or renew it.',
    defaultSeverity: 'info',
  },
  unscanned: {
    title: 'Not analyzed',
    description: 'A file was recognized but all or part of it could not be analyzed.',
    solution: 'Check the entry the finding points at; the message says what was not read.',
    defaultSeverity: 'warning',
  },
  'parse-error': {
    title: 'Unparseable file',
    description: 'A manifest or lockfile cannot be parsed at all.',
    solution: 'Fix the syntax of the file or regenerate it with its package manager.',
    defaultSeverity: 'error',
  },
  'policy-error': {
    title: 'Policy error',
    description: 'The policy itself is wrong or was partly ignored.',
    solution: 'Correct the policy file at the reported range.',
    defaultSeverity: 'error',
  },
  'signature-missing': {
    title: 'Missing artifact signature',
    description: 'A verify entry of the policy covers this file and its Sigstore bundle is absent.',
    solution:
      'Sign or attest the file with sscs sign or sscs attest and commit the bundle with it.',
    defaultSeverity: 'error',
  },
  'signature-invalid': {
    title: 'Invalid artifact signature',
    description: 'The Sigstore bundle of this file does not verify against the policy entry.',
    solution: 'Sign the file again with the expected key or identity, or restore the signed file.',
    defaultSeverity: 'error',
  },
};
