// SPDX-License-Identifier: Apache-2.0
// Combines the organization and project layers under the trust boundary of SPEC.md section 2:
// a project policy can only tighten. Whatever it tries to loosen is dropped and reported as a
// `policy-error` on the project file.
import { EXCEPTABLE_CODES } from './exceptions';
import { ECOSYSTEMS } from './match';
import { mergeMessages } from './messages';
import { isWithinAnyRegistry } from './registry-url';

import type { Ecosystem, Finding, Severity, TextRange } from '../types';
import type {
  DefaultAction,
  EffectivePolicy,
  LoadedPolicy,
  PolicyDocument,
  PolicyException,
  PolicyLayerName,
  PolicyMode,
  Rule,
} from './policy.types';

const EMPTY_DOCUMENT: PolicyDocument = {
  version: 1,
  registries: {},
  internalPackages: {},
  rules: [],
  exceptions: [],
};

function problem(
  path: string,
  range: TextRange,
  message: string,
  severity: Severity = 'error',
): Finding {
  return { code: 'policy-error', severity, message, file: path, range };
}

// The project may tighten advisory to enforced, never loosen enforced to advisory.
function mergeMode(
  org: PolicyDocument | undefined,
  project: LoadedPolicy | undefined,
  problems: Finding[],
): PolicyMode {
  const projectMode = project?.policy?.mode;
  if (org === undefined) return projectMode?.value ?? 'enforced';
  const orgMode = org.mode?.value ?? 'enforced';
  if (project && projectMode?.value === 'advisory' && orgMode === 'enforced') {
    problems.push(problem(project.path, projectMode.range, mergeMessages.advisoryIgnored()));
  }
  return projectMode?.value === 'enforced' ? 'enforced' : orgMode;
}

// Project allow rules cannot admit what the organization's default deny keeps out; where the
// organization allows by default they may still satisfy the project's own default deny.
function mergeRules(
  org: PolicyDocument | undefined,
  project: LoadedPolicy | undefined,
  problems: Finding[],
): Rule[] {
  const orgRules = org?.rules ?? [];
  const orgIds = new Set(orgRules.map((rule) => rule.id));
  const orgDenies = org?.defaultAction?.value === 'deny';
  const rules = [...orgRules];
  for (const rule of project?.policy?.rules ?? []) {
    if (orgDenies && rule.action === 'allow') {
      problems.push(problem(rule.path, rule.range, mergeMessages.allowRuleIgnored(rule.id)));
      continue;
    }
    // Limit: a project allow rule naming a package that an organization deny or quarantine rule
    // also names is kept without a report; it is outranked there, as the decision order says.
    if (orgIds.has(rule.id)) {
      const message = mergeMessages.ruleIdSharedWithOrganization(rule.id);
      problems.push(problem(rule.path, rule.range, message, 'warning'));
    }
    rules.push(rule);
  }
  return rules;
}

// Project registries narrow the organization's list: an entry counts only if it lies within
// an organization entry. Without an organization list for the ecosystem, the project's applies.
function mergeRegistries(
  org: PolicyDocument | undefined,
  project: PolicyDocument | undefined,
  problems: Finding[],
  projectPath: string,
): Partial<Record<Ecosystem, string[]>> | undefined {
  const merged: Partial<Record<Ecosystem, string[]>> = {};
  let any = false;
  for (const ecosystem of ECOSYSTEMS) {
    const orgList = org?.registries[ecosystem]?.map((entry) => entry.value);
    const projectList = project?.registries[ecosystem];
    if (orgList === undefined && projectList === undefined) continue;
    any = true;
    if (projectList === undefined) {
      merged[ecosystem] = orgList;
    } else if (orgList === undefined) {
      merged[ecosystem] = projectList.map((entry) => entry.value);
    } else {
      merged[ecosystem] = projectList
        .filter((entry) => {
          if (isWithinAnyRegistry(entry.value, orgList)) return true;
          const message = mergeMessages.registryOutsideOrganization(entry.value);
          problems.push(problem(projectPath, entry.range, message));
          return false;
        })
        .map((entry) => entry.value);
    }
  }
  return any ? merged : undefined;
}

