// SPDX-License-Identifier: Apache-2.0
// Lockfile and manifest hygiene: where each package is downloaded from, over what, and whether
// its content is pinned. These hold whatever the rules say about the package itself.
import { versionSchemeFor } from '../versions/registry';
import { ExceptionIndex } from './exceptions';
import { compileNameGlob } from './match';
import { hygieneMessages } from './messages';
import { recordFinding } from './record-finding';
import { compileRegistries, describeOrigin, hostOf, schemeOf } from './registry-url';

import type { Ecosystem, FileKind, Finding, PackageRecord, ParsedFile } from '../types';
import type { EffectivePolicy, SuppressedFinding } from './policy.types';
import type { FindingDraft } from './record-finding';

/** Hosts of the public registries, where an internal package name must never resolve from. */
const PUBLIC_REGISTRY_HOSTS: Partial<Record<Ecosystem, readonly string[]>> = {
  npm: ['registry.npmjs.org', 'registry.yarnpkg.com', 'registry.npmmirror.com'],
  pypi: ['pypi.org', 'files.pythonhosted.org'],
  cargo: ['crates.io', 'static.crates.io', 'index.crates.io'],
  gem: ['rubygems.org'],
  nuget: ['api.nuget.org'],
  maven: ['repo1.maven.org', 'repo.maven.apache.org'],
  composer: ['repo.packagist.org'],
  golang: ['proxy.golang.org'],
};

const WEAK_ALGORITHMS = new Set(['sha1', 'md5']);
const HEX_LENGTH_ALGORITHMS: Record<number, string> = { 32: 'md5', 40: 'sha1', 64: 'sha256' };
// A full git commit hash, not part of a longer hex run (such as a sha256 digest).
const COMMIT = /(?:^|[^0-9a-f])[0-9a-f]{40}(?:[^0-9a-f]|$)/i;

/** Schemes with neither transport authentication nor integrity: `http:`, `git:`, `ftp:`... */
function isInsecureScheme(scheme: string): boolean {
  const base = scheme.includes('+') ? scheme.slice(scheme.lastIndexOf('+') + 1) : scheme;
  return ['http:', 'git:', 'ftp:', 'svn:'].includes(base);
}

function isWebUrl(text: string): boolean {
  if (text.startsWith('https://')) return true;
  const scheme = schemeOf(text);
  return scheme === 'https:' || scheme === 'http:';
}

/**
 * Hash algorithms of an integrity string: SRI (`sha512-... sha1-...`), `sha1:<hex>`, yarn berry
 * checksums (`10c0/<hex>`, sha512) and bare hex digests, named by their length.
 */
export function integrityAlgorithms(integrity: string): string[] {
  // Fast path: one SRI sha512 hash, what npm writes for nearly every entry.
  if (integrity.startsWith('sha512-') && !/\s/.test(integrity)) return ['sha512'];
  return integrity
    .trim()
    .split(/\s+/)
    .filter((token) => token !== '')
    .map((token) => {
      const prefixed = /^([a-z][a-z0-9]*)[-:]/i.exec(token);
      if (prefixed) return prefixed[1].toLowerCase();
      if (/^[0-9a-z]+\/[0-9a-f]+$/i.test(token)) return 'sha512';
      if (/^[0-9a-f]+$/i.test(token)) return HEX_LENGTH_ALGORITHMS[token.length] ?? 'sha512';
      return 'unknown';
    });
}

/** The download location to judge: the lockfile's resolved URL, or a manifest's URL spec. */
function locationOf(record: PackageRecord, kind: FileKind): string | undefined {
  if (kind === 'lockfile') return record.resolved;
  return record.source === 'git' || record.source === 'tarball' ? record.version : undefined;
}

interface HygieneContext {
  kind: FileKind;
  /** Set when the policy lists registries for the ecosystem. */
  isTrusted?: (url: string) => boolean;
  isInternal: (name: string) => boolean;
}

