// SPDX-License-Identifier: Apache-2.0
// Finds and reads both policy layers (SPEC.md section 2) for the CLI and the server alike:
// the organization policy from a path or URL, the project policy from `.sscs/` at the root.
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

import { describeError } from '../core/errors';
import { loadPolicyText } from '../core/policy/load-policy';
import { mergePolicies } from '../core/policy/merge';
import { fetchOrgPolicy, isPolicyUrl } from './org-policy-fetch';

import type { FileSource } from '../core/file-source';
import type { EffectivePolicy, LoadedPolicy } from '../core/policy/policy.types';

export const PROJECT_POLICY_FILES = ['.sscs/policy.jsonc', '.sscs/policy.json'];

export interface PolicyInputs {
  /** Organization policy: a path (relative to `root`) or an https URL. */
  organization?: string;
  /** Explicit project policy path; otherwise `.sscs/policy.jsonc` or `.json` under `root`. */
  project?: string;
  root: string;
  /** Untrusted workspaces read the organization policy only, and never from a URL they name. */
  trusted: boolean;
  cacheDir: string;
  offline?: boolean;
  token?: string;
  /** Reads the project policy (the working tree, or the git index for `--staged`). */
  source: FileSource;
  /** Reads a local organization policy; defaults to `source`. */
  organizationSource?: FileSource;
}

export interface PolicySet {
  effective: EffectivePolicy;
  organization?: LoadedPolicy;
  project?: LoadedPolicy;
  /** Sentences for the log or stderr: a stale cached policy, an unreachable URL. */
  warnings: string[];
  /** Set when a named policy could not be read at all: the CLI exits 2 on it. */
  fatal?: string;
}

/** The project policy file under `root`, if one exists on disk. */
export function findProjectPolicy(root: string): string | undefined {
  return PROJECT_POLICY_FILES.map((file) => join(root, file)).find((path) => existsSync(path));
}

/** The nearest folder from `start` upwards whose `.sscs/` holds a project policy. */
export function nearestPolicyRoot(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (findProjectPolicy(dir)) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The folder whose `.sscs/` governs `start`; `start` itself when none does. */
export function findPolicyRoot(start: string): string {
  return nearestPolicyRoot(start) ?? resolve(start);
}

export async function loadPolicies(inputs: PolicyInputs): Promise<PolicySet> {
  const warnings: string[] = [];
  let fatal: string | undefined;
  let organization: LoadedPolicy | undefined;
  let project: LoadedPolicy | undefined;

  if (inputs.organization) {
    const org = await readOrganization(inputs, warnings);
    if (typeof org === 'string') fatal = org;
    else organization = org;
  }

  const projectPath = inputs.trusted
    ? ((inputs.project && resolve(inputs.root, inputs.project)) ?? findProjectPolicy(inputs.root))
    : undefined;
  if (projectPath) {
    const text = await inputs.source.read(projectPath);
    // A policy found on disk but absent from the source (not staged yet) does not apply; one
    // named explicitly must be readable.
    if (text !== undefined) project = loadPolicyText(text, projectPath, 'project');
    else if (inputs.project) fatal ??= `cannot read the project policy ${projectPath}`;
  }

  const effective = mergePolicies(organization, project);
  return { effective, organization, project, warnings, fatal };
}

async function readOrganization(
  inputs: PolicyInputs,
  warnings: string[],
): Promise<LoadedPolicy | string> {
  const where = inputs.organization ?? '';
  if (isPolicyUrl(where)) {
    try {
      const fetched = await fetchOrgPolicy(where, {
        cacheDir: inputs.cacheDir,
        offline: inputs.offline,
        token: inputs.token,
      });
      if (fetched.warning) warnings.push(fetched.warning);
      return loadPolicyText(fetched.text, where, 'organization');
    } catch (err) {
      return describeError(err);
    }
  }
  const path = isAbsolute(where) ? where : resolve(inputs.root, where);
  const text = await (inputs.organizationSource ?? inputs.source).read(path);
  if (text === undefined) return `cannot read the organization policy ${path}`;
  return loadPolicyText(text, path, 'organization');
}
