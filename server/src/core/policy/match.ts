// SPDX-License-Identifier: Apache-2.0
// Purl globs of the policy (`pkg:npm/@newco/*`) and how they match package records.
//
// Glob rule: `*` matches any run of characters, `/` included, and everything else matches
// itself exactly (npm names are case-sensitive). So `pkg:npm/*` matches scoped packages too,
// and `pkg:npm/@newco/*` never matches `@newcoevil/x` because its literal part carries the `/`;
// only a glob written `pkg:npm/@newco*` would.
import type { Ecosystem, PackageRecord } from '../types';
import type { VersionScheme } from '../versions/scheme';

export const ECOSYSTEMS: readonly Ecosystem[] = [
  'npm',
  'pypi',
  'maven',
  'golang',
  'cargo',
  'gem',
  'nuget',
  'composer',
];

export function isEcosystem(value: string): value is Ecosystem {
  return (ECOSYSTEMS as readonly string[]).includes(value);
}

export interface PurlGlob {
  ecosystem: Ecosystem;
  /** Decoded name glob, `@scope/name` for npm. */
  name: string;
  version?: string;
}

function decodeSegments(body: string): string | undefined {
  const segments = body.split('/');
  if (segments.some((segment) => segment === '')) return undefined;
  try {
    return segments.map((segment) => decodeURIComponent(segment)).join('/');
  } catch (err) {
    // A malformed percent escape: the caller reports the glob as invalid.
    if (err instanceof URIError) return undefined;
    throw err;
  }
}

/**
 * Parses `pkg:<type>/<name-glob>[@version]` where the type is an ecosystem id and segments may
 * be percent-encoded (`%40scope`). Returns undefined when the text is not such a purl.
 */
export function parsePurlGlob(text: string): PurlGlob | undefined {
  if (!text.startsWith('pkg:')) return undefined;
  const rest = text.slice(4);
  const slash = rest.indexOf('/');
  if (slash <= 0) return undefined;

  const ecosystem = rest.slice(0, slash).toLowerCase();
  let body = rest.slice(slash + 1);
  // Qualifiers and subpaths select artifacts, not packages; the policy does not use them.
  if (!isEcosystem(ecosystem) || /[?#\s]/.test(body)) return undefined;

  // The version separator is the last `@` that does not start the name (npm scopes do).
  let version: string | undefined;
  const at = body.lastIndexOf('@');
  if (at > 0) {
    const decoded = decodeSegments(body.slice(at + 1));
    if (decoded === undefined) return undefined;
    version = decoded;
    body = body.slice(0, at);
  }

  const name = decodeSegments(body);
  if (name === undefined) return undefined;
  return version === undefined ? { ecosystem, name } : { ecosystem, name, version };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Limit: names are compared as written for every ecosystem; PyPI's normalisation (`Foo_Bar` is
// `foo-bar`) is not applied, so a rule must spell the name as the lockfile does.
/** A predicate for a name glob; exact names compare as strings. */
export function compileNameGlob(glob: string): (name: string) => boolean {
  if (!glob.includes('*')) return (name) => name === glob;
  const pattern = new RegExp(`^${glob.split('*').map(escapeRegExp).join('.*')}$`, 's');
  return (name) => pattern.test(name);
}

/**
 * Whether a record's version lies in `range`. Exact records must satisfy it; a manifest spec
 * matches only when every version it admits does. No range matches every version.
 */
export function matchesVersions(
  record: PackageRecord,
  range: string | undefined,
  scheme: VersionScheme,
): boolean {
  if (range === undefined) return true;
  if (record.exact) return scheme.satisfies(record.version, range);
  return scheme.isSubset(record.version, range);
}

/**
 * Items keyed by purl glob, looked up by package name. Exact names go to a map so that a policy
 * with many named rules costs one lookup per record; only real globs are tested one by one.
 */
export class PurlIndex<T> {
  private readonly exact = new Map<string, T[]>();
  private readonly globs: { ecosystem: Ecosystem; test: (name: string) => boolean; item: T }[] = [];

  add(glob: PurlGlob, item: T): void {
    if (glob.name.includes('*')) {
      this.globs.push({ ecosystem: glob.ecosystem, test: compileNameGlob(glob.name), item });
      return;
    }
    const key = `${glob.ecosystem}/${glob.name}`;
    const items = this.exact.get(key);
    if (items) items.push(item);
    else this.exact.set(key, [item]);
  }

  /** Items whose glob matches the name, in insertion order among exact names, then globs. */
  find(ecosystem: Ecosystem, name: string): T[] {
    const found = [...(this.exact.get(`${ecosystem}/${name}`) ?? [])];
    for (const glob of this.globs) {
      if (glob.ecosystem === ecosystem && glob.test(name)) found.push(glob.item);
    }
    return found;
  }
}