function problemsOf(record: PackageRecord, context: HygieneContext): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  const { name, version, source } = record;
  const add = (code: FindingDraft['code'], severity: FindingDraft['severity'], message: string) =>
    drafts.push({ code, severity, message, exceptionRule: code });
  const location = locationOf(record, context.kind);
  // Limit: a resolution that is not an http(s) URL (yarn berry `npm:1.2.3`, a lockfile entry
  // without `resolved`) says nothing about the host; registry and confusion checks skip it.
  const fromWeb = location !== undefined && isWebUrl(location);
  // Limit: git sources are not checked against `registries`; they are judged on protocol and
  // on being pinned to a commit instead.
  const downloaded = source === 'registry' || source === 'tarball';

  const scheme = location === undefined ? undefined : schemeOf(location);
  if (scheme && isInsecureScheme(scheme)) {
    add('insecure-protocol', 'error', hygieneMessages.insecureProtocol(name, version, scheme));
  }
  const outside = fromWeb && context.isTrusted !== undefined && !context.isTrusted(location);
  if (outside && downloaded) {
    const origin = describeOrigin(location);
    add('untrusted-registry', 'error', hygieneMessages.untrustedRegistry(name, version, origin));
  }
  if (fromWeb && context.isInternal(name)) {
    const host = hostOf(location);
    const isPublic = host !== undefined && PUBLIC_REGISTRY_HOSTS[record.ecosystem]?.includes(host);
    if (isPublic || outside) {
      const origin = describeOrigin(location);
      const message = hygieneMessages.dependencyConfusion(name, version, origin);
      add('dependency-confusion', 'error', message);
    }
  }

  const lockfile = context.kind === 'lockfile';
  if (lockfile && downloaded && !record.integrity && !record.platformSpecific) {
    add('missing-integrity', 'warning', hygieneMessages.missingIntegrity(name, version));
  }
  if (record.integrity) {
    const algorithms = integrityAlgorithms(record.integrity);
    if (algorithms.length > 0 && algorithms.every((algorithm) => WEAK_ALGORITHMS.has(algorithm))) {
      const unique = [...new Set(algorithms)];
      add('weak-integrity', 'warning', hygieneMessages.weakIntegrity(name, version, unique));
    }
  }
  if (record.hasInstallScript) {
    add('install-script', 'info', hygieneMessages.installScript(name, version));
  }
  if (source === 'git' && !COMMIT.test(location ?? record.version)) {
    add('unpinned-dependency', 'warning', hygieneMessages.unpinnedGit(name, version));
  } else if (source === 'tarball') {
    const pinned = lockfile ? Boolean(record.integrity) : COMMIT.test(record.version);
    if (!pinned) add('unpinned-dependency', 'warning', hygieneMessages.unpinnedUrl(name, version));
  }
  return drafts;
}

function internalMatcher(policy: EffectivePolicy, ecosystem: Ecosystem): (name: string) => boolean {
  const tests = (policy.internalPackages[ecosystem] ?? []).map(compileNameGlob);
  return (name) => tests.some((test) => test(name));
}

/**
 * Hygiene findings for the packages of one parsed file: `untrusted-registry`,
 * `insecure-protocol`, `missing-integrity`, `weak-integrity`, `dependency-confusion`,
 * `install-script` and `unpinned-dependency`, at most one of each per record. An active
 * exception whose `rule` is the code lifts it for that package; exceptions are checked against
 * `options.now`, the current time when omitted.
 */
export function checkHygiene(
  parsed: ParsedFile,
  policy: EffectivePolicy,
  options: { now: Date; suppressed?: SuppressedFinding[] } = { now: new Date() },
): Finding[] {
  const exceptions = new ExceptionIndex(policy.exceptions, options.now);
  const contexts = new Map<Ecosystem, HygieneContext>();
  const findings: Finding[] = [];
  for (const record of parsed.packages) {
    let context = contexts.get(record.ecosystem);
    if (!context) {
      context = { kind: parsed.kind, isInternal: internalMatcher(policy, record.ecosystem) };
      const registries = policy.registries?.[record.ecosystem];
      if (registries) context.isTrusted = compileRegistries(registries);
      contexts.set(record.ecosystem, context);
    }
    const drafts = problemsOf(record, context);
    if (drafts.length === 0) continue;
    const scheme = versionSchemeFor(record.ecosystem);
    for (const draft of drafts) {
      const lifted = exceptions.lifting(draft.exceptionRule, record, scheme);
      const finding =
        lifted && !options.suppressed ? undefined : recordFinding(parsed, record, draft);
      if (lifted && finding) options.suppressed?.push({ finding, exception: lifted });
      else if (finding) findings.push(finding);
    }
  }
  return findings;
}
