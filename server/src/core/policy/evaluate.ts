// SPDX-License-Identifier: Apache-2.0
// The rule decision of SPEC.md section 2 for every package of a parsed file: among the matching
// rules of both layers any deny wins, then quarantine, then allow; with none, the default.
import { versionSchemeFor } from '../versions/registry';
import { checkExceptions, ExceptionIndex } from './exceptions';
import { PurlIndex, matchesVersions, parsePurlGlob } from './match';
import { decisionMessages } from './messages';
import { recordFinding } from './record-finding';

export { checkExceptions };

import type { Ecosystem, Finding, PackageRecord, ParsedFile } from '../types';
import type { VersionScheme } from '../versions/scheme';
import type { EffectivePolicy, Rule, RuleAction, SuppressedFinding } from './policy.types';

interface IndexedRule {
  rule: Rule;
  /** Position in the policy's rule list, organization first: ties go to the earliest. */
  order: number;
}

const PRECEDENCE: Record<RuleAction, number> = { deny: 0, quarantine: 1, allow: 2 };

export interface EvaluateOptions {
  /** The day exceptions are checked against (UTC). */
  now: Date;
  /** Receives the findings that active exceptions lifted. */
  suppressed?: SuppressedFinding[];
}

/** Version schemes per ecosystem, looked up once per call rather than once per record. */
function schemeCache(): (ecosystem: Ecosystem) => VersionScheme {
  const schemes = new Map<Ecosystem, VersionScheme>();
  return (ecosystem) => {
    let scheme = schemes.get(ecosystem);
    if (!scheme) {
      scheme = versionSchemeFor(ecosystem);
      schemes.set(ecosystem, scheme);
    }
    return scheme;
  };
}

function indexRules(rules: readonly Rule[]): PurlIndex<IndexedRule> {
  const index = new PurlIndex<IndexedRule>();
  rules.forEach((rule, order) => {
    const glob = parsePurlGlob(rule.package);
    if (glob) index.add(glob, { rule, order });
  });
  return index;
}

/** The `denied` or `quarantined` finding a deny or quarantine rule makes for a record. */
function ruleFinding(record: PackageRecord, parsed: ParsedFile, rule: Rule): Finding {
  const { name, version } = record;
  const { id, reason } = rule;
  const denied = rule.action === 'deny';
  return recordFinding(parsed, record, {
    code: denied ? 'denied' : 'quarantined',
    severity: denied ? 'error' : 'warning',
    message: denied
      ? decisionMessages.denied(name, version, id, reason)
      : decisionMessages.quarantined(name, version, id, reason),
    rule: id,
    exceptionRule: id,
  });
}

function decide(
  record: PackageRecord,
  parsed: ParsedFile,
  policy: EffectivePolicy,
  rules: PurlIndex<IndexedRule>,
  exceptions: ExceptionIndex,
  scheme: VersionScheme,
  suppressed: SuppressedFinding[] | undefined,
): Finding | undefined {
  const candidates = rules.find(record.ecosystem, record.name);
  if (candidates.length === 0 && policy.defaultAction === 'allow') return undefined;

  let chosen: IndexedRule | undefined;
  let allowNamed = false;
  for (const candidate of candidates) {
    const { rule } = candidate;
    if (rule.action === 'allow') allowNamed = true;
    if (!matchesVersions(record, rule.versions, scheme)) continue;
    const lifted =
      rule.action === 'allow' ? undefined : exceptions.lifting(rule.id, record, scheme);
    if (lifted) {
      suppressed?.push({ finding: ruleFinding(record, parsed, rule), exception: lifted });
      continue;
    }
    if (
      chosen === undefined ||
      PRECEDENCE[rule.action] < PRECEDENCE[chosen.rule.action] ||
      (rule.action === chosen.rule.action && candidate.order < chosen.order)
    ) {
      chosen = candidate;
    }
  }

  if (chosen && chosen.rule.action !== 'allow') return ruleFinding(record, parsed, chosen.rule);
  if (chosen !== undefined || policy.defaultAction === 'allow') return undefined;

  // Limit: a manifest spec under a default deny is reported only when no allow rule names the
  // package at all; whether the resolved version is admitted is decided on the lockfile.
  if (!record.exact && allowNamed) return undefined;
  const { name, version } = record;
  const lifted = exceptions.lifting('not-allowed', record, scheme);
  const layer = policy.defaultActionLayer ?? 'project';
  const finding = recordFinding(parsed, record, {
    code: 'not-allowed',
    severity: 'error',
    message: decisionMessages.notAllowed(name, version, layer),
    exceptionRule: 'not-allowed',
  });
  if (!lifted) return finding;
  suppressed?.push({ finding, exception: lifted });
  return undefined;
}

/**
 * `denied`, `quarantined` and `not-allowed` findings for the packages of one parsed file.
 * An active exception lifts the rule it names for its package; `not-allowed` is lifted by an
 * exception whose `rule` is `not-allowed`. Severities are the defaults; see `applyMode`.
 */
export function evaluateFile(
  parsed: ParsedFile,
  policy: EffectivePolicy,
  options: EvaluateOptions,
): Finding[] {
  const rules = indexRules(policy.rules);
  const exceptions = new ExceptionIndex(policy.exceptions, options.now);
  const schemeFor = schemeCache();
  const findings: Finding[] = [];
  for (const record of parsed.packages) {
    const scheme = schemeFor(record.ecosystem);
    const finding = decide(record, parsed, policy, rules, exceptions, scheme, options.suppressed);
    if (finding) findings.push(finding);
  }
  return findings;
}

/**
 * Applies the policy mode to findings of any source: in advisory mode nothing is reported
 * above warning (SPEC.md section 3). Returns new finding objects; the input is not changed.
 */
export function applyMode(findings: readonly Finding[], policy: EffectivePolicy): Finding[] {
  if (policy.mode !== 'advisory') return [...findings];
  return findings.map((finding) =>
    finding.severity === 'error' ? { ...finding, severity: 'warning' } : finding,
  );
}

/**
 * Findings about the policy files themselves: every problem of both layers (the trust
 * boundary's included) and the expired or expiring exceptions, with the mode applied.
 * Once per analysis, not once per analyzed file.
 */
export function policyFileFindings(policy: EffectivePolicy, now: Date): Finding[] {
  return applyMode([...policy.problems, ...checkExceptions(policy, now)], policy);
}