function mergeInternalPackages(
  layers: (PolicyDocument | undefined)[],
): Partial<Record<Ecosystem, string[]>> {
  const merged: Partial<Record<Ecosystem, string[]>> = {};
  for (const ecosystem of ECOSYSTEMS) {
    const names = layers.flatMap((layer) => layer?.internalPackages[ecosystem] ?? []);
    if (names.length > 0) merged[ecosystem] = [...new Set(names)];
  }
  return merged;
}

// Project exceptions could lift organization rules, so they count only when the organization
// grants it; a project standing alone lifts its own rules.
function mergeExceptions(
  org: PolicyDocument | undefined,
  project: PolicyDocument | undefined,
  problems: Finding[],
): PolicyException[] {
  const projectExceptions = project?.exceptions ?? [];
  if (org === undefined) return projectExceptions;
  if (org.allowProjectExceptions?.value === true) return [...org.exceptions, ...projectExceptions];
  for (const exception of projectExceptions) {
    const message = mergeMessages.projectExceptionIgnored(exception.rule);
    problems.push(problem(exception.path, exception.range, message));
  }
  return org.exceptions;
}

// An exception naming neither a rule nor a liftable code is almost always a typo.
function checkExceptionTargets(
  rules: Rule[],
  exceptions: PolicyException[],
  problems: Finding[],
): void {
  const targets = new Set<string>([...rules.map((rule) => rule.id), ...EXCEPTABLE_CODES]);
  for (const exception of exceptions) {
    if (targets.has(exception.rule)) continue;
    const message = mergeMessages.exceptionNamesNothing(exception.rule);
    problems.push(problem(exception.path, exception.range, message, 'warning'));
  }
}

/**
 * The effective policy of an organization and a project layer, either of which may be absent.
 * An organization file given but unusable counts as an empty organization policy (so the
 * project still cannot loosen anything) and makes the result `usable: false`.
 */
export function mergePolicies(org?: LoadedPolicy, project?: LoadedPolicy): EffectivePolicy {
  const problems: Finding[] = [...(org?.problems ?? []), ...(project?.problems ?? [])];
  const orgDocument = org ? (org.policy ?? EMPTY_DOCUMENT) : undefined;
  const projectDocument = project?.policy;
  const usable =
    (org === undefined || org.policy !== undefined) &&
    (project === undefined || project.policy !== undefined);

  const mode = mergeMode(orgDocument, project, problems);
  const orgDefault = orgDocument?.defaultAction;
  const projectDefault = projectDocument?.defaultAction;
  if (project && orgDefault?.value === 'deny' && projectDefault?.value === 'allow') {
    problems.push(problem(project.path, projectDefault.range, mergeMessages.defaultAllowIgnored()));
  }
  let defaultActionLayer: PolicyLayerName | undefined;
  if (orgDefault?.value === 'deny') defaultActionLayer = 'organization';
  else if (projectDefault?.value === 'deny') defaultActionLayer = 'project';
  const defaultAction: DefaultAction = defaultActionLayer ? 'deny' : 'allow';

  const rules = mergeRules(orgDocument, project, problems);
  const registries = mergeRegistries(orgDocument, projectDocument, problems, project?.path ?? '');
  const exceptions = mergeExceptions(orgDocument, projectDocument, problems);
  checkExceptionTargets(rules, exceptions, problems);
  const ages = [
    orgDocument?.minimumReleaseAge?.value,
    projectDocument?.minimumReleaseAge?.value,
  ].filter((age): age is number => age !== undefined);

  const effective: EffectivePolicy = {
    usable,
    mode,
    defaultAction,
    internalPackages: mergeInternalPackages([orgDocument, projectDocument]),
    rules,
    exceptions,
    problems,
    sources: {},
  };
  if (defaultActionLayer) effective.defaultActionLayer = defaultActionLayer;
  if (registries) effective.registries = registries;
  if (ages.length > 0) effective.minimumReleaseAge = Math.max(...ages);
  // Artifact requirements only add up: a project can require more, never waive the
  // organization's, so there is nothing to drop here.
  const verify = [...(orgDocument?.verify ?? []), ...(projectDocument?.verify ?? [])];
  if (verify.length > 0) effective.verify = verify;
  if (org) effective.sources.organization = org.path;
  if (project) effective.sources.project = project.path;
  return effective;
}
