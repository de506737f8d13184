// SPDX-License-Identifier: Apache-2.0
// Hand-built parsed files and policies for the policy tests: no parser is involved, so these
// tests pin the policy engine alone.
import { LineIndex } from '../../../server/src/core/text';
import { loadPolicyText } from '../../../server/src/core/policy/load-policy';
import { mergePolicies } from '../../../server/src/core/policy/merge';
import { formatPurl } from '../../../server/src/core/purl';

import type { EffectivePolicy, LoadedPolicy } from '../../../server/src/core/policy/policy.types';
import type {
  FileKind,
  FindingPackage,
  PackageRecord,
  ParsedFile,
  TextRange,
} from '../../../server/src/core/types';

export const NOW = new Date('2026-06-15T12:00:00Z');
export const ORG_PATH = '/org/policy.jsonc';
export const PROJECT_PATH = '/repo/.sscs/policy.jsonc';

type RecordInput = Partial<PackageRecord> & Pick<PackageRecord, 'name' | 'version'>;

/** A record with registry defaults: npm, exact, direct, key = name@version. */
export function pkg(input: RecordInput): PackageRecord {
  const ecosystem = input.ecosystem ?? 'npm';
  const exact = input.exact ?? true;
  return {
    ecosystem,
    exact,
    purl: formatPurl(ecosystem, input.name, exact ? input.version : undefined),
    source: 'registry',
    direct: true,
    key: `${input.name}@${input.version}`,
    ...input,
  };
}

/** The fixed range `locate` gives the record at `index` of a test file: line = index. */
export function rangeAt(index: number): TextRange {
  return { start: { line: index, character: 2 }, end: { line: index, character: 20 } };
}

export interface TestFile extends ParsedFile {
  /** Keys passed to `locate`, in call order. */
  located: string[];
}

export function parsedFile(
  packages: PackageRecord[],
  kind: FileKind = 'lockfile',
  path = kind === 'lockfile' ? 'package-lock.json' : 'package.json',
): TestFile {
  const located: string[] = [];
  return {
    path,
    format: kind === 'lockfile' ? 'package-lock' : 'package-json',
    ecosystem: 'npm',
    kind,
    packages,
    problems: [],
    located,
    locate(record) {
      located.push(record.key);
      return rangeAt(packages.findIndex((candidate) => candidate.key === record.key));
    },
    introducedBy: () => [],
  };
}

export function packageOf(record: PackageRecord): FindingPackage {
  return {
    ecosystem: record.ecosystem,
    name: record.name,
    version: record.version,
    purl: record.purl,
  };
}

/** Range of the `occurrence`-th appearance of `needle` in `text`. */
export function rangeOf(text: string, needle: string, occurrence = 1): TextRange {
  let at = -1;
  for (let seen = 0; seen < occurrence; seen += 1) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`"${needle}" not found ${occurrence} times`);
  }
  return new LineIndex(text).rangeAt(at, needle.length);
}

export function orgPolicy(text: string): LoadedPolicy {
  return loadPolicyText(text, ORG_PATH, 'organization');
}

export function projectPolicy(text: string): LoadedPolicy {
  return loadPolicyText(text, PROJECT_PATH, 'project');
}

/** The effective policy of optional organization and project policy texts. */
export function effective(org?: string, project?: string): EffectivePolicy {
  return mergePolicies(
    org === undefined ? undefined : orgPolicy(org),
    project === undefined ? undefined : projectPolicy(project),
  );
}

/** A policy text of version 1 with the given top-level members. */
export function policyText(members: Record<string, unknown>): string {
  return JSON.stringify({ version: 1, ...members }, null, 2);
}

/** Range of the flat object that starts with `start` (up to its first closing brace). */
export function objectRange(text: string, start: string): TextRange {
  const from = text.indexOf(start);
  if (from === -1) throw new Error(`"${start}" not found`);
  const to = text.indexOf('}', from) + 1;
  return new LineIndex(text).rangeAt(from, to - from);
}

/** The policy example of SPEC.md section 2, verbatim (one line is longer than 100). */
export const SPEC_EXAMPLE = `{
  "version": 1,
  "mode": "enforced",            // or "advisory": nothing is reported above warning
  "defaultAction": "allow",      // or "deny": packages no allow rule matches are \`not-allowed\`
  "registries": {                // where packages may be downloaded from (lockfile resolved URLs)
    "npm": ["https://registry.npmjs.org/", "https://gitlab.example.com/api/v4/packages/npm/"]
  },
  "internalPackages": {          // names that must never resolve from a public registry
    "npm": ["@acme/*"]
  },
  "rules": [
    { "id": "no-event-stream", "action": "deny", "package": "pkg:npm/event-stream",
      "versions": "3.3.6", "reason": "Compromised release." },
    { "id": "new-vendor", "action": "quarantine", "package": "pkg:npm/@newco/*",
      "reason": "Pending security review." },
    { "id": "approved-lodash", "action": "allow", "package": "pkg:npm/lodash", "versions": ">=4.17.21" }
  ],
  "exceptions": [
    { "rule": "no-event-stream", "package": "pkg:npm/event-stream@3.3.6",
      "reason": "Vendored and patched.", "expires": "2027-01-31", "approvedBy": "security@acme" }
  ],
  "allowProjectExceptions": false  // organization layer only
}
`;
