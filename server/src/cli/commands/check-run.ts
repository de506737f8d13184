// SPDX-License-Identifier: Apache-2.0
// The analysis half of `sscs check`: load the policies that govern each file, analyze the
// files, and assemble one CheckResult with its summary.
import { dirname, relative } from 'node:path';

import { analyzeFiles } from '../../core/analyze-files';
import { policyFileFindings } from '../../core/policy/evaluate';
import { isWithinAnyRegistry } from '../../core/policy/registry-url';
import { findPolicyRoot, loadPolicies } from '../../node/policy-loader';
import { checkArtifacts, groupArtifacts } from './check-verify';

import type { FileSource } from '../../core/file-source';
import type { EffectivePolicy, SuppressedFinding } from '../../core/policy/policy.types';
import type { Finding } from '../../core/types';
import type { CheckResult } from '../report/report.types';
import type { CheckOptions } from './check';

export interface RunEnvironment {
  cwd: string;
  cacheDir: string;
  organizationSource: FileSource;
  token?: string;
  warn: (text: string) => void;
}

export interface CheckOutcome {
  result: CheckResult;
  /** One sentence when the run cannot produce a trustworthy result (exit 2). */
  fatal?: string;
}

export async function runAnalysis(
  files: string[],
  source: FileSource,
  options: CheckOptions,
  env: RunEnvironment,
  artifacts: string[] = [],
): Promise<CheckOutcome> {
  const groups = groupByPolicyRoot(files, options);
  const artifactGroups = groupArtifacts(artifacts, {
    policy: options.policy,
    hasOrganization: options.orgPolicy !== undefined,
    fallbackRoot: env.cwd,
  });
  // A root with artifacts only is loaded for its verify entries; its policy problems are
  // left to checks of the files that policy governs, so an unrelated commit is not blocked.
  for (const root of artifactGroups.keys()) if (!groups.has(root)) groups.set(root, []);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const packages = new Set<string>();
  const suppressed: CheckResult['suppressed'] = [];
  const add = (finding: Finding) => {
    const where = JSON.stringify(finding.range);
    const key = `${finding.file}\0${finding.code}\0${where}\0${finding.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      findings.push(finding);
    }
  };

  for (const [root, groupFiles] of groups) {
    const set = await loadPolicies({
      organization: options.orgPolicy,
      project: options.policy,
      root,
      trusted: true,
      cacheDir: env.cacheDir,
      offline: options.offline,
      token: env.token,
      source,
      organizationSource: env.organizationSource,
    });
    set.warnings.forEach(env.warn);
    const unusable = [set.organization, set.project].find((layer) => layer && !layer.policy);
    if (set.fatal) return { result: emptyResult(), fatal: set.fatal };
    if (unusable) {
      const reason = unusable.problems[0]?.message ?? 'it is not a valid policy.';
      const where = relative(env.cwd, unusable.path) || unusable.path;
      return {
        result: emptyResult(),
        fatal: `the ${unusable.layer} policy ${where} is unusable: ${reason}`,
      };
    }

    const policy = narrowRegistries(set.effective, options);
    const rootArtifacts = artifactGroups.get(root) ?? [];
    const organizationSource = env.organizationSource;
    (await checkArtifacts(root, rootArtifacts, policy, source, organizationSource)).forEach(add);
    if (groupFiles.length === 0) continue;
    // Advisory mode caps these too: nothing is reported above warning (SPEC.md section 3).
    policyFileFindings(policy, options.now).forEach(add);
    const lifted: SuppressedFinding[] = [];
    const context = { policy, now: options.now, suppressed: lifted };
    const analyses = await analyzeFiles(groupFiles, source, context);
    for (const { finding, exception } of lifted) {
      const approver = exception.approvedBy ? `, approved by ${exception.approvedBy}` : '';
      suppressed.push({
        finding,
        justification: `${exception.reason} (exception until ${exception.expires}${approver})`,
        policyFile: exception.path,
      });
    }
    for (const analysis of analyses) {
      analysis.findings.forEach(add);
      for (const record of analysis.parsed?.packages ?? []) {
        if (record.exact) packages.add(`${record.ecosystem}\0${record.name}\0${record.version}`);
      }
    }
  }

  findings.sort(byPosition);
  const count = (severity: string) => findings.filter((f) => f.severity === severity).length;
  return {
    result: {
      findings,
      suppressed,
      files,
      summary: {
        files: files.length,
        packages: packages.size,
        errors: count('error'),
        warnings: count('warning'),
        infos: count('info'),
      },
    },
  };
}

function groupByPolicyRoot(files: string[], options: CheckOptions): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  const rootOf = new Map<string, string>();
  for (const file of files) {
    const dir = dirname(file);
    let root = rootOf.get(dir);
    if (!root) {
      root = options.policy ? dirname(dirname(options.policy)) : findPolicyRoot(dir);
      rootOf.set(dir, root);
    }
    const group = groups.get(root) ?? [];
    group.push(file);
    groups.set(root, group);
  }
  return groups;
}

// --registry narrows the allowed registries the way a project policy may: it never widens.
function narrowRegistries(policy: EffectivePolicy, options: CheckOptions): EffectivePolicy {
  const entries = Object.entries(options.registries);
  if (entries.length === 0) return policy;
  const registries = { ...policy.registries };
  for (const [eco, urls] of entries) {
    const current = registries[eco as keyof typeof registries];
    registries[eco as keyof typeof registries] = current
      ? urls.filter((url) => isWithinAnyRegistry(url, current))
      : urls;
  }
  return { ...policy, registries };
}

function byPosition(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.code.localeCompare(b.code)
  );
}

function emptyResult(): CheckResult {
  return {
    findings: [],
    suppressed: [],
    files: [],
    summary: { files: 0, packages: 0, errors: 0, warnings: 0, infos: 0 },
  };
}
