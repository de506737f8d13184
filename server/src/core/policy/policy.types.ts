// SPDX-License-Identifier: Apache-2.0
// Shapes of a policy file once read, and of the effective policy that both layers make together
// (SPEC.md section 2). Every element keeps the file and range it came from, so findings about
// the policy itself can point at it.
import type { Ecosystem, Finding, TextRange } from '../types';

export type PolicyLayerName = 'organization' | 'project';
export type PolicyMode = 'enforced' | 'advisory';
export type RuleAction = 'allow' | 'deny' | 'quarantine';
export type DefaultAction = 'allow' | 'deny';

/** A scalar setting together with where it was written. */
export interface Positioned<T> {
  value: T;
  range: TextRange;
}

/** Where a policy element was written. */
export interface PolicyOrigin {
  layer: PolicyLayerName;
  /** Path of the policy file, as given to the loader. */
  path: string;
  /** Range of the whole element (the rule or exception object). */
  range: TextRange;
}

export interface Rule extends PolicyOrigin {
  id: string;
  action: RuleAction;
  /** Purl glob without version: `pkg:npm/@newco/*`. */
  package: string;
  /** Range in the ecosystem's own syntax; absent means every version. */
  versions?: string;
  reason?: string;
}

export interface PolicyException extends PolicyOrigin {
  /** A rule id, or a finding code such as `install-script` (see EXCEPTABLE_CODES). */
  rule: string;
  /** Purl (name may be a glob), optionally with `@version`. */
  package: string;
  reason: string;
  /** Last day the exception counts, `YYYY-MM-DD`, compared in UTC. */
  expires: string;
  approvedBy?: string;
}

/**
 * A `verify` entry: files under the project folder that must carry a Sigstore signature or
 * attestation. Paths are relative to the folder holding `.sscs/` (see `verify-artifacts.ts`).
 */
export interface VerifyRequirement extends PolicyOrigin {
  id?: string;
  /** Glob over `/`-separated paths relative to the project folder. */
  files: string;
  /** Bundle path template; `{file}` stands for the artifact's relative path. */
  bundle: string;
  key?: string;
  /** Exact certificate identity; excludes `identityPattern`. */
  identity?: string;
  /** Regular expression the whole certificate identity must match. */
  identityPattern?: string;
  issuer?: string;
  trustedRoot?: string;
  /** Required in-toto predicate type: the bundle must be an attestation of that type. */
  predicateType?: string;
}

/** A registry URL from the `registries` setting. */
export type RegistryEntry = Positioned<string>;

/** One policy file, validated. Invalid elements are left out and reported as problems. */
export interface PolicyDocument {
  version: 1;
  mode?: Positioned<PolicyMode>;
  defaultAction?: Positioned<DefaultAction>;
  registries: Partial<Record<Ecosystem, RegistryEntry[]>>;
  internalPackages: Partial<Record<Ecosystem, string[]>>;
  rules: Rule[];
  exceptions: PolicyException[];
  /** Only read from the organization layer. */
  allowProjectExceptions?: Positioned<boolean>;
  /** Days; accepted and validated, not enforced yet. */
  minimumReleaseAge?: Positioned<number>;
  /** Absent when the file has no `verify` section. */
  verify?: VerifyRequirement[];
}

export interface LoadedPolicy {
  layer: PolicyLayerName;
  path: string;
  text?: string;
  /** Undefined when the file is unusable (syntax error, not an object, wrong version). */
  policy?: PolicyDocument;
  /** `policy-error` findings on this file. */
  problems: Finding[];
}

/** Both layers combined under the trust boundary of SPEC.md section 2. */
export interface EffectivePolicy {
  /** False when a layer was given but is unusable: the CLI exits 2 on it. */
  usable: boolean;
  mode: PolicyMode;
  /** Deny when either layer says deny. */
  defaultAction: DefaultAction;
  /**
   * The layer whose `defaultAction: "deny"` is in force (the organization when both say deny).
   * When it is the organization, project allow rules have already been dropped from `rules`,
   * so any remaining allow rule satisfies the default.
   */
  defaultActionLayer?: PolicyLayerName;
  /** Allowed registry URLs per ecosystem; an ecosystem without a list allows any host. */
  registries?: Partial<Record<Ecosystem, string[]>>;
  internalPackages: Partial<Record<Ecosystem, string[]>>;
  /** Rules of both layers that count, organization first. */
  rules: Rule[];
  /** Exceptions that count: the organization's, and the project's when it allows them. */
  exceptions: PolicyException[];
  /** Days; the stricter (larger) of both layers. */
  minimumReleaseAge?: number;
  /** Artifact requirements of both layers, organization first; absent when there are none. */
  verify?: VerifyRequirement[];
  /** Every `policy-error` of both files, including what the trust boundary ignored. */
  problems: Finding[];
  sources: { organization?: string; project?: string };
}

/** A finding an active exception lifted, kept for reports that show suppressions (SARIF). */
export interface SuppressedFinding {
  finding: Finding;
  exception: PolicyException;
}
