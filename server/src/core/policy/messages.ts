// SPDX-License-Identifier: Apache-2.0
// Every user-facing sentence of the policy area, in one place for review and localisation.
// Each is one sentence, sentence case, ending with a period.

/** Adds a final period unless the text already ends a sentence. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function quoted(values: readonly string[]): string {
  return values.map((value) => `"${value}"`).join(', ');
}

function label(name: string, version: string): string {
  return version === '' ? name : `${name} ${version}`;
}

export const loadMessages = {
  syntax: (detail: string) => `The policy is not valid JSON with comments: ${detail}.`,
  empty: () => 'The policy file is empty; it must be an object with "version": 1.',
  notObject: () => 'The policy must be a JSON object with "version": 1.',
  versionMissing: () => 'The policy has no "version"; add "version": 1.',
  versionUnsupported: (got: string) => `Policy version ${got} is not supported; use "version": 1.`,
  unknownProperty: (name: string, where: string) =>
    `Unknown property "${name}" in ${where} is ignored.`,
  duplicateProperty: (name: string) =>
    `Property "${name}" appears more than once; only the first one counts.`,
  wrongType: (name: string, expected: string) => `"${name}" must be ${expected}.`,
  notInEnum: (name: string, allowed: readonly string[]) =>
    `"${name}" must be one of ${quoted(allowed)}.`,
  unknownEcosystem: (key: string, allowed: readonly string[]) =>
    `"${key}" is not a supported ecosystem; use one of ${quoted(allowed)}.`,
  registryNotHttps: (url: string) => `Registry "${url}" is not an https:// URL and is ignored.`,
  notAnObject: (what: string) => `Each ${what} must be a JSON object.`,
  missingProperty: (what: string, name: string) => `This ${what} has no "${name}" and is ignored.`,
  emptyString: (name: string) => `"${name}" must not be empty.`,
  invalidPurlGlob: (value: string) =>
    `"${value}" is not a package URL such as pkg:npm/name or pkg:npm/@scope/*.`,
  versionInRulePackage: (value: string) =>
    `Rule package "${value}" names a version; put the version range in "versions" instead.`,
  invalidRange: (range: string, ecosystem: string) =>
    `"${range}" is not a valid ${ecosystem} version range.`,
  invalidExceptionVersion: (version: string, ecosystem: string) =>
    `"${version}" is not an exact ${ecosystem} version.`,
  duplicateRuleId: (id: string) =>
    `Rule id "${id}" is already used in this policy file; this rule is ignored.`,
  invalidDate: (value: string) => `"expires" must be a date written YYYY-MM-DD, not "${value}".`,
  orgOnlyProperty: (name: string) =>
    `"${name}" counts only in the organization policy and is ignored here.`,
  negativeDays: () => '"minimumReleaseAge" must be a number of days, zero or more.',
  verifyPathOutsideProject: (name: string) =>
    `"${name}" must be a path relative to the project folder, without "..".`,
  verifyPathNeedsAbsolute: (name: string) =>
    `"${name}" must be an absolute path in an organization policy fetched by URL.`,
  verifyIdentityExclusive: () =>
    '"certificateIdentityRegexp" cannot be used together with "certificateIdentity".',
  verifyInvalidPattern: (pattern: string) => `"${pattern}" is not a valid regular expression.`,
  verifyKeyAndIdentity: () =>
    'This verify entry names both a "key" and a certificate identity or issuer; it is ignored.',
  verifyNoSigner: () =>
    'This verify entry has no "key" and no "certificateIdentity" or ' +
    '"certificateIdentityRegexp", so it would accept any signer; it is ignored.',
  verifyNoIssuer: () =>
    'This verify entry has a certificate identity but no "certificateOidcIssuer"; it is ignored.',
  duplicateVerifyId: (id: string) =>
    `Verify entry id "${id}" is already used in this policy file; this entry is ignored.`,
};

export const mergeMessages = {
  advisoryIgnored: () =>
    'The organization policy is enforced, so "mode": "advisory" in this project is ignored.',
  defaultAllowIgnored: () =>
    'The organization policy denies by default, so "defaultAction": "allow" here is ignored.',
  allowRuleIgnored: (id: string) =>
    `Rule ${id} is ignored because the organization policy denies by default and only its ` +
    'own allow rules can admit a package.',
  registryOutsideOrganization: (url: string) =>
    `Registry ${url} is not within the organization's registries and is ignored.`,
  projectExceptionIgnored: (rule: string) =>
    `This exception for ${rule} is ignored because the organization policy does not set ` +
    '"allowProjectExceptions": true.',
  ruleIdSharedWithOrganization: (id: string) =>
    `Rule id "${id}" is also used by the organization policy, so exceptions naming it lift both.`,
  exceptionNamesNothing: (rule: string) =>
    `Exception names "${rule}", which is neither a rule id nor a finding code it can lift.`,
};

export const decisionMessages = {
  denied: (name: string, version: string, rule: string, reason?: string) =>
    reason
      ? `${label(name, version)} is denied by rule ${rule}: ${sentence(reason)}`
      : `${label(name, version)} is denied by rule ${rule}; an exception would allow it.`,
  quarantined: (name: string, version: string, rule: string, reason?: string) =>
    reason
      ? `${label(name, version)} is quarantined by rule ${rule}: ${sentence(reason)}`
      : `${label(name, version)} is quarantined by rule ${rule} until it has been reviewed.`,
  notAllowed: (name: string, version: string, layer: string) =>
    `${label(name, version)} is not allowed because the ${layer} policy denies by default ` +
    'and no allow rule matches it; add an allow rule or an exception.',
};

export const exceptionMessages = {
  expired: (rule: string, pkg: string, expires: string) =>
    `The exception for ${pkg} from ${rule} expired on ${expires} and lifts nothing; ` +
    'renew or remove it.',
  expiring: (rule: string, pkg: string, expires: string, days: number) =>
    `The exception for ${pkg} from ${rule} ends on ${expires}, ` +
    `${days === 0 ? 'today' : days === 1 ? 'in 1 day' : `in ${days} days`}; renew it if needed.`,
};

export const hygieneMessages = {
  unknownOrigin: () => 'an unrecognised location',
  untrustedRegistry: (name: string, version: string, origin: string) =>
    `${label(name, version)} is resolved from ${origin}, which is not one of the policy's ` +
    'registries; resolve it from an allowed registry.',
  insecureProtocol: (name: string, version: string, scheme: string) =>
    `${label(name, version)} is fetched over ${scheme}, which is not authenticated; ` +
    'use an https or ssh URL.',
  missingIntegrity: (name: string, version: string) =>
    `${label(name, version)} has no integrity hash in the lockfile; reinstall to record one.`,
  weakIntegrity: (name: string, version: string, algorithms: readonly string[]) =>
    `${label(name, version)} is checked only with ${algorithms.join(' and ')}; ` +
    'reinstall to record a sha512 integrity hash.',
  dependencyConfusion: (name: string, version: string, origin: string) =>
    `${label(name, version)} is an internal package but is resolved from ${origin}; ` +
    'resolve it from the internal registry.',
  installScript: (name: string, version: string) =>
    `${label(name, version)} runs install scripts; review them, then add an exception ` +
    'for install-script.',
  unpinnedGit: (name: string, version: string) =>
    `${label(name, version)} comes from git without a full commit hash; pin it to a commit.`,
  unpinnedUrl: (name: string, version: string) =>
    `${label(name, version)} comes from a URL and nothing pins its content; use a registry ` +
    'version or record an integrity hash.',
};
