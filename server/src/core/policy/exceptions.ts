// SPDX-License-Identifier: Apache-2.0
// Policy exceptions: which ones are in force on a given day, what they lift, and the findings
// about their expiry, which belong to the policy file and are reported once per analysis.
import { PurlIndex, parsePurlGlob } from './match';
import { exceptionMessages } from './messages';

import type { Finding, FindingCode, PackageRecord } from '../types';
import type { VersionScheme } from '../versions/scheme';
import type { EffectivePolicy, PolicyException } from './policy.types';

/**
 * Finding codes an exception may name in `rule` besides rule ids. This extends SPEC.md
 * section 2: an exception can lift a hygiene or reputation finding for one package.
 */
export const EXCEPTABLE_CODES: readonly FindingCode[] = [
  'not-allowed',
  'malicious',
  'typosquat',
  'dependency-confusion',
  'untrusted-registry',
  'insecure-protocol',
  'missing-integrity',
  'weak-integrity',
  'install-script',
  'unpinned-dependency',
  'too-new',
  'provenance-missing',
  'provenance-invalid',
  'provenance-mismatch',
  'provenance-changed',
];

const EXPIRING_WITHIN_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The calendar day of `now` in UTC, `YYYY-MM-DD`. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Days from the UTC day of `now` to `expires`: 0 when it ends today, negative once expired. */
export function daysLeft(expires: string, now: Date): number {
  return Math.round((Date.parse(expires) - Date.parse(utcDay(now))) / DAY_MS);
}

/** An exception counts through the whole of its `expires` day (inclusive, UTC). */
export function isExceptionActive(exception: PolicyException, now: Date): boolean {
  return daysLeft(exception.expires, now) >= 0;
}

/**
 * `exception-expired` (warning) and `exception-expiring` (info, within 14 days) findings on the
 * policy files, for the exceptions that count. Call once per analysis, not per lockfile.
 */
export function checkExceptions(policy: EffectivePolicy, now: Date): Finding[] {
  const findings: Finding[] = [];
  for (const exception of policy.exceptions) {
    const days = daysLeft(exception.expires, now);
    const { rule, expires } = exception;
    if (days < 0) {
      findings.push({
        code: 'exception-expired',
        severity: 'warning',
        message: exceptionMessages.expired(rule, exception.package, expires),
        file: exception.path,
        range: exception.range,
        rule,
      });
    } else if (days <= EXPIRING_WITHIN_DAYS) {
      findings.push({
        code: 'exception-expiring',
        severity: 'info',
        message: exceptionMessages.expiring(rule, exception.package, expires, days),
        file: exception.path,
        range: exception.range,
        rule,
      });
    }
  }
  return findings;
}

interface ActiveException {
  rule: string;
  version?: string;
  source: PolicyException;
}

/** Whether an exception's version names the record: equal, or the same version by the scheme. */
function matchesExceptionVersion(
  record: PackageRecord,
  version: string,
  scheme: VersionScheme,
): boolean {
  if (record.version === version) return true;
  if (record.exact) return scheme.satisfies(record.version, version);
  return scheme.isSubset(record.version, version);
}

/** The exceptions in force at `now`, looked up by package. */
export class ExceptionIndex {
  private readonly index = new PurlIndex<ActiveException>();
  private readonly empty: boolean;

  constructor(exceptions: readonly PolicyException[], now: Date) {
    let count = 0;
    for (const exception of exceptions) {
      const glob = parsePurlGlob(exception.package);
      if (!glob || !isExceptionActive(exception, now)) continue;
      const active: ActiveException = { rule: exception.rule, source: exception };
      if (glob.version !== undefined) active.version = glob.version;
      this.index.add(glob, active);
      count += 1;
    }
    this.empty = count === 0;
  }

  /** True when an active exception lifts `rule` (a rule id or finding code) for the record. */
  lifts(rule: string, record: PackageRecord, scheme: VersionScheme): boolean {
    return this.lifting(rule, record, scheme) !== undefined;
  }

  /** The active exception that lifts `rule` for the record, if any. */
  lifting(rule: string, record: PackageRecord, scheme: VersionScheme): PolicyException | undefined {
    if (this.empty) return undefined;
    return this.index
      .find(record.ecosystem, record.name)
      .find(
        (exception) =>
          exception.rule === rule &&
          (exception.version === undefined ||
            matchesExceptionVersion(record, exception.version, scheme)),
      )?.source;
  }
}
